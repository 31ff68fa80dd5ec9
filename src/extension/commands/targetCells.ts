// Cell commands are invoked from the cell toolbar (argument: the NotebookCell), from the
// cell right-click menu (argument: `{from: "cellContainer"}`, no cell) and from the command
// palette (no argument). Without a cell, the editor's selection says which cells.
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

export function resolveTargetCells(arg: unknown): TargetCells {
  if (isNotebookCell(arg)) return { notebook: arg.notebook, cells: [arg] };
  const editor = vscode.window.activeNotebookEditor;
  if (editor === undefined) {
    throw new UserFacingError("Open a notebook and select a cell first.");
  }
  const seen = new Set<number>();
  const cells: vscode.NotebookCell[] = [];
  for (const range of editor.selections) {
    for (const cell of editor.notebook.getCells(range)) {
      if (!seen.has(cell.index)) {
        seen.add(cell.index);
        cells.push(cell);
      }
    }
  }
  if (cells.length === 0) throw new UserFacingError("Select a cell in the notebook first.");
  return { notebook: editor.notebook, cells };
}
