import { UsageError } from "../cliTypes";

/** Runs node:util parseArgs and turns its complaints into a one-line usage error. */
export function parseCommandArgs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] ?? error.message : String(error);
    // Node appends advice about "--" that does not fit our commands; drop it and the final period.
    throw new UsageError(message.replace(/\s+To specify.*$/, "").replace(/\.$/, ""));
  }
}
