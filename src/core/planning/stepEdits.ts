// Step-level edits of a notebook's plan: rename a step, merge it with the previous one,
// move cells to a step. Each says which step every cell should be in and lets
// stepLayout.ts find the metadata changes; steps the edit does not name keep their cells
// and names (a marker added for one step must not rename or merge steps elsewhere).
import type { JupyterCellMetadata } from "../notebook/cellMetadata";
import { NB2PROD_METADATA_KEY, readNb2prodMetadata, withPrevTagRenamed } from "../notebook/cellMetadata";
import type { LayoutResult, PlannedNotebook } from "./stepLayout";
import { currentSteps, layOutSteps } from "./stepLayout";
import type { PlanStep } from "./splitPlan";
import { stepNameProblem } from "./stepName";

export type StepEditResult = { readonly ok: true; readonly value: LayoutResult } | { readonly ok: false; readonly problem: string };

/**
 * A cell the planner divided between steps can only be marked whole (a marker keeps its
 * cell whole). An edit of a step that holds only part of such a cell is refused, saying
 * what to do; when a neighbouring step's divided cell had to become whole, the result
 * says so (the extension asks before writing it).
 */
function checked(planned: PlannedNotebook, result: LayoutResult, editedIds: readonly string[]): StepEditResult {
  const notes: string[] = [];
  for (const index of result.mismatchedCells) {
    const cell = planned.notebook.cells[index];
    const parts = planned.plan.parts.filter((part) => part.cellId === cell?.id).map((part) => part.id);
    if (parts.length === 0) continue;
    const steps = planned.plan.steps.filter((step) => step.cellIds.some((id) => parts.includes(id))).map((step) => step.name);
    if (parts.some((id) => editedIds.includes(id))) {
      return refuse(
        `Cell ${index + 1} mixes stages, so nb2prod divided it between steps ${steps.join(", ")}; a step marker keeps a cell whole, so this edit cannot take part of it alone. Split the cell in the notebook (Split Cell) where the steps should part, then try again.`,
      );
    }
    const marked = result.changes.some((change) => change.index === index);
    notes.push(
      marked
        ? `nb2prod had divided cell ${index + 1} between steps ${steps.join(", ")}; the step marker this edit needs there keeps it whole.`
        : `nb2prod divided cell ${index + 1} between steps ${steps.join(", ")}; a step marker there would keep it whole, so none was written.`,
    );
  }
  return { ok: true, value: notes.length === 0 ? result : { ...result, mismatches: [...result.mismatches, ...notes] } };
}

function stepNamed(planned: PlannedNotebook, name: string): PlanStep | undefined {
  return planned.plan.steps.find((step) => step.name === name);
}

function refuse(problem: string): StepEditResult {
  return { ok: false, problem };
}

function metadataOf(planned: PlannedNotebook): JupyterCellMetadata[] {
  return planned.notebook.cells.map((cell) => cell.metadata);
}

/** Every cell's metadata with Kale `prev:<from>` tags pointing at `to` instead. */
function prevTagsRenamed(planned: PlannedNotebook, from: string, to: string): JupyterCellMetadata[] {
  return metadataOf(planned).map((metadata) => {
    const renamed = withPrevTagRenamed(metadata, from, to);
    return JSON.stringify(renamed) === JSON.stringify(metadata) ? metadata : renamed;
  });
}

/** Step `stepName` is called `newName`; every other step keeps its name and cells. */
export function renameStep(planned: PlannedNotebook, stepName: string, newName: string): StepEditResult {
  const step = stepNamed(planned, stepName);
  if (step === undefined) return refuse(`There is no step called ${stepName}.`);
  const problem = stepNameProblem(newName);
  if (problem !== undefined) return refuse(problem);
  if (newName === stepName) return refuse(`The step is already called ${stepName}.`);
  if (stepNamed(planned, newName) !== undefined) {
    return refuse(`A step called ${newName} exists already; to make the two one step, use Merge With Previous Step or Move Cell to Step.`);
  }
  const wanted = currentSteps(planned.plan);
  for (const id of step.cellIds) wanted.set(id, newName);
  return checked(planned, layOutSteps(planned, wanted, prevTagsRenamed(planned, stepName, newName)), step.cellIds);
}

/** Step `stepName` joins the step before it, which keeps its name. */
export function mergeWithPreviousStep(planned: PlannedNotebook, stepName: string): StepEditResult {
  const position = planned.plan.steps.findIndex((step) => step.name === stepName);
  const step = planned.plan.steps[position];
  if (step === undefined) return refuse(`There is no step called ${stepName}.`);
  const previous = planned.plan.steps[position - 1];
  if (previous === undefined) return refuse(`${stepName} is the first step: there is no step before it to merge with.`);
  const wanted = currentSteps(planned.plan);
  for (const id of step.cellIds) wanted.set(id, previous.name);
  return checked(planned, layOutSteps(planned, wanted, prevTagsRenamed(planned, stepName, previous.name)), step.cellIds);
}

/**
 * The cells at `cellIndexes` (notebook positions) run in step `stepName`: an existing step,
 * or a new one by that name. Cells left out of the pipeline by nb2prod's `exclude` (or the
 * exploration stage) are brought back in; cells that cannot run in a step (markdown, the
 * parameters cell, shared code) are named in `skipped`.
 */
export function assignCellsToStep(
  planned: PlannedNotebook,
  cellIndexes: readonly number[],
  stepName: string,
): StepEditResult & { readonly skipped?: string[] } {
  const problem = stepNameProblem(stepName);
  if (problem !== undefined) return refuse(problem);
  const start = metadataOf(planned);
  const wanted = currentSteps(planned.plan);
  const targets = [...new Set(cellIndexes)].sort((a, b) => a - b).flatMap((index) => {
    const cell = planned.notebook.cells[index];
    return cell === undefined ? [] : [cell];
  });
  if (targets.length === 0) return refuse("No cell to move.");
  const skipped: string[] = [];
  for (const cell of targets) {
    if (cell.kind !== "code") {
      skipped.push(`Cell ${cell.index + 1} is not a code cell.`);
      continue;
    }
    const ids = planned.plan.parts.filter((part) => part.cellId === cell.id).map((part) => part.id);
    for (const id of ids.length > 0 ? ids : [cell.id]) wanted.set(id, stepName);
    const reading = readNb2prodMetadata(cell.metadata);
    if (reading.ok && (reading.value.exclude === true || reading.value.stage === "exploration")) {
      start[cell.index] = withoutExclusion(cell.metadata);
    }
  }
  const result = layOutSteps(planned, wanted, start);
  const verdict = checked(planned, result, []);
  if (!verdict.ok) return verdict;
  const inSteps = new Set(result.plan.steps.flatMap((step) => step.cellIds.map((id) => id.split("/")[0])));
  for (const cell of targets) {
    if (cell.kind === "code" && !inSteps.has(cell.id)) skipped.push(leftOutReason(result, cell.id, cell.index));
  }
  return { ...verdict, skipped };
}

function withoutExclusion(metadata: JupyterCellMetadata): Record<string, unknown> {
  const reading = readNb2prodMetadata(metadata);
  if (!reading.ok) return { ...metadata };
  const kept = Object.fromEntries(
    Object.entries(reading.value).filter(([key, value]) => key !== "exclude" && !(key === "stage" && value === "exploration")),
  );
  const others = Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== NB2PROD_METADATA_KEY));
  return Object.keys(kept).length === 0 ? others : { ...others, [NB2PROD_METADATA_KEY]: kept };
}

function leftOutReason(result: LayoutResult, cellId: string, index: number): string {
  const plan = result.plan;
  if (plan.parametersCellIds.includes(cellId)) return `Cell ${index + 1} is the parameters cell; its values become the pipeline's params, not a step.`;
  if (plan.shared.cellIds.includes(cellId)) return `Cell ${index + 1} is shared code (imports, functions); every step gets it.`;
  const excluded = plan.excluded.find((entry) => entry.cellId === cellId);
  return `Cell ${index + 1} stays out of the pipeline: ${excluded?.reason ?? "it runs in no step"}`;
}
