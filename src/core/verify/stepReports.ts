// Each manifest step's verdict: failed (a run failed in it), not run (a run stopped
// before it), or the comparison of its outputs: equal, different, not comparable.
import type { CapturedValue, CompareResult, NotebookResult, PipelineResult } from "./harnessResults";
import type { ManifestStep, ProjectManifest } from "./projectManifest";
import { cellLabel } from "./runReports";
import type { CellRef, OutputReport, RunReport, StepReport, StepStatus, ValueInfo } from "./verifyReport";

export interface StepEvidence {
  readonly manifest: ProjectManifest;
  /** step → the cell after which its outputs were captured. */
  readonly lastCells: ReadonlyMap<string, CellRef>;
  readonly notebook: NotebookResult | undefined;
  readonly notebookRun: RunReport;
  readonly pipeline: PipelineResult | undefined;
  readonly pipelineRun: RunReport;
  readonly compare: CompareResult | undefined;
  /** Why there is no comparison, when there is none. */
  readonly compareProblem: string;
}

type Captured = Readonly<Record<string, CapturedValue>>;

export function valueInfo(captured: CapturedValue | undefined): ValueInfo | undefined {
  if (captured?.type === undefined) return undefined;
  const { type, shape, dtype, columns } = captured;
  return { type, ...(shape && { shape }), ...(dtype !== undefined && { dtype }), ...(columns && { columns }) };
}

function uncompared(step: ManifestStep, notebook: Captured | undefined, pipeline: Captured | undefined): OutputReport[] {
  return step.outputs.map((name) => withInfo({ name, status: "not-run" }, notebook?.[name], pipeline?.[name]));
}

function withInfo(report: OutputReport, notebook: CapturedValue | undefined, pipeline: CapturedValue | undefined): OutputReport {
  const left = valueInfo(notebook);
  const right = valueInfo(pipeline);
  return { ...report, ...(left && { notebook: left }), ...(right && { pipeline: right }) };
}

/** The reason, when a run failed, crashed or timed out inside this step. */
function failureIn(step: ManifestStep, evidence: StepEvidence): string | undefined {
  const { notebookRun, pipelineRun } = evidence;
  if (notebookRun.status !== "ok" && notebookRun.cell !== undefined && step.cellIds.includes(notebookRun.cell.id)) return notebookRun.message;
  if (pipelineRun.status !== "ok" && pipelineRun.step === step.name) return pipelineRun.message;
  return undefined;
}

function notReached(step: ManifestStep, evidence: StepEvidence, notebook: Captured | undefined, pipeline: Captured | undefined): string | undefined {
  if (notebook === undefined) {
    const last = evidence.lastCells.get(step.name);
    const where = last === undefined ? "this step's last cell" : cellLabel(last);
    return `the notebook run did not reach ${where}: ${evidence.notebookRun.message ?? "no result"}`;
  }
  if (pipeline === undefined) return `the pipeline run did not reach this step: ${evidence.pipelineRun.message ?? "no result"}`;
  return undefined;
}

/** Drawing objects are not compared: a step is equal when everything else it returns is. */
export function stepStatus(outputs: readonly OutputReport[]): StepStatus {
  const compared = outputs.filter((output) => output.status !== "not-compared");
  if (compared.length === 0) return "not-comparable";
  if (compared.some((output) => output.status === "different")) return "different";
  if (compared.every((output) => output.status === "equal")) return "equal";
  return "not-comparable";
}

function compared(step: ManifestStep, evidence: StepEvidence, notebook: Captured, pipeline: Captured): StepReport {
  const outcomes = evidence.compare?.steps[step.name];
  if (outcomes === undefined) return { name: step.name, status: "not-run", reason: evidence.compareProblem, outputs: uncompared(step, notebook, pipeline) };
  const outputs = step.outputs.map((name): OutputReport => {
    const outcome = outcomes[name] ?? { status: "not-comparable", detail: "the comparison skipped this output" };
    const detail = outcome.detail === "" ? {} : { detail: outcome.detail };
    return withInfo({ name, status: outcome.status, ...detail }, notebook[name], pipeline[name]);
  });
  const drawingsOnly = outputs.length > 0 && outputs.every((output) => output.status === "not-compared");
  const reason = outputs.length === 0 ? { reason: "the step has no outputs to compare" } : drawingsOnly ? { reason: "the step returns only drawing objects (figures, axes), which are not compared" } : {};
  return { name: step.name, status: stepStatus(outputs), ...reason, outputs };
}

export function stepReports(evidence: StepEvidence): StepReport[] {
  return evidence.manifest.steps.map((step) => {
    const notebook = evidence.notebook?.captures[step.name];
    const pipeline = evidence.pipeline?.captures[step.name];
    const failure = failureIn(step, evidence);
    if (failure !== undefined) return { name: step.name, status: "failed", reason: failure, outputs: uncompared(step, notebook, pipeline) };
    const missing = notReached(step, evidence, notebook, pipeline);
    if (missing !== undefined || notebook === undefined || pipeline === undefined) {
      return { name: step.name, status: "not-run", reason: missing ?? "", outputs: uncompared(step, notebook, pipeline) };
    }
    return compared(step, evidence, notebook, pipeline);
  });
}
