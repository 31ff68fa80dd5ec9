import * as assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import type { Nb2prodApi } from "../../../src/extension/extension";

export const EXTENSION_ID = "nb2prod.nb2prod";

export async function activateExtension(): Promise<Nb2prodApi> {
  const extension = vscode.extensions.getExtension<Nb2prodApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the tests need a workspace folder");
  return folder.uri.fsPath;
}

let copies = 0;

/** Opens a fresh copy of a workspace notebook, so tests never share edits. */
export async function openNotebookCopy(relativePath: string): Promise<vscode.NotebookEditor> {
  const source = join(workspaceRoot(), relativePath);
  copies += 1;
  const target = source.replace(/\.ipynb$/, `.copy${copies}.ipynb`);
  copyFileSync(source, target);
  const document = await vscode.workspace.openNotebookDocument(vscode.Uri.file(target));
  return vscode.window.showNotebookDocument(document);
}

export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function jupyterMetadata(cell: vscode.NotebookCell): Record<string, unknown> {
  const holder = cell.metadata as { metadata?: Record<string, unknown> };
  return holder.metadata ?? {};
}

/**
 * Undo, as Ctrl+Z in the notebook does. "undo" goes to whatever has focus: a task's
 * terminal an earlier test revealed, or a cell's text editor, would take it and leave the
 * notebook's own edit in place. So the panel is closed and the notebook is focused out of
 * cell editing first.
 */
export async function undoInNotebook(notebook: vscode.NotebookDocument): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.closePanel");
  await vscode.window.showNotebookDocument(notebook);
  try {
    await vscode.commands.executeCommand("notebook.cell.quitEdit");
  } catch {
    // No cell was being edited.
  }
  await vscode.commands.executeCommand("undo");
}
