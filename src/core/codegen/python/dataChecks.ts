// Which data the generated data checks cover: the DataFrames, Series and numeric arrays
// one early step hands on, as `nb2prod verify` saw them in the notebook's run. Without
// a verify report nothing is checked: a schema is never guessed.
import type { ObservedData } from "../../verify/verifyReport";
import type { CheckedValue, DataCheckStructure, StepStructure } from "./structures";
import { assertedRanges } from "./notebookRanges";
import type { RangeCheck } from "./notebookRanges";

/** What verify observed: step → output → dtypes and nulls. */
export type ObservedDataByStep = Readonly<Record<string, Readonly<Record<string, ObservedData>>>>;

/**
 * The step whose outputs are checked: the first validation step (its checks are what the
 * notebook meant to hold), else the first ingestion step (it first hands on the data).
 * Only a step before the first training step that hands something on: the checks exist
 * to stop a run before training.
 */
export function dataCheckStep(steps: readonly StepStructure[]): StepStructure | undefined {
  const training = steps.findIndex((step) => step.stage === "training");
  const early = (training === -1 ? steps : steps.slice(0, training)).filter((step) => step.requiredOutputs.length > 0);
  return early.find((step) => step.stage === "validation") ?? early.find((step) => step.stage === "ingestion");
}

/** The asserted ranges that fit what was observed: a DataFrame's on its columns, a Series' on itself. */
function fittingRanges(data: ObservedData, ranges: readonly RangeCheck[]): RangeCheck[] {
  if (data.kind === "dataframe") return ranges.filter((range) => range.column !== undefined && data.columns.some((column) => column.name === range.column));
  return data.kind === "series" ? ranges.filter((range) => range.column === undefined) : [];
}

/**
 * The data checks for `steps`, or undefined when verify saw no DataFrame, Series or array
 * the checked step hands on. `stepSource` gives a step's notebook code, whose asserted
 * value ranges the checks keep.
 */
export function buildDataChecks(steps: readonly StepStructure[], observed: ObservedDataByStep, stepSource: (step: StepStructure) => string = () => ""): DataCheckStructure | undefined {
  const step = dataCheckStep(steps);
  if (step === undefined) return undefined;
  const seen = observed[step.name] ?? {};
  const asserted = assertedRanges(stepSource(step), new Set(step.requiredOutputs));
  const values = [...step.requiredOutputs].sort().flatMap((name): CheckedValue[] => {
    const data = seen[name];
    if (data === undefined) return [];
    const ranges = fittingRanges(data, asserted.get(name) ?? []);
    return [ranges.length === 0 ? { name, data } : { name, data, ranges }];
  });
  return values.length === 0 ? undefined : { after: step.name, values };
}

/** Whether data_checks.py needs pandera (a DataFrame or Series is checked) and numpy (an array is). */
export function dataCheckLibraries(checks: DataCheckStructure | undefined): { readonly pandera: boolean; readonly numpy: boolean } {
  const kinds = new Set(checks?.values.map((value) => value.data.kind) ?? []);
  return { pandera: kinds.has("dataframe") || kinds.has("series"), numpy: kinds.has("array") };
}
