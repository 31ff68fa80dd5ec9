// What the planner, the plan's validation and codegen look at: the notebook with every
// divided cell replaced by its parts, the parts' analyses and the dataflow between them.
import type { CellAnalysis } from "../analysis/cellAnalysis";
import { buildDataflow } from "../analysis/dataflow";
import type { Dataflow } from "../analysis/dataflowTypes";
import type { CellPart } from "../notebook/cellParts";
import { notebookWithParts } from "../notebook/cellParts";
import type { NotebookModel } from "../notebook/notebookModel";
import { analysesWithParts } from "./cellDivision";

export interface PlanningView {
  readonly notebook: NotebookModel;
  readonly analyses: readonly CellAnalysis[];
  readonly dataflow: Dataflow;
}

/** `whole` itself when nothing is divided. */
export function planningView(whole: PlanningView, parts: readonly CellPart[]): PlanningView {
  if (parts.length === 0) return whole;
  const notebook = notebookWithParts(whole.notebook, parts);
  const analyses = analysesWithParts(whole.analyses, parts);
  // A divided cell ran once: its execution count stays on its first part only.
  const counts = new Map<string, number | null>();
  for (const cell of notebook.cells) {
    if (cell.kind !== "code") continue;
    const first = cell.partOf === undefined || cell.partOf.fromLine === 1;
    counts.set(cell.id, first ? cell.executionCount : null);
  }
  return { notebook, analyses, dataflow: buildDataflow(analyses, counts) };
}
