// Applies a FilePlan to a folder through the FileSystem port. Each file is written
// atomically; a file is replaced only when nb2prod wrote it and nobody changed it since
// (its header's content hash still matches). Anything else is a conflict, left alone.
import { posix } from "node:path";
import type { FileSystem } from "../ports";
import { isUnchangedSinceGeneration, parseHeader } from "./fileHeader";
import type { FilePlan, PlannedFile } from "./filePlan";

export type WriteOutcome = "created" | "updated" | "unchanged" | "conflict";

export interface FileWriteResult {
  readonly path: string;
  readonly outcome: WriteOutcome;
  /** Why a conflict is one, in words for the user. */
  readonly reason?: string;
}

export interface WriteReport {
  readonly results: readonly FileWriteResult[];
  readonly conflicts: readonly FileWriteResult[];
}

/**
 * Writes every file of `plan` under `root`. The FileSystem port has no folders, so the
 * caller that needs them created (a real disk) passes `prepareFolder`.
 */
export async function writeFilePlan(
  fs: FileSystem,
  root: string,
  plan: FilePlan,
  prepareFolder?: (folder: string) => Promise<void>,
): Promise<WriteReport> {
  const results: FileWriteResult[] = [];
  for (const file of plan.files) {
    const target = posix.join(root, file.path);
    if (prepareFolder !== undefined) await prepareFolder(posix.dirname(target));
    results.push(await writePlannedFile(fs, target, file));
  }
  return { results, conflicts: results.filter((result) => result.outcome === "conflict") };
}

async function writePlannedFile(fs: FileSystem, target: string, file: PlannedFile): Promise<FileWriteResult> {
  if (!(await fs.exists(target))) {
    await fs.writeTextAtomic(target, file.content);
    return { path: file.path, outcome: "created" };
  }
  const existing = await fs.readText(target);
  if (existing === file.content) return { path: file.path, outcome: "unchanged" };
  const reason = conflictReason(existing, file);
  if (reason !== undefined) return { path: file.path, outcome: "conflict", reason };
  await fs.writeTextAtomic(target, file.content);
  return { path: file.path, outcome: "updated" };
}

function conflictReason(existing: string, file: PlannedFile): string | undefined {
  const header = parseHeader(existing);
  if (header === undefined) return "the file exists and was not written by nb2prod";
  if (!isUnchangedSinceGeneration(header)) {
    return file.ownership === "user"
      ? "you extended this file since nb2prod generated it (expected for tests); delete it to get a fresh one"
      : "you changed the file since nb2prod generated it; delete or revert it to regenerate";
  }
  return undefined;
}
