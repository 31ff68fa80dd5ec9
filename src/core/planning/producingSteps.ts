// Every step should leave something a user can find: what it hands on, a fitted model,
// metrics, a report or a figure. A step the planner drew that would leave nothing goes
// into the step before it (the first one, and one just before an author's marker, into
// the step after it); a step the author drew (a marker) or one that only checks the data
// stays, and the plan's warnings say why.
import type { MissingValue } from "./stepIo";
import type { PlanStep } from "./splitPlan";
import type { StepGroup } from "./stepGroups";
import type { AssembledSteps, ProbedSteps } from "./planAssembly";

export interface BuiltSteps {
  readonly steps: PlanStep[];
  readonly missing: MissingValue[];
}

/**
 * Builds the steps, merging the planner's own empty steps into a neighbour. Once: a step
 * that holds an empty one is not merged again because of it, so merges never cascade.
 */
export function buildProducingSteps(
  groups: readonly StepGroup[],
  probe: (groups: readonly StepGroup[]) => ProbedSteps,
  build: (groups: readonly StepGroup[]) => AssembledSteps,
): BuiltSteps & { readonly warnings: string[] } {
  // A single step has no neighbour to merge into: nothing to probe.
  const probed = groups.length > 1 ? probe(groups) : undefined;
  const empty = groups.map((group, index) => probed !== undefined && !group.reserved && probed.stageOf(index) !== "validation" && !probed.producesSomething(index));
  const current = empty.includes(true) ? mergeEmpty(groups, empty) : [...groups];
  const built = build(current);
  const steps = built.steps();
  const warnings = steps.flatMap((step, index) => {
    const group = current[index];
    if (group === undefined || built.producesSomething(index)) return [];
    if (step.stage === "validation") return [`Step ${step.name} keeps nothing: it only checks the data, and a failed check stops the run.`];
    return [`Step ${step.name} keeps nothing a user can find (no value it hands on, no model, metric, report or figure)${group.reserved ? ": your marker keeps it a step of its own" : ""}.`];
  });
  return { steps, missing: built.missing, warnings };
}
/**
 * Each empty group joins the nearest group before it that stays (the first ones: the
 * first group after them). An empty group right before an author's marker joins the
 * marker's step instead: the marker cut it off the step it belonged to, and merging it
 * backwards would change a step the author did not touch.
 */
function mergeEmpty(groups: readonly StepGroup[], empty: readonly boolean[]): StepGroup[] {
  const kept: StepGroup[] = [];
  let pending: number[] = [];
  groups.forEach((group, index) => {
    if (empty[index] === true) {
      const last = kept[kept.length - 1];
      const next = groups[index + 1];
      const beforeMarker = next !== undefined && next.reserved && empty[index + 1] !== true;
      if (last === undefined || beforeMarker) pending = [...pending, ...group.positions];
      else kept[kept.length - 1] = { ...last, positions: [...last.positions, ...group.positions] };
      return;
    }
    kept.push(pending.length === 0 ? group : { ...group, positions: [...pending, ...group.positions].sort((a, b) => a - b) });
    pending = [];
  });
  // Nothing stays: keep the groups as they were.
  return kept.length === 0 ? [...groups] : kept;
}
