// The live notebook in the editor, unsaved edits included, as a core NotebookModel.
import * as vscode from "vscode";
import type { CellKind, NotebookCellModel, NotebookModel } from "../../core/notebook/notebookModel";
import { readTags } from "../../core/notebook/cellMetadata";
import { assignCellIds } from "../../core/notebook/cellIds";
import { jupyterCellIdOf, jupyterMetadataOf } from "./jupyterCellMetadata";

function kindOf(cell: vscode.NotebookCell): CellKind {
  if (cell.kind === vscode.NotebookCellKind.Markup) return "markdown";
  return cell.document.languageId === "raw" ? "raw" : "code";
}

/**
 * The model made for each cell last time, with what it was made from. An unchanged cell
 * keeps its model object across edits elsewhere: the planner remembers its work per cell
 * object, so re-planning after an edit then redoes the edited cell only.
 */
const models = new WeakMap<vscode.NotebookCell, { readonly id: string; readonly index: number; readonly version: number; readonly languageId: string; readonly metadata: vscode.NotebookCell["metadata"]; readonly executionOrder: number | undefined; readonly model: NotebookCellModel }>();

function cellModel(cell: vscode.NotebookCell, id: string): NotebookCellModel {
  const known = models.get(cell);
  const { version, languageId } = cell.document;
  const executionOrder = cell.executionSummary?.executionOrder;
  if (known !== undefined && known.id === id && known.index === cell.index && known.version === version && known.languageId === languageId && known.metadata === cell.metadata && known.executionOrder === executionOrder) {
    return known.model;
  }
  const model = toCellModel(cell, id);
  models.set(cell, { id, index: cell.index, version, languageId, metadata: cell.metadata, executionOrder, model });
  return model;
}

function toCellModel(cell: vscode.NotebookCell, id: string): NotebookCellModel {
  const metadata = jupyterMetadataOf(cell);
  const kind = kindOf(cell);
  return {
    id,
    index: cell.index,
    kind,
    language: kind === "code" ? cell.document.languageId : kind,
    source: cell.document.getText(),
    tags: readTags(metadata),
    executionCount: cell.executionSummary?.executionOrder ?? null,
    metadata,
  };
}

export function toNotebookModel(notebook: vscode.NotebookDocument): NotebookModel {
  const vscodeCells = notebook.getCells();
  // The same ids the file readers give, so the editor and the CLI agree on every cell.
  const ids = assignCellIds(vscodeCells.map((cell) => ({ id: jupyterCellIdOf(cell), source: cell.document.getText() })));
  const cells = vscodeCells.map((cell, index) => cellModel(cell, ids[index] ?? `cell-${index}`));
  const language = cells.find((cell) => cell.kind === "code")?.language ?? "python";
  return { origin: notebook.uri.toString(), language, cells };
}
