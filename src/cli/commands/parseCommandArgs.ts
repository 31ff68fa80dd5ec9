import { UsageError } from "../cliTypes";

/** Runs node:util parseArgs and turns its complaints into a one-line usage error. */
export function parseCommandArgs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] ?? error.message : String(error);
    throw new UsageError(message.replace(/\.$/, "").replace(/\s+To specify.*$/, ""));
  }
}
