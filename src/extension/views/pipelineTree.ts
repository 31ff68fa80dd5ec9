import * as vscode from "vscode";
import type { Finding } from "../../core/analysis/dataflowTypes";
import type { NotebookCellModel } from "../../core/notebook/notebookModel";
import type { PlanStep, StepReport } from "../../core/planning/splitPlan";
import { excludedItem, planCellItem, reportItem, stepItem, stepsItem } from "./planNodes";
import { readNb2prodMetadata, PARAMETERS_TAG } from "../../core/notebook/cellMetadata";
import { CommandId } from "../commandIds";
import type { NotebookAnalysis, PipelineModel } from "./pipelineModel";
import { ForwardingTreeProvider } from "./forwardingTree";

export type PipelineNode =
  | { readonly kind: "notebook"; readonly analysis: NotebookAnalysis }
  | { readonly kind: "fact"; readonly label: string; readonly value: string; readonly icon: string }
  | { readonly kind: "cells"; readonly analysis: NotebookAnalysis }
  | { readonly kind: "findings"; readonly analysis: NotebookAnalysis }
  | { readonly kind: "steps"; readonly analysis: NotebookAnalysis }
  | { readonly kind: "step"; readonly analysis: NotebookAnalysis; readonly step: PlanStep; readonly position: number }
  | { readonly kind: "excluded"; readonly analysis: NotebookAnalysis }
  | { readonly kind: "planCell"; readonly analysis: NotebookAnalysis; readonly cellId: string; readonly reason?: string }
  | { readonly kind: "report"; readonly analysis: NotebookAnalysis; readonly report: StepReport }
  | { readonly kind: "finding"; readonly analysis: NotebookAnalysis; readonly finding: Finding }
  | { readonly kind: "cell"; readonly analysis: NotebookAnalysis; readonly cell: NotebookCellModel };

function basename(uri: vscode.Uri): string {
  return uri.path.split("/").pop() ?? uri.path;
}

function firstLine(source: string): string {
  const line = source.split(/\r?\n/).find((candidate) => candidate.trim() !== "") ?? "(empty)";
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function cellBadges(cell: NotebookCellModel): string {
  const badges: string[] = [];
  const reading = readNb2prodMetadata(cell.metadata);
  if (reading.ok && reading.value.step !== undefined) badges.push(`step: ${reading.value.step}`);
  if (reading.ok && reading.value.exclude === true) badges.push("excluded");
  if (!reading.ok) badges.push("invalid nb2prod metadata");
  if (cell.tags.includes(PARAMETERS_TAG)) badges.push("parameters");
  return badges.join(" · ");
}

function factsOf(analysis: NotebookAnalysis): PipelineNode[] {
  const s = analysis.summary;
  const facts: [string, string, string][] = [
    ["Cells", String(s.totalCells), "list-flat"],
    ["Code cells", String(s.codeCells), "code"],
    ["Markdown cells", String(s.markdownCells), "markdown"],
    ["Code lines", String(s.codeLines), "symbol-number"],
    ["Executed code cells", `${s.executedCells} of ${s.codeCells}`, "play"],
  ];
  if (s.rawCells > 0) facts.push(["Raw cells", String(s.rawCells), "file-text"]);
  if (s.emptyCodeCells > 0) facts.push(["Empty code cells", String(s.emptyCodeCells), "circle-slash"]);
  if (s.languages.length > 0) facts.push(["Languages", s.languages.join(", "), "globe"]);
  facts.push(["Cells with syntax errors", String(s.syntaxErrorCellIds.length), s.syntaxErrorCellIds.length > 0 ? "warning" : "pass"]);
  return facts.map(([label, value, icon]) => ({ kind: "fact", label, value, icon }));
}

function findingsItem(analysis: NotebookAnalysis): vscode.TreeItem {
  const count = analysis.dataflow.findings.length;
  const item = new vscode.TreeItem("Hidden-state findings", count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = String(count);
  item.iconPath = new vscode.ThemeIcon(count > 0 ? "warning" : "pass");
  item.tooltip = "Reads without an earlier definition, out-of-order execution, redefinitions and unused values: what would break when the notebook runs top to bottom.";
  item.contextValue = "nb2prod.findings";
  return item;
}

function findingItem(analysis: NotebookAnalysis, finding: Finding): vscode.TreeItem {
  const cell = analysis.notebook.cells.find((candidate) => candidate.id === finding.cellId);
  const item = new vscode.TreeItem(finding.name === undefined ? finding.kind : `${finding.name}: ${finding.kind}`);
  item.description = cell === undefined ? undefined : `cell ${cell.index + 1}`;
  item.tooltip = finding.message;
  item.iconPath = new vscode.ThemeIcon(finding.kind === "unused-definition" ? "info" : "warning");
  item.contextValue = "nb2prod.finding";
  if (cell !== undefined) {
    item.command = { command: CommandId.revealCell, title: "Reveal Cell", arguments: [analysis.notebookUri, cell.index] };
  }
  return item;
}

function cellTooltip(analysis: NotebookAnalysis, cell: NotebookCellModel): string {
  const cellAnalysis = analysis.cells.find((candidate) => candidate.cellId === cell.id);
  if (cellAnalysis === undefined) return `Cell ${cell.index + 1}`;
  const list = (names: readonly string[]): string => (names.length > 0 ? names.join(", ") : "-");
  return [
    `Cell ${cell.index + 1}`,
    `defines: ${list(cellAnalysis.defines)}`,
    `reads: ${list(cellAnalysis.reads)}`,
    `changes in place: ${list(cellAnalysis.mutates.map((mutation) => mutation.name))}`,
  ].join("\n");
}

export class PipelineTreeProvider extends ForwardingTreeProvider<PipelineNode> {
  constructor(private readonly model: PipelineModel) {
    super(model.onDidChange);
  }

  override getChildren(node?: PipelineNode): PipelineNode[] {
    const analysis = this.model.analysis;
    if (analysis === undefined) return [];
    if (node === undefined) return [{ kind: "notebook", analysis }];
    if (node.kind === "notebook") {
      const analysis = node.analysis;
      return [{ kind: "steps", analysis }, { kind: "excluded", analysis }, { kind: "findings", analysis }, ...factsOf(analysis), { kind: "cells", analysis }];
    }
    if (node.kind === "steps") {
      return node.analysis.plan.steps.map((step, index) => ({ kind: "step", analysis: node.analysis, step, position: index + 1 }));
    }
    if (node.kind === "step") {
      return [
        ...node.step.cellIds.map((cellId): PipelineNode => ({ kind: "planCell", analysis: node.analysis, cellId })),
        ...node.step.reports.map((report): PipelineNode => ({ kind: "report", analysis: node.analysis, report })),
      ];
    }
    if (node.kind === "excluded") {
      return node.analysis.plan.excluded.map((entry) => ({ kind: "planCell", analysis: node.analysis, cellId: entry.cellId, reason: entry.reason }));
    }
    if (node.kind === "findings") {
      return node.analysis.dataflow.findings.map((finding) => ({ kind: "finding", analysis: node.analysis, finding }));
    }
    if (node.kind === "cells") {
      return node.analysis.notebook.cells
        .filter((cell) => cell.kind === "code")
        .map((cell) => ({ kind: "cell", analysis: node.analysis, cell }));
    }
    return [];
  }

  override getTreeItem(node: PipelineNode): vscode.TreeItem {
    switch (node.kind) {
      case "notebook": {
        const item = new vscode.TreeItem(basename(node.analysis.notebookUri), vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.analysis.summary.totalCells} cells`;
        item.iconPath = new vscode.ThemeIcon("notebook");
        item.tooltip = `${node.analysis.notebookUri.fsPath}\nAnalysed ${node.analysis.analysedAt.toLocaleTimeString()}`;
        item.contextValue = "nb2prod.notebook";
        return item;
      }
      case "fact": {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.value;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = "nb2prod.fact";
        return item;
      }
      case "cells": {
        const item = new vscode.TreeItem("Code cell outline", vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon("symbol-class");
        item.contextValue = "nb2prod.cells";
        return item;
      }
      case "findings":
        return findingsItem(node.analysis);
      case "steps":
        return stepsItem(node.analysis);
      case "step":
        return stepItem(node.step, node.position, this.model.verifyResultOf(node.step.name));
      case "excluded":
        return excludedItem(node.analysis);
      case "planCell":
        return planCellItem(node.analysis, node.cellId, node.reason);
      case "report":
        return reportItem(node.analysis, node.report);
      case "finding":
        return findingItem(node.analysis, node.finding);
      case "cell": {
        const item = new vscode.TreeItem(`[${node.cell.index + 1}] ${firstLine(node.cell.source)}`);
        item.description = cellBadges(node.cell);
        item.tooltip = cellTooltip(node.analysis, node.cell);
        item.iconPath = new vscode.ThemeIcon("code");
        item.contextValue = "nb2prod.cell";
        item.command = {
          command: CommandId.revealCell,
          title: "Reveal Cell",
          arguments: [node.analysis.notebookUri, node.cell.index],
        };
        return item;
      }
    }
  }
}
