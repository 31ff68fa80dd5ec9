// Which cells a cell command acts on. VS Code passes (checked in VS Code 1.139):
// - the cell toolbar: the NotebookCell;
// - the right-click menu inside a cell's code (`editor/context`): the Uri of the cell's
//   document (scheme vscode-notebook-cell), so the cell under the pointer is known;
// - the right-click menu on the cell's frame (`notebook/cell/title` items):
//   `{from: "cellContainer"}` and no cell. The right-click moves the notebook's focus to
//   that cell but not its selection, and the API shows only the selection: the selected
//   cells are used;
// - the command palette: nothing; the selection is used.
// A right-clicked cell that is part of a multi-cell selection stands for the selection.
import * as vscode from "vscode";
import { UserFacingError } from "./registerCommand";

function isNotebookCell(value: unknown): value is vscode.NotebookCell {
  return (
    typeof value === "object" &&
    value !== null &&
    "notebook" in value &&
    "index" in value &&
    "document" in value &&
    typeof (value as { index: unknown }).index === "number"
  );
}

export interface TargetCells {
  readonly notebook: vscode.NotebookDocument;
  readonly cells: readonly vscode.NotebookCell[];
}

/** The open notebook cell whose document has this Uri. */
export function cellOfDocumentUri(uri: vscode.Uri): vscode.NotebookCell | undefined {
  const key = uri.toString();
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((candidate) => candidate.document.uri.toString() === key);
    if (cell !== undefined) return cell;
  }
  return undefined;
}

/** The cells selected in the notebook's editor (visible or active), in notebook order. */
export function selectedCells(notebook?: vscode.NotebookDocument): TargetCells | undefined {
  const editor =
    notebook === undefined
      ? vscode.window.activeNotebookEditor
      : vscode.window.visibleNotebookEditors.find((candidate) => candidate.notebook === notebook);
  if (editor === undefined) return undefined;
  const indexes = new Set<number>();
  for (const range of editor.selections) {
    for (let index = range.start; index < range.end; index += 1) indexes.add(index);
  }
  const cells = [...indexes].sort((a, b) => a - b).flatMap((index) => (index < editor.notebook.cellCount ? [editor.notebook.cellAt(index)] : []));
  return { notebook: editor.notebook, cells };
}

/** The one cell a menu passed (toolbar cell or right-clicked code), if it passed one. */
export function pointedCell(arg: unknown): vscode.NotebookCell | undefined {
  if (isNotebookCell(arg)) return arg;
  if (arg instanceof vscode.Uri && arg.scheme === "vscode-notebook-cell") return cellOfDocumentUri(arg);
  return undefined;
}

export function resolveTargetCells(arg: unknown): TargetCells {
  const pointed = pointedCell(arg);
  if (isNotebookCell(arg) && pointed !== undefined) return { notebook: pointed.notebook, cells: [pointed] };
  if (pointed !== undefined) {
    const selection = selectedCells(pointed.notebook);
    const inSelection = selection !== undefined && selection.cells.length > 1 && selection.cells.some((cell) => cell.index === pointed.index);
    return inSelection ? selection : { notebook: pointed.notebook, cells: [pointed] };
  }
  const selection = selectedCells();
  if (selection === undefined) throw new UserFacingError("Open a notebook and select a cell first.");
  if (selection.cells.length === 0) throw new UserFacingError("Select a cell in the notebook first.");
  return selection;
}
