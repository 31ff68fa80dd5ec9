// Writes cells' Jupyter metadata through one WorkspaceEdit: the notebook becomes dirty,
// nothing is saved behind the user's back, and one Undo reverts the whole change.
import * as vscode from "vscode";
import { withJupyterMetadata } from "../adapters/jupyterCellMetadata";
import { UserFacingError } from "./registerCommand";

export interface JupyterMetadataChange {
  readonly index: number;
  readonly jupyter: Record<string, unknown>;
}

export async function applyCellMetadata(notebook: vscode.NotebookDocument, changes: readonly JupyterMetadataChange[]): Promise<void> {
  if (changes.length === 0) return;
  const edit = new vscode.WorkspaceEdit();
  edit.set(
    notebook.uri,
    changes.map((change) =>
      vscode.NotebookEdit.updateCellMetadata(change.index, withJupyterMetadata(notebook.cellAt(change.index), change.jupyter)),
    ),
  );
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new UserFacingError("The notebook could not be changed (is it read-only?). Nothing was modified.");
  }
}
