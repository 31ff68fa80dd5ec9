// One sentence for the notification that ends a verify run; the full table goes to the
// nb2prod output channel (core formatVerifyReport, as the CLI prints it).
import type { RunReport, VerifyReport } from "../../core/verify/verifyReport";

function failure(title: string, run: RunReport): string | undefined {
  if (run.status === "ok" || run.status === "not-run") return undefined;
  const where = run.cell !== undefined ? ` in cell ${run.cell.number}` : run.step !== undefined ? ` in step ${run.step}` : "";
  const what = run.error?.lastLine ?? run.message ?? run.status.replace(/-/g, " ");
  return `the ${title} ${run.status === "timed-out" ? "timed out" : "failed"}${where}: ${what}`;
}

function tally(report: VerifyReport): string {
  const counts = new Map<string, number>();
  for (const step of report.steps) counts.set(step.status, (counts.get(step.status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status.replace(/-/g, " ")}`).join(", ");
}

export function verifySummary(report: VerifyReport): string {
  const failures = [failure("notebook run", report.notebookRun), failure("pipeline run", report.pipelineRun)].filter((text) => text !== undefined);
  const different = report.steps.filter((step) => step.status === "different").map((step) => step.name);
  const verdict =
    report.status === "equal"
      ? "the pipeline computes what the notebook computed at every step"
      : report.status === "not-comparable"
        ? "no differences found, but some outputs could not be compared"
        : report.status === "different"
          ? `the pipeline differs from the notebook in ${different.join(", ")}`
          : failures.join("; ");
  return `Verify: ${verdict} (steps: ${tally(report)}).`;
}
