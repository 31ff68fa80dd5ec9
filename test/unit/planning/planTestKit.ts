// Hand-built notebooks and analyses for the planner's unit tests. The dataflow here is a
// minimal nearest-earlier-definer resolver, so these tests do not depend on dataflow.ts.
import type { CellAnalysis, CellSourceAnalysis } from "../../../src/core/analysis/cellAnalysis";
import type { Dataflow, DataflowEdge } from "../../../src/core/analysis/dataflowTypes";
import type { CellKind, NotebookModel } from "../../../src/core/notebook/notebookModel";
import type { SplitPlan } from "../../../src/core/planning/splitPlan";
import { suggestPlan } from "../../../src/core/planning/suggestSteps";

export interface CellSpec {
  readonly id: string;
  readonly source?: string;
  readonly kind?: CellKind;
  readonly tags?: readonly string[];
  readonly nb2prod?: Readonly<Record<string, unknown>>;
  readonly analysis?: Partial<CellSourceAnalysis>;
}

export const md = (id: string, source: string): CellSpec => ({ id, source, kind: "markdown" });

export function notebookOf(cells: readonly CellSpec[]): NotebookModel {
  return {
    origin: "test.ipynb",
    language: "python",
    cells: cells.map((cell, index) => ({
      id: cell.id,
      index,
      kind: cell.kind ?? "code",
      language: (cell.kind ?? "code") === "code" ? "python" : "markdown",
      source: cell.source ?? "",
      tags: cell.tags ?? [],
      executionCount: null,
      metadata: {
        ...(cell.tags !== undefined ? { tags: cell.tags } : {}),
        ...(cell.nb2prod !== undefined ? { nb2prod: cell.nb2prod } : {}),
      },
    })),
  };
}

export function analysisOf(partial: Partial<CellSourceAnalysis> = {}): CellSourceAnalysis {
  return {
    defines: [], reads: [], mutates: [], imports: [], functions: [], classes: [],
    fileReads: [], fileWrites: [], magics: [], displayOnly: false, syntaxErrors: [], statements: [],
    ...partial,
  };
}

/**
 * Without statements of its own, a cell is one statement spanning its source that binds
 * what the cell defines (as plain assignments) and reads what it reads.
 */
export function analysesOf(cells: readonly CellSpec[]): CellAnalysis[] {
  return cells.flatMap((cell, index) => {
    if ((cell.kind ?? "code") !== "code") return [];
    const analysis = analysisOf(cell.analysis);
    const lines = (cell.source ?? "").split("\n").length;
    const statements = cell.analysis?.statements ?? (analysis.defines.length + analysis.reads.length === 0 ? [] : [{ line: 1, endLine: lines, binds: analysis.defines, assigns: analysis.defines, reads: analysis.reads }]);
    return [{ ...analysis, statements, cellId: cell.id, index }];
  });
}

/** Each read (and each in-place change of a name the cell does not define) resolves to the nearest earlier definer. */
export function simpleDataflow(analyses: readonly CellAnalysis[]): Dataflow {
  const definer = new Map<string, string>();
  const edges: DataflowEdge[] = [];
  for (const cell of analyses) {
    const uses = new Set([...cell.reads, ...cell.mutates.map((mutation) => mutation.name).filter((name) => !cell.defines.includes(name))]);
    for (const name of uses) {
      const from = definer.get(name);
      if (from !== undefined) edges.push({ from, to: cell.cellId, name });
    }
    for (const name of cell.defines) definer.set(name, cell.cellId);
  }
  return { edges, findings: [] };
}

export interface Planned {
  readonly notebook: NotebookModel;
  readonly analyses: CellAnalysis[];
  readonly dataflow: Dataflow;
  readonly plan: SplitPlan;
}

export function planOf(cells: readonly CellSpec[]): Planned {
  const notebook = notebookOf(cells);
  const analyses = analysesOf(cells);
  const dataflow = simpleDataflow(analyses);
  return { notebook, analyses, dataflow, plan: suggestPlan(notebook, analyses, dataflow) };
}

/** `name [stage] cell,cell` per step: the shape of a plan in one line each. */
export function stepShapes(plan: SplitPlan): string[] {
  return plan.steps.map((step) => `${step.name} [${step.stage}] ${step.cellIds.join(",")}`);
}

export function stageOf(plan: SplitPlan, cellId: string): string | undefined {
  return plan.cellStages.find((cell) => cell.cellId === cellId)?.stage;
}

export function excludedIds(plan: SplitPlan): string[] {
  return plan.excluded.map((entry) => entry.cellId);
}
