// Tree items for the suggested plan: steps (with stage and rationale) → their cells, and
// the cells left out with the reason.
import * as vscode from "vscode";
import type { PlanStep } from "../../core/planning/splitPlan";
import type { StepReport, StepStatus } from "../../core/verify/verifyReport";
import { CommandId } from "../commandIds";
import type { NotebookAnalysis } from "./pipelineModel";

const STAGE_ICONS: Readonly<Record<string, string>> = {
  ingestion: "cloud-download",
  validation: "checklist",
  preprocessing: "filter",
  training: "rocket",
  evaluation: "graph",
  registration: "archive",
  deployment: "server-process",
  exploration: "eye",
};

export function stepsItem(analysis: NotebookAnalysis): vscode.TreeItem {
  const { plan, planProblems } = analysis;
  const item = new vscode.TreeItem("Pipeline steps", vscode.TreeItemCollapsibleState.Expanded);
  item.description = `${plan.steps.length} steps · ${plan.params.length} params · boundaries from ${plan.boundaries}`;
  item.iconPath = new vscode.ThemeIcon(planProblems.length > 0 ? "warning" : "type-hierarchy");
  item.tooltip = [
    "Suggested split into pipeline steps. Right-click a cell to start a step there, exclude it or mark the parameters cell; the plan follows.",
    ...plan.warnings,
    ...planProblems.map((problem) => `Problem: ${problem.message}`),
  ].join("\n");
  item.contextValue = "nb2prod.steps";
  return item;
}

const VERIFY_ICONS: Readonly<Record<StepStatus, [icon: string, color: string | undefined]>> = {
  equal: ["pass", "testing.iconPassed"],
  different: ["error", "testing.iconFailed"],
  failed: ["error", "testing.iconFailed"],
  "not-comparable": ["circle-slash", undefined],
  "not-run": ["circle-outline", undefined],
};

/** What the last verify said about a step, in a line per output for the tooltip. */
function verifyTooltip(result: StepReport): string {
  const outputs = result.outputs.map((output) => `  ${output.name}: ${output.status.replace(/-/g, " ")}${output.detail === undefined ? "" : ` (${output.detail})`}`);
  return [`Last verify: ${result.status.replace(/-/g, " ")}${result.reason === undefined ? "" : ` (${result.reason})`}`, ...outputs].join("\n");
}

export function stepItem(step: PlanStep, position: number, verified?: StepReport): vscode.TreeItem {
  const item = new vscode.TreeItem(`${position}. ${step.name}`, vscode.TreeItemCollapsibleState.Collapsed);
  const takes = step.inputs.map((input) => input.name);
  const verifyNote = verified === undefined ? "" : ` · verify: ${verified.status.replace(/-/g, " ")}`;
  item.description = `${step.stage}${takes.length > 0 ? ` · takes ${takes.join(", ")}` : ""}${verifyNote}`;
  const [verifyIcon, verifyColor] = verified === undefined ? [undefined, undefined] : VERIFY_ICONS[verified.status];
  item.iconPath = new vscode.ThemeIcon(verifyIcon ?? STAGE_ICONS[step.stage] ?? "symbol-event", verifyColor === undefined ? undefined : new vscode.ThemeColor(verifyColor));
  item.tooltip = verified === undefined ? step.rationale : `${step.rationale}\n\n${verifyTooltip(verified)}`;
  item.contextValue = "nb2prod.step";
  return item;
}

export function excludedItem(analysis: NotebookAnalysis): vscode.TreeItem {
  const count = analysis.plan.excluded.length;
  const item = new vscode.TreeItem("Left out of the pipeline", count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = `${count} cells`;
  item.iconPath = new vscode.ThemeIcon("eye-closed");
  item.contextValue = "nb2prod.excluded";
  return item;
}

/** A cell of a step or of the excluded list; clicking reveals it in the notebook. */
export function planCellItem(analysis: NotebookAnalysis, cellId: string, reason: string | undefined): vscode.TreeItem {
  const cell = analysis.notebook.cells.find((candidate) => candidate.id === cellId);
  const firstLine = cell?.source.split(/\r?\n/).find((line) => line.trim() !== "") ?? "(empty)";
  const item = new vscode.TreeItem(`[${(cell?.index ?? 0) + 1}] ${firstLine.length > 50 ? `${firstLine.slice(0, 47)}...` : firstLine}`);
  const stage = analysis.plan.cellStages.find((entry) => entry.cellId === cellId);
  item.description = stage?.stage;
  item.tooltip = reason ?? stage?.because;
  item.iconPath = new vscode.ThemeIcon("code");
  item.contextValue = "nb2prod.cell";
  if (cell !== undefined) {
    item.command = { command: CommandId.revealCell, title: "Reveal Cell", arguments: [analysis.notebookUri, cell.index] };
  }
  return item;
}
