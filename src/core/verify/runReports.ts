// The notebook run and the pipeline run as the report shows them: ok, failed (naming the
// cell or step and the error), timed out (naming where it was), crashed or not run.
import type { NotebookResult, PipelineResult } from "./harnessResults";
import type { PhaseOutcome } from "./harnessPhase";
import type { CellRef, ErrorInfo, RunReport } from "./verifyReport";

export function cellLabel(cell: CellRef): string {
  return `cell ${cell.number} (id ${cell.id})`;
}

function errorText(error: ErrorInfo): string {
  const at = error.line === undefined ? "" : ` at line ${error.line}`;
  return `${at}: ${error.lastLine}`;
}

function otherOutcome(outcome: Exclude<PhaseOutcome<unknown>, { kind: "done" }>, what: string, where: string): RunReport {
  if (outcome.kind === "crashed") {
    return { status: "crashed", seconds: outcome.seconds, message: outcome.message, outputTail: outcome.outputTail, notes: [] };
  }
  const at = where === "" ? "" : `, while running ${where}`;
  return { status: "timed-out", seconds: outcome.seconds, message: `the ${what} was stopped at the timeout${at}`, notes: [] };
}

export function notebookRunReport(outcome: PhaseOutcome<NotebookResult>): RunReport {
  if (outcome.kind !== "done") {
    const cell = outcome.kind === "timed-out" ? outcome.progress?.cell : undefined;
    const report = otherOutcome(outcome, "notebook run", cell === undefined ? "" : cellLabel(cell));
    return cell === undefined ? report : { ...report, cell };
  }
  const { result } = outcome;
  const base = { seconds: outcome.seconds, notes: result.notes };
  if (result.failure === undefined) return { status: "ok", ...base };
  const { cell, error } = result.failure;
  return { status: "failed", ...base, cell, error, message: `the notebook failed in ${cellLabel(cell)}${errorText(error)}` };
}

export function pipelineRunReport(outcome: PhaseOutcome<PipelineResult> | undefined, reason: string): RunReport {
  if (outcome === undefined) return { status: "not-run", seconds: 0, message: reason, notes: [] };
  if (outcome.kind !== "done") {
    const step = outcome.kind === "timed-out" ? outcome.progress?.step : undefined;
    const report = otherOutcome(outcome, "pipeline run", step === undefined ? "" : `step ${step}`);
    return step === undefined ? report : { ...report, step };
  }
  const { result } = outcome;
  const base = { seconds: outcome.seconds, notes: result.notes };
  if (result.failure === undefined) return { status: "ok", ...base };
  const { step, error } = result.failure;
  return { status: "failed", ...base, step, error, message: `pipeline step ${step} failed${errorText(error)}` };
}
