// One word for how a run is doing, for the Runs view's icon: a run log with invalid lines
// is flagged even when the run itself succeeded, so a broken writer is never hidden.
import type { RunSummary } from "./runSummary";

export type RunHealth = "running" | "succeeded" | "failed" | "problems";

export function runHealth(run: RunSummary): RunHealth {
  if (run.status === "failed") return "failed";
  if (run.problems.some((problem) => problem.severity === "error")) return "problems";
  // A torn last line is what a run still writing looks like: only odd once it finished.
  if (run.status === "unfinished") return "running";
  return run.problems.length > 0 ? "problems" : "succeeded";
}
