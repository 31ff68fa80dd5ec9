// Tree items for the suggested plan: steps (with stage and rationale) → their cells, and
// the cells left out with the reason.
import * as vscode from "vscode";
import type { PlanStep, StepReport } from "../../core/planning/splitPlan";
import type { StepReport as VerifiedStepReport, StepStatus } from "../../core/verify/verifyReport";
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
    "Suggested split into pipeline steps. Right-click a step to rename it or merge it with the previous one; right-click a cell in the notebook to start a step there, move it to a step, exclude it or mark the parameters cell. The plan follows.",
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
function verifyTooltip(result: VerifiedStepReport): string {
  const outputs = result.outputs.map((output) => `  ${output.name}: ${output.status.replace(/-/g, " ")}${output.detail === undefined ? "" : ` (${output.detail})`}`);
  return [`Last verify: ${result.status.replace(/-/g, " ")}${result.reason === undefined ? "" : ` (${result.reason})`}`, ...outputs].join("\n");
}

export function stepItem(step: PlanStep, position: number, verified?: VerifiedStepReport): vscode.TreeItem {
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

/** How a divided cell's lines went to steps: "Divided at top-level statements: lines 1–3 → train_model (training); …". */
function divisionNote(analysis: NotebookAnalysis, cellId: string): string {
  const parts = analysis.plan.parts.filter((part) => part.cellId === cellId);
  const steps = parts.map((part) => {
    const step = analysis.plan.steps.find((candidate) => candidate.cellIds.includes(part.id));
    return `lines ${part.fromLine}–${part.toLine} → ${step === undefined ? "no step" : `${step.name} (${step.stage})`}`;
  });
  return `This cell mixes stages, so nb2prod divided it at top-level statements: ${steps.join("; ")}. To keep it whole, start a step at it or set its stage (nb2prod metadata).`;
}

/** A value or the figures a step keeps for people. */
export function reportItem(analysis: NotebookAnalysis, report: StepReport): vscode.TreeItem {
  const part = analysis.plan.parts.find((candidate) => candidate.id === report.cellId);
  const cell = analysis.notebook.cells.find((candidate) => candidate.id === (part?.cellId ?? report.cellId));
  const where = `cell ${(cell?.index ?? 0) + 1}, line ${report.line}`;
  const figures = report.kind === "figures";
  const item = new vscode.TreeItem(figures ? `figures of cell ${(cell?.index ?? 0) + 1}` : report.name);
  item.description = figures ? "kept as PNG artifacts" : `kept: ${report.expression ?? report.name}`;
  item.tooltip = figures
    ? `The figures this cell draws are saved as PNG artifacts of the run (${report.name}).`
    : `What ${where} shows is kept as ${report.name}: a number becomes a run metric, anything else a report artifact.`;
  item.iconPath = new vscode.ThemeIcon(figures ? "graph-line" : "output");
  item.contextValue = "nb2prod.report";
  if (cell !== undefined) item.command = { command: CommandId.revealCell, title: "Reveal Cell", arguments: [analysis.notebookUri, cell.index] };
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

/**
 * A cell (or the part of a divided cell) of a step or of the excluded list; clicking
 * reveals the cell in the notebook. A part says which lines it holds and where the rest
 * of its cell went.
 */
export function planCellItem(analysis: NotebookAnalysis, cellId: string, reason: string | undefined): vscode.TreeItem {
  const part = analysis.plan.parts.find((candidate) => candidate.id === cellId);
  const cell = analysis.notebook.cells.find((candidate) => candidate.id === (part?.cellId ?? cellId));
  const lines = cell?.source.split(/\r?\n/) ?? [];
  const shown = part === undefined ? lines : lines.slice(part.fromLine - 1, part.toLine);
  const firstLine = shown.find((line) => line.trim() !== "" && !line.trim().startsWith("#")) ?? shown.find((line) => line.trim() !== "") ?? "(empty)";
  const where = part === undefined ? `${(cell?.index ?? 0) + 1}` : `${(cell?.index ?? 0) + 1}, lines ${part.fromLine}–${part.toLine}`;
  const item = new vscode.TreeItem(`[${where}] ${firstLine.trim().length > 50 ? `${firstLine.trim().slice(0, 47)}...` : firstLine.trim()}`);
  const stage = analysis.plan.cellStages.find((entry) => entry.cellId === cellId);
  item.description = part === undefined ? stage?.stage : `${stage?.stage ?? ""} · divided cell`;
  item.tooltip = [reason ?? stage?.because ?? "", ...(part === undefined ? [] : [divisionNote(analysis, part.cellId)])].filter((text) => text !== "").join("\n\n");
  item.iconPath = new vscode.ThemeIcon(part === undefined ? "code" : "split-vertical");
  item.contextValue = "nb2prod.cell";
  if (cell !== undefined) {
    item.command = { command: CommandId.revealCell, title: "Reveal Cell", arguments: [analysis.notebookUri, cell.index] };
  }
  return item;
}
