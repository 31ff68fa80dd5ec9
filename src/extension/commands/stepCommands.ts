// Step commands (Pipeline view step items, the cell menus): Rename Step…, Merge With
// Previous Step, Move Cell to Step…, Assign Selected Cells to Step…. Each analyses the
// notebook as it is now, lets the core work out the step markers (stepEdits.ts) and
// writes them in one WorkspaceEdit: the notebook becomes dirty, one Undo reverts it.
import * as vscode from "vscode";
import { z } from "zod";
import type { LayoutResult, PlannedNotebook } from "../../core/planning/stepLayout";
import type { StepEditResult } from "../../core/planning/stepEdits";
import { assignCellsToStep, mergeWithPreviousStep, renameStep } from "../../core/planning/stepEdits";
import type { PlanStep, SplitPlan } from "../../core/planning/splitPlan";
import { nextFreeStepName, stepNameProblem } from "../../core/planning/stepName";
import type { NotebookAnalysisService } from "../analysis/notebookAnalysisService";
import { CommandId } from "../commandIds";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import { announce } from "./cellCommands";
import { applyCellMetadata } from "./cellMetadataEdit";
import { notebookFor } from "./notebookArg";
import { registerCommand, UserFacingError } from "./registerCommand";
import { pointedCell, resolveTargetCells, selectedCells } from "./targetCells";

/** A step item of the Pipeline view (the tree element VS Code passes to `view/item/context` commands). */
const stepNodeSchema = z.object({
  kind: z.literal("step"),
  step: z.object({ name: z.string() }),
  analysis: z.object({ notebookUri: z.custom<vscode.Uri>((value) => value instanceof vscode.Uri) }),
});

export interface StepTarget {
  readonly notebook: vscode.NotebookDocument;
  readonly planned: PlannedNotebook;
  readonly step: PlanStep;
}

export type Analyse = (notebook: vscode.NotebookDocument) => Promise<PlannedNotebook>;

/** The plan ids (the cell's, or its parts' when the planner divided it) of the cell at `index`. */
function planIdsOf(planned: PlannedNotebook, index: number): string[] {
  const id = planned.notebook.cells[index]?.id;
  if (id === undefined) return [];
  const parts = planned.plan.parts.filter((part) => part.cellId === id).map((part) => part.id);
  return parts.length > 0 ? parts : [id];
}

function stepOfCell(plan: SplitPlan, planIds: readonly string[]): PlanStep | undefined {
  return plan.steps.find((step) => step.cellIds.some((id) => planIds.includes(id)));
}

/** The step a command is about: a Pipeline view step item, else the step of the target cell. */
export async function stepTarget(arg: unknown, analyse: Analyse): Promise<StepTarget> {
  const node = stepNodeSchema.safeParse(arg);
  if (node.success) {
    const notebook = await notebookFor(node.data.analysis.notebookUri, "this command");
    const planned = await analyse(notebook);
    const step = planned.plan.steps.find((candidate) => candidate.name === node.data.step.name);
    if (step === undefined) throw new UserFacingError(`The notebook has no step ${node.data.step.name} any more; the Pipeline view shows the current steps.`);
    return { notebook, planned, step };
  }
  const { notebook, cells } = resolveTargetCells(arg);
  const cell = cells[0];
  if (cell === undefined) throw new UserFacingError("Select a cell in the notebook first.");
  const planned = await analyse(notebook);
  const step = stepOfCell(planned.plan, planIdsOf(planned, cell.index));
  if (step === undefined) {
    throw new UserFacingError(`Cell ${cell.index + 1} runs in no pipeline step (it is left out, shared code or the parameters cell).`);
  }
  return { notebook, planned, step };
}

const APPLY_ANYWAY = "Apply Anyway";

/** Writes the edit's metadata; a result that is not quite what was asked is shown first, and written only if confirmed. */
async function apply(notebook: vscode.NotebookDocument, edit: StepEditResult, what: string): Promise<SplitPlan | undefined> {
  if (!edit.ok) throw new UserFacingError(edit.problem);
  const result: LayoutResult = edit.value;
  if (result.mismatches.length > 0) {
    const choice = await vscode.window.showWarningMessage(
      `nb2prod cannot make this edit exactly as asked: ${result.mismatches.join(" ")}`,
      { modal: true },
      APPLY_ANYWAY,
    );
    if (choice !== APPLY_ANYWAY) return undefined;
  }
  await applyCellMetadata(notebook, result.changes.map((change) => ({ index: change.index, jupyter: change.metadata })));
  announce(what);
  return result.plan;
}

async function renameStepCommand(arg: unknown, nameArg: unknown, analyse: Analyse): Promise<SplitPlan | undefined> {
  const { notebook, planned, step } = await stepTarget(arg, analyse);
  const others = new Set(planned.plan.steps.map((candidate) => candidate.name).filter((name) => name !== step.name));
  const name =
    typeof nameArg === "string"
      ? nameArg
      : await vscode.window.showInputBox({
          title: `Rename step ${step.name}`,
          prompt: "New name of the step (becomes a Python module and function name)",
          value: step.name,
          validateInput: (value) => stepNameProblem(value.trim()) ?? (others.has(value.trim()) ? `A step called ${value.trim()} exists already.` : undefined),
        });
  if (name === undefined) return undefined;
  return apply(notebook, renameStep(planned, step.name, name.trim()), `step ${step.name} is now ${name.trim()}`);
}

async function mergeCommand(arg: unknown, analyse: Analyse): Promise<SplitPlan | undefined> {
  const { notebook, planned, step } = await stepTarget(arg, analyse);
  const position = planned.plan.steps.indexOf(step);
  const previous = planned.plan.steps[position - 1]?.name ?? "the previous step";
  return apply(notebook, mergeWithPreviousStep(planned, step.name), `step ${step.name} merged into ${previous}`);
}

const NEW_STEP = "$(add) New step…";

/** The step to move cells to: given, else picked from the plan's steps or named anew. */
async function chooseStep(planned: PlannedNotebook, title: string, stepArg: unknown): Promise<string | undefined> {
  if (typeof stepArg === "string") return stepArg;
  const items: vscode.QuickPickItem[] = [
    ...planned.plan.steps.map((step, index) => ({ label: step.name, description: `${index + 1}. ${step.stage}` })),
    { label: NEW_STEP, alwaysShow: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: "Step to move the cells to" });
  if (picked === undefined) return undefined;
  if (picked.label !== NEW_STEP) return picked.label;
  const taken = planned.plan.steps.map((step) => step.name);
  const name = await vscode.window.showInputBox({
    title,
    prompt: "Name of the new step (becomes a Python module and function name)",
    value: nextFreeStepName(taken),
    validateInput: (value) => stepNameProblem(value.trim()) ?? (taken.includes(value.trim()) ? `A step called ${value.trim()} exists already: pick it from the list.` : undefined),
  });
  return name?.trim();
}

async function moveCells(
  notebook: vscode.NotebookDocument,
  cells: readonly vscode.NotebookCell[],
  stepArg: unknown,
  analyse: Analyse,
): Promise<SplitPlan | undefined> {
  if (cells.length === 0) throw new UserFacingError("Select the cells to move first.");
  const planned = await analyse(notebook);
  const numbers = cells.map((cell) => cell.index + 1).join(", ");
  const stepName = await chooseStep(planned, `Move cell${cells.length > 1 ? "s" : ""} ${numbers} to step`, stepArg);
  if (stepName === undefined) return undefined;
  const edit = assignCellsToStep(planned, cells.map((cell) => cell.index), stepName);
  const plan = await apply(notebook, edit, `cell${cells.length > 1 ? "s" : ""} ${numbers} moved to step ${stepName}`);
  if (edit.ok && edit.skipped !== undefined && edit.skipped.length > 0) void vscode.window.showInformationMessage(`nb2prod: ${edit.skipped.join(" ")}`);
  return plan;
}

/** Assign Selected Cells: the selection of the notebook the argument points at; a step item names the step. */
async function assignSelectedCommand(arg: unknown, stepArg: unknown, analyse: Analyse): Promise<SplitPlan | undefined> {
  const node = stepNodeSchema.safeParse(arg);
  if (node.success) {
    const notebook = await notebookFor(node.data.analysis.notebookUri, "this command");
    const selection = selectedCells(notebook);
    return moveCells(notebook, selection?.cells ?? [], typeof stepArg === "string" ? stepArg : node.data.step.name, analyse);
  }
  const pointed = pointedCell(arg);
  const selection = selectedCells(pointed?.notebook);
  const { notebook, cells } = selection !== undefined && selection.cells.length > 0 ? selection : resolveTargetCells(arg);
  return moveCells(notebook, cells, stepArg, analyse);
}

/** The notebook as it is now, analysed and planned by the extension's analysis service. */
export function plannedBy(service: NotebookAnalysisService): Analyse {
  return async (notebook) => {
    const analysis = await service.analyse(notebook);
    return { notebook: analysis.notebook, analyses: analysis.cells, dataflow: analysis.dataflow, plan: analysis.plan };
  };
}

export function registerStepCommands(store: DisposableStore, log: Log, service: NotebookAnalysisService): void {
  const analyse = plannedBy(service);
  store.track(registerCommand(log, CommandId.renameStep, (arg, name) => renameStepCommand(arg, name, analyse)));
  store.track(registerCommand(log, CommandId.mergeWithPreviousStep, (arg) => mergeCommand(arg, analyse)));
  store.track(
    registerCommand(log, CommandId.moveCellToStep, (arg, step) => {
      const { notebook, cells } = resolveTargetCells(arg);
      return moveCells(notebook, cells, step, analyse);
    }),
  );
  store.track(registerCommand(log, CommandId.assignSelectedCellsToStep, (arg, step) => assignSelectedCommand(arg, step, analyse)));
}
