// One wrapper for every command: it logs the call and turns an exception into an error
// message that says what happened, instead of a silent failure.
import * as vscode from "vscode";
import type { CommandId } from "../commandIds";
import type { Log } from "../log";

export class UserFacingError extends Error {}

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
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof UserFacingError) {
        log.warn(`${id}: ${message}`);
        void vscode.window.showWarningMessage(message);
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
