// The readable form of a verify report (the CLI without --json): the two runs, one table
// row per step output, and a closing line that says what the result means.
import type { OutputReport, RunReport, StepReport, VerifyReport } from "./verifyReport";

type Row = readonly [step: string, output: string, result: string, detail: string];

const HEADER: Row = ["step", "output", "result", "detail"];

const CONCLUSION: Readonly<Record<VerifyReport["status"], string>> = {
  equal: "equal: the pipeline computes what the notebook computed, at every step.",
  "not-comparable": "no differences found, but some outputs could not be compared (see their reasons above).",
  different: "different: the pipeline does not compute what the notebook computed (see the details above).",
  failed: "failed: a run did not complete; fix the error above and run verify again.",
};

function words(status: string): string {
  return status.replace(/-/g, " ");
}

function describeValue(output: OutputReport): string {
  const value = output.notebook ?? output.pipeline;
  if (value === undefined) return "";
  return value.shape === undefined ? value.type : `${value.type} (${value.shape.join(" x ")})`;
}

function stepRows(step: StepReport): Row[] {
  if (step.status === "failed" || step.status === "not-run" || step.outputs.length === 0) {
    return [[step.name, "-", words(step.status), step.reason ?? ""]];
  }
  return step.outputs.map((output) => [step.name, output.name, words(output.status), output.detail ?? describeValue(output)]);
}

function table(rows: readonly Row[]): string {
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join("  ").trimEnd()).join("\n");
}

function runLine(title: string, run: RunReport): string[] {
  const head = `${title}: ${words(run.status)}${run.status === "not-run" ? "" : ` in ${run.seconds.toFixed(1)} s`}`;
  const lines = [run.message === undefined ? head : `${head}: ${run.message}`];
  if (run.error?.code !== undefined) lines.push(`    ${run.error.code}`);
  if (run.status === "crashed" && run.outputTail !== undefined && run.outputTail !== "") lines.push(run.outputTail.replace(/^/gm, "    "));
  return [...lines, ...run.notes.map((note) => `  note: ${note}`)];
}

function counts(steps: readonly StepReport[]): string {
  const tally = new Map<string, number>();
  for (const step of steps) tally.set(words(step.status), (tally.get(words(step.status)) ?? 0) + 1);
  return [...tally].map(([status, count]) => `${count} ${status}`).join(", ");
}

export function formatVerifyReport(report: VerifyReport): string {
  const heading = `nb2prod verify: ${report.notebook} against ${report.project} (Python ${report.python.version}, ${report.seconds.toFixed(1)} s)`;
  return [
    heading,
    "",
    ...runLine("Notebook run", report.notebookRun),
    ...runLine("Pipeline run", report.pipelineRun),
    "",
    table([HEADER, ...report.steps.flatMap(stepRows)]),
    "",
    `Steps: ${counts(report.steps)}.`,
    // The harness seeds both runs (nb2prod_seed.py): say so, since it can hide nondeterminism.
    "Both runs start every step from random seed 0, so unseeded random draws are alike in both.",
    `Result: ${CONCLUSION[report.status]}`,
    "",
  ].join("\n");
}
