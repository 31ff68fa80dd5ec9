// The `eval:plan` measure of issue 9: for every hand-labelled code cell, does the stage of
// the step the cell lands in agree with its label? A cell left out of the pipeline lands
// in `exploration`. A shared or parameters cell lands with the first step that uses what
// it defines (or in `exploration` when no step does). A cell the planner divided lands
// where most of its lines went. The per-cell classifier (plan.cellStages) is scored the
// same way, for comparison. Lines are lines of code (blank and comment-only lines left
// out); on a tie between parts the later part wins, as what a cell ends with is what it
// produces (LABELLING.md).
import { readFileSync } from "node:fs";
import type { CellAnalysis } from "../../src/core/analysis/cellAnalysis";
import type { NotebookModel } from "../../src/core/notebook/notebookModel";
import type { SplitPlan } from "../../src/core/planning/splitPlan";
import type { Stage } from "../../src/core/planning/stages";
import { STAGES } from "../../src/core/planning/stages";

export interface StageLabel {
  readonly notebook: string;
  /** 1-based position among all the notebook's cells. */
  readonly cell: number;
  readonly id: string;
  readonly stage: Stage;
  readonly mixed: readonly Stage[];
  readonly reason: string;
}

export interface CellVerdict {
  readonly label: StageLabel;
  /** The stage of the step the cell landed in. */
  readonly landed: Stage;
  /** Where it landed, in words: `step load_data`, `left out`, `shared (first used by train_model)`. */
  readonly where: string;
  /** The per-cell classifier's stage. */
  readonly classified: Stage;
}

const isStage = (value: string): value is Stage => (STAGES as readonly string[]).includes(value);

/** Reads a labels file (LABELLING.md describes it); throws on a malformed line, naming it. */
export function readStageLabels(path: string): StageLabel[] {
  const [header, ...lines] = readFileSync(path, "utf8").replace(/\r\n/g, "\n").trimEnd().split("\n");
  const columns = (header ?? "").split("\t");
  const expected = ["notebook", "cell", "id", "stage", "mixed", "reason"];
  if (expected.some((name, index) => columns[index] !== name)) throw new Error(`${path}: the header must be ${expected.join(", ")} (tab-separated)`);
  return lines.map((line, index) => {
    const [notebook = "", cell = "", id = "", stage = "", mixed = "", reason = ""] = line.split("\t");
    const where = `${path}:${index + 2}`;
    if (!isStage(stage)) throw new Error(`${where}: "${stage}" is not a stage`);
    const mixedStages = mixed === "" ? [] : mixed.split(",").map((part) => part.trim());
    const unknown = mixedStages.find((part) => !isStage(part));
    if (unknown !== undefined) throw new Error(`${where}: "${unknown}" in mixed is not a stage`);
    if (!/^[1-9]\d*$/.test(cell)) throw new Error(`${where}: cell must be a positive number`);
    return { notebook, cell: Number(cell), id, stage, mixed: mixedStages.filter(isStage), reason };
  });
}

/** Judges every label of one notebook; a label whose cell is not where it says is an error. */
export function judgeNotebook(
  labels: readonly StageLabel[],
  notebook: NotebookModel,
  analyses: readonly CellAnalysis[],
  plan: SplitPlan,
): CellVerdict[] {
  const landing = new Landing(notebook, analyses, plan);
  const classified = classifiedStages(plan);
  return labels.map((label) => {
    const cell = notebook.cells.find((candidate) => candidate.id === label.id);
    if (cell?.kind !== "code" || cell.index + 1 !== label.cell) {
      throw new Error(`${label.notebook}: the label of cell ${label.cell} (${label.id}) does not match the notebook: relabel it`);
    }
    const { stage, where } = landing.of(label.id);
    return { label, landed: stage, where, classified: classified.get(label.id) ?? "exploration" };
  });
}

function codeLines(lines: readonly string[]): number {
  return lines.filter((line) => line.trim() !== "" && !line.trim().startsWith("#")).length;
}

/** The classifier's stage per cell; for a divided cell, its longest part's. */
function classifiedStages(plan: SplitPlan): Map<string, Stage> {
  const stages = new Map(plan.cellStages.map((entry) => [entry.cellId, entry.stage]));
  const longest = new Map<string, { lines: number; stage: Stage }>();
  for (const part of plan.parts) {
    const lines = part.toLine - part.fromLine + 1;
    const stage = stages.get(part.id);
    const known = longest.get(part.cellId);
    if (stage !== undefined && (known === undefined || lines >= known.lines)) longest.set(part.cellId, { lines, stage });
  }
  for (const [cellId, entry] of longest) stages.set(cellId, entry.stage);
  return stages;
}

class Landing {
  private readonly stepOf = new Map<string, { name: string; stage: Stage; lines: number }[]>();
  private readonly excluded: Set<string>;
  private readonly definesByCell: Map<string, Set<string>>;

  constructor(
    notebook: NotebookModel,
    private readonly analyses: readonly CellAnalysis[],
    private readonly plan: SplitPlan,
  ) {
    const partOf = new Map(plan.parts.map((part) => [part.id, part]));
    const sources = new Map(notebook.cells.map((cell) => [cell.id, cell.source.split("\n")]));
    for (const step of plan.steps) {
      for (const ref of step.cellIds) {
        const part = partOf.get(ref);
        const cellId = part?.cellId ?? ref;
        const source = sources.get(cellId) ?? [];
        const lines = codeLines(part === undefined ? source : source.slice(part.fromLine - 1, part.toLine));
        this.stepOf.set(cellId, [...(this.stepOf.get(cellId) ?? []), { name: step.name, stage: step.stage, lines }]);
      }
    }
    this.excluded = new Set(plan.excluded.map((entry) => entry.cellId));
    this.definesByCell = new Map(analyses.map((analysis) => [analysis.cellId, new Set(analysis.defines)]));
  }

  of(cellId: string): { stage: Stage; where: string } {
    const places = this.stepOf.get(cellId);
    if (places !== undefined && places.length > 0) {
      const main = places.reduce((best, place) => (place.lines >= best.lines ? place : best));
      return { stage: main.stage, where: places.length === 1 ? `step ${main.name}` : `divided; most lines in step ${main.name}` };
    }
    if (this.excluded.has(cellId)) return { stage: "exploration", where: "left out" };
    const user = this.firstUser(cellId);
    const kind = this.plan.parametersCellIds.includes(cellId) ? "params" : "shared";
    return user === undefined ? { stage: "exploration", where: `${kind}, used by no step` } : { stage: user.stage, where: `${kind}, first used by step ${user.name}` };
  }

  /** The first step with a cell that reads a name this cell defines. */
  private firstUser(cellId: string): { name: string; stage: Stage } | undefined {
    const defined = this.definesByCell.get(cellId) ?? new Set<string>();
    const params = new Set(this.plan.params.filter((param) => param.cellId === cellId).map((param) => param.name));
    const readsOf = new Map(this.analyses.map((analysis) => [analysis.cellId, analysis.reads]));
    const partOf = new Map(this.plan.parts.map((part) => [part.id, part.cellId]));
    return this.plan.steps.find(
      (step) =>
        step.inputs.some((input) => "param" in input && params.has(input.param)) ||
        step.cellIds.some((ref) => (readsOf.get(ref) ?? readsOf.get(partOf.get(ref) ?? "") ?? []).some((name) => defined.has(name))),
    );
  }
}

export interface AgreementSummary {
  readonly cells: number;
  readonly landedAgree: number;
  readonly classifiedAgree: number;
}

export function summarise(verdicts: readonly CellVerdict[]): AgreementSummary {
  return {
    cells: verdicts.length,
    landedAgree: verdicts.filter((verdict) => verdict.landed === verdict.label.stage).length,
    classifiedAgree: verdicts.filter((verdict) => verdict.classified === verdict.label.stage).length,
  };
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`;
}
