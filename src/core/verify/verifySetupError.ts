// Verify could not start: the project, the notebook or the interpreter is not usable.
// Its message is one line a user can act on, like NotebookReadError's.
import { InputError } from "../inputError";

export class VerifySetupError extends InputError {
  override readonly name = "VerifySetupError";

  /**
   * @param problem what is wrong, without a final period
   * @param remedy what the user can do, as one or more full sentences
   */
  constructor(
    readonly problem: string,
    readonly remedy: string,
    options?: ErrorOptions,
  ) {
    super(`${problem}. ${remedy}`, options);
  }
}
