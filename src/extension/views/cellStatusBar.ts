// Shows each code cell's nb2prod role under the cell: the step it goes to (or, for a
// divided cell, which lines go to which step), and what its metadata says (step start,
// excluded, parameters).
import * as vscode from "vscode";
import { PARAMETERS_TAG, readNb2prodMetadata, readTags } from "../../core/notebook/cellMetadata";
import type { SplitPlan } from "../../core/planning/splitPlan";
import { jupyterMetadataOf } from "../adapters/jupyterCellMetadata";
import type { PipelineModel } from "./pipelineModel";

export class CellStatusBarProvider implements vscode.NotebookCellStatusBarItemProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCellStatusBarItems = this.changeEmitter.event;
  // VS Code does not re-query the items when only a cell's metadata changes: ask it to.
  private readonly subscription = vscode.workspace.onDidChangeNotebookDocument((event) => {
    if (event.cellChanges.some((change) => change.metadata !== undefined)) this.changeEmitter.fire();
  });
  private readonly planSubscription: vscode.Disposable;

  constructor(private readonly model: PipelineModel) {
    this.planSubscription = model.onDidChange(() => {
      this.changeEmitter.fire();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.planSubscription.dispose();
    this.changeEmitter.dispose();
  }

  provideCellStatusBarItems(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem[] {
    if (cell.kind !== vscode.NotebookCellKind.Code) return [];
    const metadata = jupyterMetadataOf(cell);
    const items: vscode.NotebookCellStatusBarItem[] = [];
    const analysis = this.model.analysis;
    const cellId = analysis?.notebookUri.toString() === cell.notebook.uri.toString() ? analysis.notebook.cells[cell.index]?.id : undefined;
    if (analysis !== undefined && cellId !== undefined) items.push(...planItems(analysis.plan, cellId));
    const reading = readNb2prodMetadata(metadata);
    if (!reading.ok) {
      const item = new vscode.NotebookCellStatusBarItem("$(warning) nb2prod: invalid metadata", vscode.NotebookCellStatusBarAlignment.Left);
      item.tooltip = reading.problem;
      items.push(item);
    } else {
      if (reading.value.step !== undefined) {
        const item = new vscode.NotebookCellStatusBarItem(`$(split-vertical) step: ${reading.value.step}`, vscode.NotebookCellStatusBarAlignment.Left);
        item.tooltip = `nb2prod: a new pipeline step "${reading.value.step}" starts at this cell`;
        items.push(item);
      }
      if (reading.value.exclude === true) {
        const item = new vscode.NotebookCellStatusBarItem("$(eye-closed) excluded from pipeline", vscode.NotebookCellStatusBarAlignment.Left);
        item.tooltip = "nb2prod leaves this cell out of the generated pipeline";
        items.push(item);
      }
    }
    if (readTags(metadata).includes(PARAMETERS_TAG)) {
      const item = new vscode.NotebookCellStatusBarItem("$(settings) parameters", vscode.NotebookCellStatusBarAlignment.Left);
      item.tooltip = "nb2prod: this cell's values become the pipeline's typed parameters (params.yaml)";
      items.push(item);
    }
    return items;
  }
}

/** The step of the cell, or the steps of a divided cell's lines; nothing for a cell outside the steps. */
function planItems(plan: SplitPlan, cellId: string): vscode.NotebookCellStatusBarItem[] {
  const stepOf = (id: string): SplitPlan["steps"][number] | undefined => plan.steps.find((step) => step.cellIds.includes(id));
  const parts = plan.parts.filter((part) => part.cellId === cellId);
  if (parts.length > 0) {
    const text = parts.map((part) => `lines ${part.fromLine}–${part.toLine} → ${stepOf(part.id)?.name ?? "left out"}`).join(" · ");
    const item = new vscode.NotebookCellStatusBarItem(`$(split-vertical) ${text}`, vscode.NotebookCellStatusBarAlignment.Left);
    item.tooltip = "nb2prod: this cell mixes stages, so its top-level statements are divided between steps (see the Pipeline view). Start a step at it or set its stage to keep it whole.";
    return [item];
  }
  const step = stepOf(cellId);
  if (step === undefined) return [];
  const item = new vscode.NotebookCellStatusBarItem(`$(type-hierarchy) ${step.name} · ${step.stage}`, vscode.NotebookCellStatusBarAlignment.Left);
  item.tooltip = `nb2prod: this cell runs in the pipeline step ${step.name} (${step.stage}).`;
  return [item];
}
