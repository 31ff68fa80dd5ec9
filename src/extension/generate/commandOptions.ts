// The internal options a command takes as its last argument. Only tests pass them; menus
// pass other objects, which do not parse and so leave the defaults. Every option can
// only make a command more careful, never skip a safety check.
import * as vscode from "vscode";
import { z } from "zod";

const commandOptionsSchema = z.strictObject({
  /** false: apply without VS Code's Refactor Preview (tests cannot click it). */
  confirm: z.boolean().optional(),
  /** true: behave as in an untrusted workspace (the tests' VS Code trusts every folder). */
  assumeUntrusted: z.boolean().optional(),
});

export interface CommandOptions {
  readonly confirm: boolean;
  readonly trusted: boolean;
}

export function parseCommandOptions(arg: unknown): CommandOptions {
  const parsed = commandOptionsSchema.safeParse(arg);
  const options = parsed.success ? parsed.data : {};
  return { confirm: options.confirm ?? true, trusted: vscode.workspace.isTrusted && options.assumeUntrusted !== true };
}
