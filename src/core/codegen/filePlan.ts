// What generation produces before anything touches the disk: every file of the project
// with its content, the cells it comes from and who owns it. A preview shows it, the
// writer applies it.

/**
 * `generated`: nb2prod owns the file and rewrites it while the user has not changed it.
 * `user`: written once as a starting point (tests to extend); never rewritten afterwards.
 */
export type FileOwnership = "generated" | "user";

export interface PlannedFile {
  /** Relative to the project root, with forward slashes. */
  readonly path: string;
  /** The full text, header included. */
  readonly content: string;
  readonly ownership: FileOwnership;
  readonly cellIds: readonly string[];
  readonly sourceHash: string;
}

export interface GenerationWarning {
  readonly code: string;
  readonly message: string;
  readonly cellId?: string;
  readonly line?: number;
}

export interface FilePlan {
  readonly projectName: string;
  readonly packageName: string;
  readonly files: readonly PlannedFile[];
  readonly warnings: readonly GenerationWarning[];
}
