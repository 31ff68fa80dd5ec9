// The one error the notebook readers throw. Its message is a single line a user can act
// on: which file, what is wrong with it, and what to do about it.
import { InputError } from "../inputError";

export class NotebookReadError extends InputError {
  override readonly name = "NotebookReadError";

  /**
   * @param origin the path or URI of the notebook
   * @param problem what is wrong, without a final period
   * @param remedy what the user can do, as one or more full sentences
   */
  constructor(
    readonly origin: string,
    readonly problem: string,
    readonly remedy: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot read ${origin}: ${problem}. ${remedy}`, options);
  }
}
