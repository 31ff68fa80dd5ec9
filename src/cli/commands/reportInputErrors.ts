import { InputError } from "../../core/inputError";
import type { CliIo } from "../cliTypes";
import { EXIT_FAILURE } from "../cliTypes";

/** Runs a command body; an InputError (bad notebook, project, plan…) becomes one line and exit 1. */
export async function reportInputErrors(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`nb2prod: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
