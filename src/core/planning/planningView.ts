// What the planner, the plan's validation and codegen look at: the notebook with every
// divided cell replaced by its parts, the parts' analyses and the dataflow between them.
import type { CellAnalysis } from "../analysis/cellAnalysis";
import { dataflowEdges } from "../analysis/dataflow";
import type { Dataflow } from "../analysis/dataflowTypes";
import type { CellPart } from "../notebook/cellParts";
import { notebookWithParts } from "../notebook/cellParts";
import type { NotebookModel } from "../notebook/notebookModel";
import { analysesWithParts } from "./cellDivision";

export interface PlanningView {
  readonly notebook: NotebookModel;
  readonly analyses: readonly CellAnalysis[];
  /** The def-use edges; the findings are the whole notebook's dataflow's to report. */
  readonly dataflow: Pick<Dataflow, "edges">;
}

/** `whole` itself when nothing is divided. */
export function planningView(whole: PlanningView, parts: readonly CellPart[]): PlanningView {
  if (parts.length === 0) return whole;
  const analyses = analysesWithParts(whole.analyses, parts);
  return { notebook: notebookWithParts(whole.notebook, parts), analyses, dataflow: dataflowEdges(analyses) };
}
