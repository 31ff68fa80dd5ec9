export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `nb2prod --help`. */
  readonly summary: string;
  /** Full usage text for `nb2prod <command> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
/** The command ran and found a problem in its input (a bad notebook, a failed check). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Wrong usage of a command: reported as one line, exit code 2. */
export class UsageError extends Error {}
