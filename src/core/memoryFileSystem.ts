// An in-memory FileSystem for tests (like ts-morph's InMemoryFileSystemHost). Its atomic
// write goes through a temporary file and a rename like the real one, and a test can
// make the next write fail halfway to check that callers never leave a torn file.
import { posix } from "node:path";
import { FileNotFoundError } from "./ports";
import type { FileSystem } from "./ports";

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, string>();
  private pendingFailure: Error | undefined;
  private writeCount = 0;

  constructor(files: Readonly<Record<string, string>> = {}) {
    for (const [path, text] of Object.entries(files)) this.files.set(posix.normalize(path), text);
  }

  readText(path: string): Promise<string> {
    const text = this.files.get(posix.normalize(path));
    return text === undefined ? Promise.reject(new FileNotFoundError(path)) : Promise.resolve(text);
  }

  exists(path: string): Promise<boolean> {
    return Promise.resolve(this.files.has(posix.normalize(path)));
  }

  /** Folders exist only as prefixes of stored files, as in a blob store. */
  listDir(path: string): Promise<string[]> {
    const folder = posix.normalize(path).replace(/\/+$/, "");
    const prefix = folder === "." ? "" : `${folder}/`;
    const names = new Set<string>();
    for (const file of this.files.keys()) {
      if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split("/")[0] ?? "");
    }
    names.delete("");
    if (names.size === 0) return Promise.reject(new FileNotFoundError(path));
    return Promise.resolve([...names].sort());
  }

  writeTextAtomic(path: string, text: string): Promise<void> {
    const target = posix.normalize(path);
    this.writeCount += 1;
    const temp = posix.join(posix.dirname(target), `.${posix.basename(target)}.${this.writeCount}.tmp`);
    try {
      this.writeTemp(temp, text);
      this.files.set(target, text);
      this.files.delete(temp);
      return Promise.resolve();
    } catch (error) {
      this.files.delete(temp);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The next write stores half its text in the temporary file, then fails with `error`. */
  failNextWrite(error: Error): void {
    this.pendingFailure = error;
  }

  /** Every stored path, temporary files included, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  private writeTemp(temp: string, text: string): void {
    const failure = this.pendingFailure;
    if (failure === undefined) {
      this.files.set(temp, text);
      return;
    }
    this.pendingFailure = undefined;
    this.files.set(temp, text.slice(0, Math.floor(text.length / 2)));
    throw failure;
  }
}
