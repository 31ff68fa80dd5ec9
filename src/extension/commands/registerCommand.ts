// One wrapper for every command: it logs the call and turns an exception into an error
// message that says what happened, instead of a silent failure.
import * as vscode from "vscode";
import { InputError } from "../../core/inputError";
import type { CommandId } from "../commandIds";
import type { Log } from "../log";

/** A button on a message that runs a command: the next thing the user can do. */
export interface MessageAction {
  readonly title: string;
  readonly command: string;
  readonly args?: readonly unknown[];
}

/** An expected failure: its message says what happened and what to do; its actions offer the fix. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly actions: readonly MessageAction[] = [],
  ) {
    super(message);
  }
}

/** Shows a warning with one button per action, and runs the chosen action's command. */
export function showWarningWithActions(message: string, actions: readonly MessageAction[]): void {
  void vscode.window.showWarningMessage(message, ...actions.map((action) => action.title)).then((choice) => {
    const chosen = actions.find((action) => action.title === choice);
    if (chosen !== undefined) void vscode.commands.executeCommand(chosen.command, ...(chosen.args ?? []));
  });
}

/** A short, safe description of command arguments for the log (never their content). */
function describeArgs(args: readonly unknown[]): string {
  return args
    .map((arg) => {
      if (arg === null || typeof arg !== "object") return typeof arg;
      return `{${Object.keys(arg).slice(0, 6).join(", ")}}`;
    })
    .join(", ");
}

export function registerCommand(
  log: Log,
  id: CommandId,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    log.info(`command ${id} (${describeArgs(args)})`);
    try {
      return await handler(...args);
    } catch (error) {
      // The user cancelled (a progress notification): nothing to report.
      if (error instanceof vscode.CancellationError) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof UserFacingError || error instanceof InputError) {
        log.warn(`${id}: ${message}`);
        showWarningWithActions(message, error instanceof UserFacingError ? error.actions : []);
      } else {
        log.error(`${id} failed`, error);
        void vscode.window.showErrorMessage(`nb2prod: ${message}`, "Show Log").then((choice) => {
          if (choice === "Show Log") log.show();
        });
      }
      return undefined;
    }
  });
}
