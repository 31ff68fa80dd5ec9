// Interfaces through which the core reaches the outside world. The extension and the CLI
// pass the real implementations, tests pass in-memory ones, so the core never touches
// the disk (or VS Code) directly. Modelled on ts-morph's FileSystemHost.

/** Files as text (UTF-8). Paths are whatever the caller uses; the port does not resolve them. */
export interface FileSystem {
  /** Rejects with {@link FileNotFoundError} when nothing exists at `path`. */
  readText(path: string): Promise<string>;
  /**
   * Replaces the file's content so that a reader sees either the old text or the new
   * one, never a mix: the text goes to a temporary file beside the target, which is
   * then renamed over it. An existing file keeps its permissions. On failure the
   * target is unchanged and no temporary file is left behind.
   */
  writeTextAtomic(path: string, text: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /**
   * Names (not paths) of the entries directly inside the folder `path`, files and
   * folders alike, sorted. Rejects with {@link FileNotFoundError} when there is no such
   * folder. Optional, so implementations written before it still conform.
   */
  listDir?(path: string): Promise<string[]>;
  /**
   * `path` with every symbolic link resolved; for a path that does not exist yet, its
   * nearest existing folder resolved and the rest appended. Optional: a file system
   * without links (in memory) leaves it out, and paths are then taken as written.
   */
  realPath?(path: string): Promise<string>;
  /** The file's bytes, for readers that must see exactly what is there (invalid UTF-8). Optional. */
  readBytes?(path: string): Promise<Uint8Array>;
  /** The file's size in bytes (rejects with FileNotFoundError when it is missing). Optional. */
  size?(path: string): Promise<number>;
}

/** A missing file is a normal outcome callers explain to the user, so it has its own type. */
export class FileNotFoundError extends Error {
  override readonly name = "FileNotFoundError";

  constructor(
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(`File not found: ${path}`, options);
  }
}

// Running a program (a Python interpreter): the Node implementation is nodeProcessRunner.ts;
// tests pass scripted fakes.
export interface ProcessOptions {
  /** Killed (with everything it started) after this long. */
  readonly timeoutMs?: number;
  readonly cwd?: string;
  /** Added to, and overriding, the environment the program inherits. */
  readonly env?: Readonly<Record<string, string>>;
  /** Aborting kills the program (with everything it started), like the timeout; an aborted signal starts nothing. */
  readonly signal?: AbortSignal;
}

export interface ProcessStartError {
  /** The system's error code: `ENOENT` (no such program), `EACCES` (not executable), ... */
  readonly code: string;
  readonly message: string;
}

export interface ProcessResult {
  /** Undefined when the program could not be started or was killed. */
  readonly exitCode: number | undefined;
  /** The end of what the program printed (a long output keeps only its last part). */
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the caller's signal ended the program, or aborted before it started. */
  readonly cancelled?: boolean;
  /** Set when the program could not be started at all. */
  readonly startError?: ProcessStartError;
}

export interface ProcessRunner {
  run(program: string, args: readonly string[], options?: ProcessOptions): Promise<ProcessResult>;
}
