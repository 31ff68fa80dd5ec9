// Applies a FilePlan to a folder through the FileSystem port. Each file is written
// atomically; a file is replaced only when nb2prod wrote it and nobody changed it since
// (its header's content hash still matches). Anything else is a conflict, left alone.
import { posix, sep } from "node:path";
import { InputError } from "../inputError";
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

/** What writing one planned file would do, decided before anything is written. */
export interface PlannedWrite extends FileWriteResult {
  readonly file: PlannedFile;
  /** `root` joined with the file's path. */
  readonly target: string;
  /** The file's current text, when it exists (an editor's undo or diff needs it). */
  readonly existing?: string;
}

/**
 * Decides, without writing, what {@link writeFilePlan} does with each file of `plan`:
 * create it, update it, leave it unchanged, or report it as a conflict. The editor shows
 * this as a preview and applies it itself.
 */
export async function planFileWrites(fs: FileSystem, root: string, plan: FilePlan): Promise<PlannedWrite[]> {
  const writes: PlannedWrite[] = [];
  const realRoot = fs.realPath === undefined ? undefined : await fs.realPath(root);
  for (const file of plan.files) {
    const target = posix.join(root, confinedPath(file.path));
    if (fs.realPath !== undefined && realRoot !== undefined) {
      const real = await fs.realPath(target);
      if (!isInside(real, realRoot)) {
        throw new OutsideOutputError(`${file.path} would be written to ${real}, outside the output folder ${root} (a symbolic link leads there); nothing was written. Remove the link or choose another output folder.`);
      }
    }
    writes.push(await planWrite(fs, target, file));
  }
  return writes;
}

/** A file nb2prod would write outside the folder it was given: refused before anything is written. */
export class OutsideOutputError extends InputError {}

/** `path` when it is a plain relative path inside its root (no `..`, not absolute, no NUL), else an error. */
function confinedPath(path: string): string {
  const normal = posix.normalize(path);
  if (path === "" || path.includes("\0") || path.includes("\\") || posix.isAbsolute(path) || normal !== path || normal === ".." || normal.startsWith("../")) {
    throw new OutsideOutputError(`Refusing to write ${JSON.stringify(path)}: a generated file must have a plain path inside the output folder; nothing was written.`);
  }
  return normal;
}

function isInside(path: string, root: string): boolean {
  const base = root.endsWith(sep) ? root : `${root}${sep}`;
  return path.startsWith(base);
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
  for (const write of await planFileWrites(fs, root, plan)) {
    if (write.outcome === "created" || write.outcome === "updated") {
      if (prepareFolder !== undefined) await prepareFolder(posix.dirname(write.target));
      await fs.writeTextAtomic(write.target, write.file.content);
    }
    results.push(write.reason === undefined ? { path: write.path, outcome: write.outcome } : { path: write.path, outcome: write.outcome, reason: write.reason });
  }
  return { results, conflicts: results.filter((result) => result.outcome === "conflict") };
}

async function planWrite(fs: FileSystem, target: string, file: PlannedFile): Promise<PlannedWrite> {
  const base = { path: file.path, file, target };
  if (!(await fs.exists(target))) return { ...base, outcome: "created" };
  const existing = await fs.readText(target);
  if (existing === file.content) return { ...base, existing, outcome: "unchanged" };
  const reason = conflictReason(existing, file);
  if (reason !== undefined) return { ...base, existing, outcome: "conflict", reason };
  return { ...base, existing, outcome: "updated" };
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
