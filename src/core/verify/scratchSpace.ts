// The port for verify's temporary files: the harness, its input, the captured values and
// the results. They live in a folder of their own outside the project and the notebook's
// folder, and are removed when verify ends, whatever happened.

export interface ScratchDir {
  /** Absolute path of the folder, handed to the Python harness. */
  readonly path: string;
  /** Writes a file at a path relative to the folder, creating parent folders. */
  write(relativePath: string, text: string): Promise<void>;
  /** The file's text, or undefined when it does not exist. */
  read(relativePath: string): Promise<string | undefined>;
  /** Removes the folder and everything in it. */
  remove(): Promise<void>;
}

export interface ScratchSpace {
  create(): Promise<ScratchDir>;
}
