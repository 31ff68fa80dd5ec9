// Turns "these cells should form these steps" into step markers. The planner draws steps
// from markers (stepGroups.ts): a marker starts a step at its cell that runs to where the
// next step would have started anyway, and cells marked with the same name form one step.
// Which markers give a wanted layout depends on boundaries the plan does not show (empty
// steps merged away, cells divided at statements), so the markers are found by re-planning:
// metadata changes leave the analyses as they are, so re-planning is cheap and exact.
import type { CellAnalysis } from "../analysis/cellAnalysis";
import type { Dataflow } from "../analysis/dataflowTypes";
import type { CellMetadataChange, JupyterCellMetadata } from "../notebook/cellMetadata";
import { readTags, stepMarkerOf, withStepMarker, withoutStepMarker } from "../notebook/cellMetadata";
import type { NotebookModel } from "../notebook/notebookModel";
import type { SplitPlan } from "./splitPlan";
import { suggestPlan } from "./suggestSteps";

export interface PlannedNotebook {
  readonly notebook: NotebookModel;
  readonly analyses: readonly CellAnalysis[];
  readonly dataflow: Dataflow;
  readonly plan: SplitPlan;
}

/** The step each plan cell id (a cell, or a part of a divided cell) should be in. */
export type WantedSteps = ReadonlyMap<string, string>;

export interface LayoutResult {
  /** The Jupyter metadata of every cell that changes, by notebook index. */
  readonly changes: CellMetadataChange[];
  /** The plan once the changes are made. */
  readonly plan: SplitPlan;
  /** Cells that did not end up where wanted, in plain words. */
  readonly mismatches: string[];
  /** Their notebook indexes. */
  readonly mismatchedCells: number[];
}

/** Re-planning converges in a few rounds; the bound only guards against a planner change. */
const MAX_ROUNDS = 8;

/** The wanted steps of the plan as it is: every plan cell id in its step. */
export function currentSteps(plan: SplitPlan): Map<string, string> {
  return new Map(plan.steps.flatMap((step) => step.cellIds.map((id) => [id, step.name] as const)));
}

/** The plan of `planned` with the cells' Jupyter metadata replaced. */
export function replan(planned: PlannedNotebook, metadata: readonly JupyterCellMetadata[]): SplitPlan {
  const cells = planned.notebook.cells.map((cell, index) => {
    const next = metadata[index] ?? cell.metadata;
    return next === cell.metadata ? cell : { ...cell, metadata: next, tags: readTags(next) };
  });
  return suggestPlan({ ...planned.notebook, cells }, planned.analyses, planned.dataflow);
}

class CellLookup {
  private readonly indexById: Map<string, number>;

  /** `parts`: the plan's divided cells now; `wantedParts`: those `wanted` was written for. */
  constructor(
    notebook: NotebookModel,
    private readonly parts: SplitPlan["parts"],
    private readonly wantedParts: SplitPlan["parts"],
  ) {
    this.indexById = new Map(notebook.cells.map((cell) => [cell.id, cell.index]));
  }

  isPart(planCellId: string): boolean {
    return this.parts.some((candidate) => candidate.id === planCellId);
  }

  /** The notebook index of a plan cell id (a part's cell for a part). */
  indexOf(planCellId: string): number | undefined {
    const part = this.parts.find((candidate) => candidate.id === planCellId);
    return this.indexById.get(part?.cellId ?? planCellId);
  }

  /**
   * What `wanted` says for a plan cell id. A cell divided when `wanted` was written and
   * whole now wants every step its parts wanted: more than one cannot be met.
   */
  wantedOf(wanted: WantedSteps, planCellId: string): readonly string[] {
    const direct = wanted.get(planCellId);
    if (direct !== undefined) return [direct];
    const part = this.parts.find((candidate) => candidate.id === planCellId);
    const whole = part === undefined ? undefined : wanted.get(part.cellId);
    if (whole !== undefined) return [whole];
    const names = this.wantedParts.filter((candidate) => candidate.cellId === planCellId).flatMap((candidate) => {
      const name = wanted.get(candidate.id);
      return name === undefined ? [] : [name];
    });
    return [...new Set(names)];
  }
}

interface Fragment {
  readonly name: string;
  readonly start: number;
  readonly stepName: string;
  readonly first: boolean;
  /** It starts at a part of a divided cell: a marker there would make the cell whole. */
  readonly inDividedCell: boolean;
}

/** Each plan step cut into runs of cells that want the same step. */
function fragmentsOf(plan: SplitPlan, wanted: WantedSteps, lookup: CellLookup): Fragment[] {
  const fragments: Fragment[] = [];
  for (const step of plan.steps) {
    let previous: string | undefined;
    let first = true;
    for (const id of step.cellIds) {
      const name = lookup.wantedOf(wanted, id)[0];
      const index = lookup.indexOf(id);
      if (name === undefined || index === undefined || name === previous) continue;
      fragments.push({ name, start: index, stepName: step.name, first, inDividedCell: lookup.isPart(id) });
      previous = name;
      first = false;
    }
  }
  return fragments;
}

/** Markers that would bring `plan` closer to `wanted`: where a step must start, and under which name. */
function neededMarkers(plan: SplitPlan, wanted: WantedSteps, lookup: CellLookup): Map<number, string> {
  const fragments = fragmentsOf(plan, wanted, lookup);
  const count = new Map<string, number>();
  for (const fragment of fragments) count.set(fragment.name, (count.get(fragment.name) ?? 0) + 1);
  const markers = new Map<number, string>();
  for (const fragment of fragments) {
    // A run inside another step, a step under another name, or one of several pieces of
    // a wanted step (the same name glues them): each starts with a marker of its name.
    const pieces = count.get(fragment.name) ?? 0;
    const needed = !fragment.first || fragment.name !== fragment.stepName || pieces > 1;
    // Only the name is off (a name freed by the edit passed to a step that gave way to it):
    // a step starting inside a divided cell had better take that name than move cells.
    const nameOnly = fragment.first && pieces === 1 && fragment.inDividedCell;
    if (needed && !nameOnly && !markers.has(fragment.start)) markers.set(fragment.start, fragment.name);
  }
  return markers;
}

interface Mismatch {
  readonly index: number | undefined;
  readonly text: string;
}

function mismatchesOf(plan: SplitPlan, wanted: WantedSteps, lookup: CellLookup): Mismatch[] {
  const names = new Set<string>();
  const problems: Mismatch[] = [];
  for (const step of plan.steps) {
    if (names.has(step.name)) problems.push({ index: undefined, text: `Two steps are called ${step.name}.` });
    names.add(step.name);
    const wants = new Set(step.cellIds.flatMap((id) => lookup.wantedOf(wanted, id)));
    const [only] = wants;
    if (wants.size === 1 && only !== undefined && only !== step.name) {
      const first = step.cellIds[0];
      problems.push({ index: first === undefined ? undefined : lookup.indexOf(first), text: `Step ${only} would be called ${step.name}.` });
      continue;
    }
    for (const id of step.cellIds) {
      const index = lookup.indexOf(id);
      for (const want of lookup.wantedOf(wanted, id).filter((name) => name !== step.name)) {
        problems.push({ index, text: `Cell ${(index ?? 0) + 1} is in step ${step.name}, not in ${want}.` });
      }
    }
  }
  return problems;
}

function changesBetween(before: readonly JupyterCellMetadata[], after: readonly JupyterCellMetadata[]): CellMetadataChange[] {
  return after.flatMap((metadata, index) => (metadata === before[index] ? [] : [{ index, metadata: { ...metadata } }]));
}

/**
 * The metadata changes that make the plan put each cell in its wanted step. `start` is
 * the metadata to begin from (the edit's own changes, such as renamed `prev:` tags).
 * Markers are added round by round until the plan matches; then each changed cell is
 * tried back as it was, or without a marker, and kept so when the plan still matches,
 * so that the notebook carries no more markers than the layout needs.
 */
export function layOutSteps(planned: PlannedNotebook, wanted: WantedSteps, start?: readonly JupyterCellMetadata[]): LayoutResult {
  const original = planned.notebook.cells.map((cell) => cell.metadata);
  const metadata = [...(start ?? original)];
  let plan = start === undefined ? planned.plan : replan(planned, metadata);
  let lookup = new CellLookup(planned.notebook, plan.parts, planned.plan.parts);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let changed = false;
    for (const [index, name] of neededMarkers(plan, wanted, lookup)) {
      const cellMetadata = metadata[index];
      if (cellMetadata === undefined || stepMarkerOf(cellMetadata) === name) continue;
      metadata[index] = withStepMarker(cellMetadata, name);
      changed = true;
    }
    if (!changed) break;
    plan = replan(planned, metadata);
    lookup = new CellLookup(planned.notebook, plan.parts, planned.plan.parts);
  }
  if (mismatchesOf(plan, wanted, lookup).length === 0) plan = simplify(planned, wanted, original, metadata, plan);
  lookup = new CellLookup(planned.notebook, plan.parts, planned.plan.parts);
  const mismatches = mismatchesOf(plan, wanted, lookup);
  return {
    changes: changesBetween(original, metadata),
    plan,
    mismatches: [...new Set(mismatches.map((mismatch) => mismatch.text))],
    mismatchedCells: [...new Set(mismatches.flatMap((mismatch) => (mismatch.index === undefined ? [] : [mismatch.index])))],
  };
}

/** Undoes each change that the layout does not need (mutates `metadata`); returns the plan. */
function simplify(
  planned: PlannedNotebook,
  wanted: WantedSteps,
  original: readonly JupyterCellMetadata[],
  metadata: JupyterCellMetadata[],
  plan: SplitPlan,
): SplitPlan {
  let current = plan;
  for (let index = 0; index < metadata.length; index += 1) {
    const changed = metadata[index];
    const before = original[index];
    if (changed === undefined || before === undefined || changed === before || stepMarkerOf(changed) === undefined) continue;
    // Back as it was, or (a marker the edit made pointless) without a marker; the edit's
    // other changes to this cell (a renamed prev: tag, a cleared exclude) stay.
    const candidates = [withStepMarkerOf(changed, before), withoutStepMarker(changed)];
    for (const candidate of candidates) {
      if (stepMarkerOf(candidate) === stepMarkerOf(changed)) continue;
      const trial = [...metadata];
      trial[index] = candidate;
      const trialPlan = replan(planned, trial);
      if (mismatchesOf(trialPlan, wanted, new CellLookup(planned.notebook, trialPlan.parts, planned.plan.parts)).length === 0) {
        metadata[index] = candidate;
        current = trialPlan;
        break;
      }
    }
  }
  return current;
}

/** `metadata` with the step marker `source` has (or none). */
function withStepMarkerOf(metadata: JupyterCellMetadata, source: JupyterCellMetadata): Record<string, unknown> {
  const name = stepMarkerOf(source);
  return name === undefined ? withoutStepMarker(metadata) : withStepMarker(metadata, name);
}
