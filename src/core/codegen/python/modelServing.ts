// What the generated project registers and serves: the model the training steps make,
// the data it was trained on (its input example), and what verify saw of that data (the
// request schema of the served model).
import type { ObservedData } from "../../verify/verifyReport";
import type { ObservedDataByStep } from "./dataChecks";
import type { ServingInput, StepStructure } from "./structures";

/**
 * What the flow logs to MLflow once the last training step is done (in the background,
 * while the later steps run) and registers once every step succeeded: the training
 * steps' outputs are the model candidates (tracking.py takes the last one with a
 * `predict` method), their inputs from earlier steps the input-example candidates. No
 * training step, nothing to register.
 */
export interface ModelRegistration {
  /** The step the model_version event names: the registration step, else the last training step. */
  readonly step: string;
  /** After this step the model is logged. */
  readonly lastTraining: string;
  /** (step, output) pairs. */
  readonly models: [string, string][];
  readonly examples: [string, string][];
}

export function modelRegistration(steps: readonly StepStructure[]): ModelRegistration | undefined {
  const training = steps.filter((step) => step.stage === "training");
  const models = training.flatMap((step) => step.outputs.filter((output) => !step.reports.some((report) => report.name === output.name)).map((output): [string, string] => [step.name, output.name]));
  if (models.length === 0) return undefined;
  const examples = training.flatMap((step) => step.inputs.flatMap((input): [string, string][] => (input.fromStep === undefined ? [] : [[input.fromStep, input.name]])));
  const lastTraining = training[training.length - 1]?.name ?? "";
  const step = steps.find((candidate) => candidate.stage === "registration")?.name ?? lastTraining;
  return { step, lastTraining, models, examples };
}


/**
 * The served model's input as the notebook's run had it: the first input-example
 * candidate verify saw as a DataFrame or a 1- or 2-dimensional numeric array. Undefined
 * without a verify report: the request schema then takes any row, and says so.
 */
export function servingInput(registration: ModelRegistration | undefined, observed: ObservedDataByStep): ServingInput | undefined {
  for (const [step, name] of registration?.examples ?? []) {
    const data: ObservedData | undefined = observed[step]?.[name];
    if (data?.kind === "dataframe" && data.columns.length > 0) return { step, name, data };
    if (data?.kind === "array" && (data.ndim === 1 || data.ndim === 2)) return { step, name, data };
  }
  return undefined;
}
