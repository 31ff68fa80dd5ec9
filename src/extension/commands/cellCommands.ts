// Cell menu commands. Each writes cell metadata through a WorkspaceEdit, so the change
// marks the notebook dirty and Undo reverts it; nothing is saved behind the user's back.
import * as vscode from "vscode";
import {
  parametersCellChanges,
  readNb2prodMetadata,
  startStepAt,
  toggleExcluded,
} from "../../core/notebook/cellMetadata";
import { nextFreeStepName, stepNameProblem, toStepName } from "../../core/planning/stepName";
import { jupyterMetadataOf } from "../adapters/jupyterCellMetadata";
import { CommandId } from "../commandIds";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import { registerCommand, UserFacingError } from "./registerCommand";
import { applyCellMetadata as applyMetadata } from "./cellMetadataEdit";
import { resolveTargetCells } from "./targetCells";

/**
 * Says which cell a command changed: from the right-click menu on a cell's frame VS Code
 * passes no cell, so the editor's selection decides, and the user should see (and can
 * undo) what changed.
 */
export function announce(what: string): void {
  vscode.window.setStatusBarMessage(`nb2prod: ${what} (Undo: Ctrl+Z)`, 6000);
}

function existingStepNames(notebook: vscode.NotebookDocument): string[] {
  return notebook.getCells().flatMap((cell) => {
    const reading = readNb2prodMetadata(jupyterMetadataOf(cell));
    return reading.ok && reading.value.step !== undefined ? [reading.value.step] : [];
  });
}

/** A name from the nearest markdown heading above the cell, else `step_N`. */
function suggestStepName(notebook: vscode.NotebookDocument, index: number): string {
  const taken = existingStepNames(notebook);
  for (let i = index - 1; i >= 0; i -= 1) {
    const cell = notebook.cellAt(i);
    if (cell.kind !== vscode.NotebookCellKind.Markup) continue;
    const heading = /^#{1,6}\s+(.+)$/m.exec(cell.document.getText());
    if (heading?.[1] !== undefined) {
      const name = toStepName(heading[1]);
      if (!taken.includes(name)) return name;
    }
    break;
  }
  return nextFreeStepName(taken);
}

async function startStepHere(cellArg: unknown, nameArg: unknown): Promise<string | undefined> {
  const { notebook, cells } = resolveTargetCells(cellArg);
  const cell = cells[0];
  if (cell === undefined) return undefined;
  let name = typeof nameArg === "string" ? nameArg : undefined;
  if (name === undefined) {
    name = await vscode.window.showInputBox({
      title: `Start a new pipeline step at cell ${cell.index + 1}`,
      prompt: "Name of the step (becomes a Python module and function name)",
      value: suggestStepName(notebook, cell.index),
      validateInput: (value) => stepNameProblem(value.trim()),
    });
    if (name === undefined) return undefined;
  }
  name = name.trim();
  const problem = stepNameProblem(name);
  if (problem !== undefined) throw new UserFacingError(problem);
  await applyMetadata(notebook, [{ index: cell.index, jupyter: startStepAt(jupyterMetadataOf(cell), name) }]);
  announce(`step "${name}" starts at cell ${cell.index + 1}`);
  return name;
}

async function toggleExclude(cellArg: unknown): Promise<boolean[]> {
  const { notebook, cells } = resolveTargetCells(cellArg);
  const results = cells.map((cell) => ({ index: cell.index, ...toggleExcluded(jupyterMetadataOf(cell)) }));
  await applyMetadata(notebook, results.map((result) => ({ index: result.index, jupyter: result.metadata })));
  announce(results.map((result) => `cell ${result.index + 1} ${result.excluded ? "excluded from" : "included in"} the pipeline`).join("; "));
  return results.map((result) => result.excluded);
}

async function markParameters(cellArg: unknown): Promise<number | undefined> {
  const { notebook, cells } = resolveTargetCells(cellArg);
  const cell = cells[0];
  if (cell === undefined) return undefined;
  const changes = parametersCellChanges(notebook.getCells().map(jupyterMetadataOf), cell.index);
  await applyMetadata(notebook, changes.map((change) => ({ index: change.index, jupyter: change.metadata })));
  announce(`cell ${cell.index + 1} is the parameters cell`);
  return cell.index;
}

export function registerCellCommands(store: DisposableStore, log: Log): void {
  store.track(registerCommand(log, CommandId.startStepHere, (cell, name) => startStepHere(cell, name)));
  store.track(registerCommand(log, CommandId.startStepHereFromToolbar, (cell, name) => startStepHere(cell, name)));
  store.track(registerCommand(log, CommandId.toggleExcludeCell, (cell) => toggleExclude(cell)));
  store.track(registerCommand(log, CommandId.markParametersCell, (cell) => markParameters(cell)));
}
