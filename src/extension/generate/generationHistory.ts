// The files the last generation wrote, so "Undo Generation" can put them back. Kept for
// the session only; the context key shows the command in the palette while it has work.
import * as vscode from "vscode";
import { ContextKey } from "../commandIds";

/** A file a generation wrote, with its text before (undefined: it was created), to undo it. */
export interface WrittenFile {
  /** Absolute path. */
  readonly target: string;
  /** Relative to the project folder. */
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string;
}

export interface Generation {
  readonly projectLabel: string;
  readonly projectDir: vscode.Uri;
  readonly files: readonly WrittenFile[];
}

export class GenerationHistory {
  private last: Generation | undefined;

  get latest(): Generation | undefined {
    return this.last;
  }

  record(generation: Generation | undefined): void {
    this.last = generation !== undefined && generation.files.length > 0 ? generation : undefined;
    void vscode.commands.executeCommand("setContext", ContextKey.canUndoGeneration, this.last !== undefined);
  }
}
