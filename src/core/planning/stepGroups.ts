// Which cells form which step. Explicit markers win: nb2prod metadata or Kale tags when
// the notebook has any; else markdown headings, one step per section; else the stages
// (autoSegments.ts). Names come from the markers, the headings or the stage.
import type { CellFacts } from "./cellFacts";
import type { MarkerSource } from "./cellMarkers";
import type { CellRole } from "./cellRoles";
import type { Section } from "./headings";
import type { Pass } from "./autoSegments";
import { autoSegments } from "./autoSegments";
import type { ClassifiedCell } from "./stageClassifier";
import type { Stage } from "./stages";
import { PIPELINE_STAGES } from "./stages";
import { stepNameProblem, toStepName } from "./stepName";

export type GroupOrigin =
  | { readonly kind: "marker"; readonly source: MarkerSource; readonly written: string; readonly cellNumber: number }
  | { readonly kind: "metrics"; readonly cellNumber: number }
  | { readonly kind: "heading"; readonly title: string }
  | { readonly kind: "before-headings" }
  | { readonly kind: "first" }
  | { readonly kind: "stage-change"; readonly from: Stage; readonly to: Stage; readonly passes: readonly string[] };

export interface StepGroup {
  /** The name wanted before names are made unique. */
  readonly baseName: string;
  /** The author chose the name: it keeps it, others give way. */
  readonly reserved: boolean;
  readonly positions: number[];
  readonly origin: GroupOrigin;
}

export interface GroupingInput {
  readonly facts: readonly CellFacts[];
  readonly roles: readonly CellRole[];
  readonly classified: readonly ClassifiedCell[];
  readonly sections: readonly (Section | undefined)[];
  /** Values passed between the given cells (positions, ascending). */
  readonly passesWithin: (positions: readonly number[]) => Pass[];
}

export type GroupingMode = "markers" | "headings" | "stages";

export const METRICS_STEP = "pipeline_metrics";

const STAGE_STEP_NAMES: Readonly<Record<Stage, string>> = {
  ingestion: "load_data",
  validation: "validate_data",
  preprocessing: "prepare_data",
  training: "train_model",
  evaluation: "evaluate_model",
  registration: "register_model",
  deployment: "deploy_model",
  exploration: "explore",
};

export function groupSteps(input: GroupingInput): { groups: StepGroup[]; mode: GroupingMode; warnings: string[] } {
  const steps = input.facts.filter((fact) => input.roles[fact.position]?.kind === "step").map((fact) => fact.position);
  if (input.facts.some((fact) => fact.markers.step !== undefined || fact.markers.metrics)) {
    return { ...markerGroups(input, steps), mode: "markers" };
  }
  const sectionIds = new Set(steps.map((position) => input.sections[position]?.id ?? 0));
  if (sectionIds.size >= 2) return { groups: headingGroups(input, steps), mode: "headings", warnings: [] };
  return { groups: stageGroups(input, steps), mode: "stages", warnings: [] };
}

function markerGroups(input: GroupingInput, steps: readonly number[]): { groups: StepGroup[]; warnings: string[] } {
  const isStep = new Set(steps);
  const byName = new Map<string, StepGroup>();
  const warnings: string[] = [];
  const leading: number[] = [];
  let current: StepGroup | undefined;
  for (const fact of input.facts) {
    const marker = fact.markers.step;
    if (marker !== undefined || fact.markers.metrics) {
      const wanted = marker?.name ?? METRICS_STEP;
      const name = validName(wanted, fact, warnings);
      const origin: GroupOrigin =
        marker === undefined
          ? { kind: "metrics", cellNumber: fact.number }
          : { kind: "marker", source: marker.source, written: marker.written, cellNumber: fact.number };
      current = byName.get(name) ?? { baseName: name, reserved: true, positions: [], origin };
      byName.set(name, current);
    }
    if (!isStep.has(fact.position)) continue;
    if (current === undefined) leading.push(fact.position);
    else current.positions.push(fact.position);
  }
  for (const group of byName.values()) {
    if (group.positions.length === 0) warnings.push(`Step "${group.baseName}" has no cells left to run: its cells are shared code, params or left out.`);
  }
  const marked = [...byName.values()].filter((group) => group.positions.length > 0);
  marked.sort((a, b) => (a.positions[0] ?? 0) - (b.positions[0] ?? 0));
  return { groups: [...stageGroups(input, leading), ...marked], warnings };
}

function validName(wanted: string, fact: CellFacts, warnings: string[]): string {
  const problem = stepNameProblem(wanted);
  if (problem === undefined) return wanted;
  const name = toStepName(wanted);
  warnings.push(`Cell ${fact.number} names its step "${wanted}", which is not a valid step name: ${problem} The step is called "${name}" instead.`);
  return name;
}

function headingGroups(input: GroupingInput, steps: readonly number[]): StepGroup[] {
  const groups: StepGroup[] = [];
  let currentId: number | undefined;
  for (const position of steps) {
    const section = input.sections[position];
    const id = section?.id ?? 0;
    const last = groups[groups.length - 1];
    if (last !== undefined && id === currentId) {
      last.positions.push(position);
      continue;
    }
    currentId = id;
    groups.push(
      section === undefined
        ? { baseName: "", reserved: false, positions: [position], origin: { kind: "before-headings" } }
        : { baseName: toStepName(section.title), reserved: false, positions: [position], origin: { kind: "heading", title: section.title } },
    );
  }
  return groups.map((group) => (group.baseName === "" ? { ...group, baseName: stageStepName(groupStage(input, group.positions)) } : group));
}

function stageGroups(input: GroupingInput, steps: readonly number[]): StepGroup[] {
  const sequence = steps.map((position) => {
    const cell = input.classified[position];
    return { stage: cell?.stage ?? "preprocessing", anchored: cell?.anchored ?? false };
  });
  return autoSegments(sequence, input.passesWithin(steps)).map((segment) => {
    const positions = steps.slice(segment.start, segment.end);
    const origin: GroupOrigin = segment.cut === undefined ? { kind: "first" } : { kind: "stage-change", ...segment.cut };
    return { baseName: stageStepName(groupStage(input, positions)), reserved: false, positions, origin };
  });
}

export function stageStepName(stage: Stage): string {
  return STAGE_STEP_NAMES[stage];
}

/** A marker's stage wins; else the stage with the most evidence among the cells (ties: earlier stage); else the first cell's. */
export function groupStage(input: Pick<GroupingInput, "facts" | "classified">, positions: readonly number[]): Stage {
  const marked = positions.map((position) => input.facts[position]?.markers.stage).find((stage) => stage !== undefined);
  if (marked !== undefined && marked !== "exploration") return marked;
  const totals = new Map<Stage, number>();
  for (const position of positions) {
    const cell = input.classified[position];
    if (cell !== undefined) totals.set(cell.stage, (totals.get(cell.stage) ?? 0) + cell.score);
  }
  let best: Stage = input.classified[positions[0] ?? 0]?.stage ?? "preprocessing";
  let bestScore = 0;
  for (const stage of PIPELINE_STAGES) {
    const score = totals.get(stage) ?? 0;
    if (score > bestScore) [best, bestScore] = [stage, score];
  }
  return best === "exploration" ? "preprocessing" : best;
}
