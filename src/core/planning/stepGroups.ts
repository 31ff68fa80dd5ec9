// Which cells form which step. A notebook laid out in Kale blocks keeps its blocks.
// Elsewhere a step starts where the stage changes (autoSegments.ts), and where a step
// marker (nb2prod metadata) says so; markdown headings are hints: preferred places for a
// cut, and the names of the steps. Names come from the markers, the headings or the stage.
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
import { remembered } from "./stepMemo";

export type GroupOrigin =
  | { readonly kind: "marker"; readonly source: MarkerSource; readonly written: string; readonly cellNumber: number }
  | { readonly kind: "metrics"; readonly cellNumber: number }
  | { readonly kind: "first" }
  | { readonly kind: "stage-change"; readonly from: Stage; readonly to: Stage; readonly passes: readonly string[] };

export interface StepGroup {
  /** The name wanted before names are made unique. */
  readonly baseName: string;
  /** The heading of the section the step starts in, which names it. */
  readonly section?: string;
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

/** Added to a heading's name for a step that starts inside the section rather than at its heading. */
const STAGE_SUFFIXES: Readonly<Record<Stage, string>> = {
  ingestion: "load",
  validation: "checks",
  preprocessing: "prep",
  training: "fit",
  evaluation: "eval",
  registration: "save",
  deployment: "serve",
  exploration: "explore",
};

export function groupSteps(input: GroupingInput): { groups: StepGroup[]; mode: GroupingMode; warnings: string[] } {
  const steps = input.facts.filter((fact) => input.roles[fact.position]?.kind === "step").map((fact) => fact.position);
  // A notebook written for Kale is laid out in tagged blocks: they are the steps.
  if (input.facts.some((fact) => fact.markers.step?.source === "kale" || fact.markers.metrics)) {
    return { ...markerGroups(input, steps), mode: "markers" };
  }
  const warnings: string[] = [];
  const groups = withStepMarkers(input, stageGroups(input, steps), warnings);
  const mode: GroupingMode = groups.some((group) => group.origin.kind === "marker") ? "markers" : groups.some((group) => group.section !== undefined) ? "headings" : "stages";
  return { groups, mode, warnings };
}

/** Kale blocks: a tagged cell starts a step that runs until the next tagged cell. */
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

/**
 * A step marker (nb2prod metadata) starts a step at its cell, named as it says; the step
 * runs to where the next step would have started anyway. Nothing else moves, so adding a
 * marker never renames or merges the steps the user did not touch. Cells marked with the
 * same name form one step.
 */
function withStepMarkers(input: GroupingInput, groups: readonly StepGroup[], warnings: string[]): StepGroup[] {
  const split: StepGroup[] = [];
  for (const group of groups) {
    let current: StepGroup | undefined;
    for (const position of group.positions) {
      const fact = input.facts[position];
      const marker = fact?.markers.step;
      if (fact !== undefined && marker !== undefined) {
        const origin: GroupOrigin = { kind: "marker", source: marker.source, written: marker.written, cellNumber: fact.number };
        current = { baseName: validName(marker.name, fact, warnings), reserved: true, positions: [position], origin };
        split.push(current);
      } else if (current === undefined) {
        current = { ...group, positions: [position] };
        split.push(current);
      } else {
        current.positions.push(position);
      }
    }
  }
  const byName = new Map<string, StepGroup>();
  const merged: StepGroup[] = [];
  for (const group of split) {
    const same = group.reserved ? byName.get(group.baseName) : undefined;
    if (same === undefined) {
      merged.push(group);
      if (group.reserved) byName.set(group.baseName, group);
    } else {
      same.positions.push(...group.positions);
    }
  }
  return merged;
}

/**
 * Steps where the notebook says nothing: one per run of a stage (autoSegments.ts). A
 * heading is a preferred place for a cut and names the steps that start in its section:
 * the first one there by the heading alone, later ones by the heading and their stage.
 */
function stageGroups(input: GroupingInput, steps: readonly number[]): StepGroup[] {
  const sequence = steps.map((position) => {
    const cell = input.classified[position];
    return { stage: cell?.stage ?? "preprocessing", anchored: cell?.anchored ?? false };
  });
  // A heading above every step cell is the notebook's title: it names no step.
  const oneSection = steps.every((position) => input.sections[position]?.id === input.sections[steps[0] ?? -1]?.id);
  const sectionOf = (index: number): Section | undefined => (oneSection ? undefined : input.sections[steps[index] ?? -1]);
  const startsSection = steps.map((_, index) => index === 0 || sectionOf(index)?.id !== sectionOf(index - 1)?.id);
  return autoSegments(sequence, input.passesWithin(steps), startsSection).map((segment) => {
    const positions = steps.slice(segment.start, segment.end);
    const stage = groupStage(input, positions);
    const section = sectionOf(segment.start);
    const origin: GroupOrigin = segment.cut === undefined ? { kind: "first" } : { kind: "stage-change", ...segment.cut };
    const baseName = section === undefined ? stageStepName(stage) : startsSection[segment.start] === true ? toStepName(section.title) : `${toStepName(section.title)}_${STAGE_SUFFIXES[stage]}`;
    return { baseName, reserved: false, positions, origin, ...(section !== undefined ? { section: section.title } : {}) };
  });
}

export function stageStepName(stage: Stage): string {
  return STAGE_STEP_NAMES[stage];
}

/** A marker's stage wins; else the stage with the most evidence among the cells (ties: the later stage); else the first cell's. */
export function groupStage(input: Pick<GroupingInput, "facts" | "classified">, positions: readonly number[]): Stage {
  // Asked of the same groups when they are drawn, probed and named: worked out once per plan
  // (a group's positions array is not changed once groupStage has seen it).
  const ofPlan = remembered(groupStages, input.classified, () => new WeakMap<readonly number[], Stage>());
  return remembered(ofPlan, positions, () => stageOfCells(input, positions));
}

/** Group stages by the plan's classification (one per plan) and the group's positions. */
const groupStages = new WeakMap<readonly ClassifiedCell[], WeakMap<readonly number[], Stage>>();

function stageOfCells(input: Pick<GroupingInput, "facts" | "classified">, positions: readonly number[]): Stage {
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
    if (score > 0 && score >= bestScore) [best, bestScore] = [stage, score];
  }
  return best === "exploration" ? "preprocessing" : best;
}
