// nb2prod: Undo Last Generation — puts back what the last generation wrote: new files
// are deleted, regenerated ones get their earlier text (written atomically through the
// core FileSystem port). Files changed since are left alone and named, so an undo never
// loses the user's work.
import { rm, rmdir } from "node:fs/promises";
import { dirname, sep } from "node:path";
import * as vscode from "vscode";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { CommandId } from "../commandIds";
import { registerCommand, UserFacingError } from "../commands/registerCommand";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import type { GenerationHistory, WrittenFile } from "./generationHistory";

export interface UndoResult {
  readonly reverted: readonly string[];
  readonly skipped: readonly string[];
}

/** Removes the folders the deleted files leave empty, up to the project folder itself; rmdir never removes a folder with anything in it. */
async function removeEmptyFolders(files: readonly string[], projectDir: string): Promise<void> {
  const deepestFirst = [...new Set(files.map((file) => dirname(file)))].sort((a, b) => b.length - a.length);
  for (const start of deepestFirst) {
    for (let folder = start; folder === projectDir || folder.startsWith(`${projectDir}${sep}`); folder = dirname(folder)) {
      try {
        await rmdir(folder);
      } catch {
        break; // Not empty (or already gone): its parents are not empty either.
      }
    }
  }
}

/** Puts one file back; false when it changed since the generation wrote it. */
async function revert(fs: NodeFileSystem, file: WrittenFile): Promise<boolean> {
  const current = (await fs.exists(file.target)) ? await fs.readText(file.target) : undefined;
  if (current !== file.after) return current === undefined && file.before === undefined;
  if (file.before === undefined) await rm(file.target, { force: true });
  else await fs.writeTextAtomic(file.target, file.before);
  return true;
}

async function undoGeneration(history: GenerationHistory): Promise<UndoResult> {
  const generation = history.latest;
  if (generation === undefined) throw new UserFacingError("There is no generation to undo in this session.");
  const fs = new NodeFileSystem();
  const reverted: WrittenFile[] = [];
  const skipped: string[] = [];
  for (const file of generation.files) {
    if (await revert(fs, file)) reverted.push(file);
    else skipped.push(file.path);
  }
  await removeEmptyFolders(reverted.filter((file) => file.before === undefined).map((file) => file.target), generation.projectDir.fsPath);
  history.record(undefined);
  const kept = skipped.length === 0 ? "" : ` Left alone because they changed since: ${skipped.join(", ")}.`;
  void vscode.window.showInformationMessage(`Undid the generation of ${generation.projectLabel}: ${reverted.length} files put back.${kept}`);
  return { reverted: reverted.map((file) => file.path), skipped };
}

export function registerUndoGenerationCommand(store: DisposableStore, log: Log, history: GenerationHistory): void {
  store.track(registerCommand(log, CommandId.undoGeneration, () => undoGeneration(history)));
}
