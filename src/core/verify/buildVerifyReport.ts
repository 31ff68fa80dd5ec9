// Puts the report together from what the three harness phases produced. Pure: the
// table-driven unit tests feed it phase outcomes directly.
import type { CapturedValue, CompareResult, NotebookResult, PipelineResult } from "./harnessResults";
import type { PhaseOutcome } from "./harnessPhase";
import { VERIFY_TOLERANCE } from "./harnessInput";
import type { ProjectManifest } from "./projectManifest";
import { notebookRunReport, pipelineRunReport } from "./runReports";
import { stepReports } from "./stepReports";
import type { CellRef, ObservedData, RunReport, StepReport, VerifyReport, VerifyStatus } from "./verifyReport";
import { VERIFY_REPORT_SCHEMA_VERSION } from "./verifyReport";

export interface VerifyRunParts {
  readonly notebookPath: string;
  readonly projectDir: string;
  readonly python: { readonly executable: string; readonly version: string };
  readonly manifest: ProjectManifest;
  readonly lastCells: ReadonlyMap<string, CellRef>;
  readonly notebook: PhaseOutcome<NotebookResult>;
  /** Undefined when the pipeline was not run (the timeout was used up). */
  readonly pipeline: PhaseOutcome<PipelineResult> | undefined;
  readonly compare: PhaseOutcome<CompareResult> | undefined;
  readonly seconds: number;
}

export function overallStatus(runs: readonly RunReport[], steps: readonly StepReport[]): VerifyStatus {
  if (runs.some((run) => run.status !== "ok")) return "failed";
  if (steps.some((step) => step.status === "failed" || step.status === "not-run")) return "failed";
  if (steps.some((step) => step.status === "different")) return "different";
  return steps.every((step) => step.status === "equal") ? "equal" : "not-comparable";
}

/** step → output → what `pick` finds in the notebook's capture of it; steps with none are left out. */
function observed<T>(notebook: NotebookResult | undefined, pick: (value: CapturedValue) => T | undefined): Record<string, Record<string, T>> {
  const found: Record<string, Record<string, T>> = {};
  for (const [step, outputs] of Object.entries(notebook?.captures ?? {})) {
    const known = Object.entries(outputs).flatMap(([name, value]) => {
      const picked = pick(value);
      return picked === undefined ? [] : [[name, picked] as const];
    });
    if (known.length > 0) found[step] = Object.fromEntries(known);
  }
  return found;
}

const FRAME_TYPE = "pandas.core.frame.DataFrame";
const SERIES_TYPE = "pandas.core.series.Series";
const ARRAY_TYPE = "numpy.ndarray";

/** The dtypes and nulls of a DataFrame, Series or numeric array the notebook handed on; undefined for anything else. */
export function observedData(value: CapturedValue): ObservedData | undefined {
  if (value.type === FRAME_TYPE && value.columnTypes !== undefined) return { kind: "dataframe", columns: value.columnTypes };
  if (value.dtype === undefined || value.nulls === undefined) return undefined;
  if (value.type === SERIES_TYPE) return { kind: "series", dtype: value.dtype, nulls: value.nulls };
  if (value.type === ARRAY_TYPE && value.shape !== undefined) return { kind: "array", ndim: value.shape.length, dtype: value.dtype, nulls: value.nulls };
  return undefined;
}

function compareProblem(compare: PhaseOutcome<CompareResult> | undefined): string {
  if (compare === undefined) return "the comparison did not run";
  if (compare.kind === "crashed") return compare.message;
  return compare.kind === "timed-out" ? "the comparison was stopped at the timeout" : "the comparison skipped this step";
}

/** The result, or what a phase that did not finish had captured so far. */
function captured<T>(outcome: PhaseOutcome<T> | undefined): T | undefined {
  if (outcome === undefined) return undefined;
  return outcome.kind === "done" ? outcome.result : outcome.partial;
}

export function buildVerifyReport(parts: VerifyRunParts): VerifyReport {
  const notebookRun = notebookRunReport(parts.notebook);
  const pipelineRun = pipelineRunReport(parts.pipeline, "the overall timeout was used up before the pipeline could run");
  const notebook = captured(parts.notebook);
  const steps = stepReports({
    manifest: parts.manifest,
    lastCells: parts.lastCells,
    notebook,
    notebookRun,
    pipeline: captured(parts.pipeline),
    pipelineRun,
    compare: parts.compare?.kind === "done" ? parts.compare.result : undefined,
    compareProblem: compareProblem(parts.compare),
  });
  return {
    schemaVersion: VERIFY_REPORT_SCHEMA_VERSION,
    notebook: parts.notebookPath,
    project: parts.projectDir,
    python: parts.python,
    tolerance: { ...VERIFY_TOLERANCE },
    status: overallStatus([notebookRun, pipelineRun], steps),
    notebookRun,
    pipelineRun,
    steps,
    observedTypes: observed(notebook, (value) => value.type),
    observedNumbers: observed(notebook, (value) => value.value),
    observedData: observed(notebook, observedData),
    seconds: parts.seconds,
  };
}
