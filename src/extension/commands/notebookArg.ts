// Which notebook a command acts on: a Uri argument (tree items, tests), else the active
// notebook editor. Menus (the notebook toolbar, view titles) pass other objects or
// nothing: those fall back to the active editor.
import * as vscode from "vscode";
import { UserFacingError } from "./registerCommand";

export function isUri(value: unknown): value is vscode.Uri {
  return value instanceof vscode.Uri;
}

/** @param commandTitle the command to name in the error when no notebook is open */
export async function notebookFor(arg: unknown, commandTitle: string): Promise<vscode.NotebookDocument> {
  if (isUri(arg)) {
    const open = vscode.workspace.notebookDocuments.find((doc) => doc.uri.toString() === arg.toString());
    return open ?? (await vscode.workspace.openNotebookDocument(arg));
  }
  const active = vscode.window.activeNotebookEditor?.notebook;
  if (active !== undefined) return active;
  throw new UserFacingError(`Open a Jupyter notebook (.ipynb) first, then run ${commandTitle}.`);
}
