// The readable form of a drift report (the CLI without --json, the editor's output
// channel): one line per step that is out of date, naming its cells by number, then the
// files the user edited, then what to do.
import type { DriftReport, FileDrift, StepDrift } from "./driftReport";
import type { CellRef } from "../verify/verifyReport";

function cellList(cells: readonly CellRef[]): string {
  return `${cells.length === 1 ? "cell" : "cells"} ${cells.map((cell) => cell.number).join(", ")}`;
}

function stepLine(step: StepDrift): string {
  if (step.status === "cells-missing") {
    return `step ${step.name}: cells missing: ${step.missingCellIds.join(", ")} (no longer in the notebook)`;
  }
  if (step.changedCells.length > 0) return `step ${step.name}: stale: ${cellList(step.changedCells)} changed`;
  return `step ${step.name}: stale: ${cellList(step.cells)} (which of them changed is not recorded in this project)`;
}

/** Drifted files no step accounts for: shared code, params, and the files built from every step. */
function otherFiles(report: DriftReport): FileDrift[] {
  const stepFiles = new Set(report.steps.flatMap((step) => step.files));
  return report.files.filter((file) => (file.status === "stale" || file.status === "cells-missing") && !stepFiles.has(file.path));
}

/** @param regenerate what the reader runs to regenerate, e.g. "Run nb2prod generate again" */
export function formatDriftReport(report: DriftReport, regenerate: string): string {
  const drifted = report.steps.filter((step) => step.status === "stale" || step.status === "cells-missing");
  const lines = drifted.map(stepLine);
  const others = otherFiles(report);
  if (others.length > 0) lines.push(`also out of date: ${others.map((file) => file.path).join(", ")}`);
  const edited = report.files.filter((file) => file.edited);
  if (edited.length > 0) lines.push(`edited since generation: ${edited.map((file) => file.path).join(", ")}`);
  if (report.status === "in-sync") {
    lines.push(`In sync: the project ${report.projectDir} was generated from the notebook's current cells.`);
  } else {
    const what = drifted.length > 0 ? `${drifted.length} of ${report.steps.length} steps are out of date` : "The project is out of date";
    lines.push(`${what}. ${regenerate}; files you edited are left alone and reported.`);
  }
  return `${lines.join("\n")}\n`;
}
