// The Lineage view for the run selected in the Runs view: artifacts → the step that made
// each → that step's notebook cells (a click reveals the cell), then the code commit,
// params, data inputs (files and the profiles of the data the steps handed on),
// environment and metrics the run recorded.
import * as vscode from "vscode";
import type { ArtifactEvent, LineageGraph, LineageStep } from "../../core/runs/lineageGraph";
import { formatBytes, formatDuration, formatStartTime, formatValue, shortHash } from "../../core/runs/runFormat";
import { CommandId } from "../commandIds";
import type { LineageModel } from "../runs/lineageModel";
import type { RunLineage } from "../runs/runLineage";
import { artifactItem, stepItem } from "./runsTree";
import { ForwardingTreeProvider } from "./forwardingTree";

interface Fact {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: string;
}

type Section = "params" | "inputs" | "environment" | "metrics" | "notes";

export type LineageNode =
  | { readonly kind: "run"; readonly lineage: RunLineage }
  | { readonly kind: "artifacts"; readonly lineage: RunLineage }
  | { readonly kind: "artifact"; readonly lineage: RunLineage; readonly artifact: ArtifactEvent }
  | { readonly kind: "step"; readonly lineage: RunLineage; readonly step: LineageStep }
  | { readonly kind: "cell"; readonly lineage: RunLineage; readonly cellId: string }
  | { readonly kind: "code"; readonly lineage: RunLineage }
  | { readonly kind: "section"; readonly lineage: RunLineage; readonly section: Section }
  | { readonly kind: "fact"; readonly fact: Fact };

const SECTIONS: Readonly<Record<Section, { readonly title: string; readonly icon: string; readonly empty: string }>> = {
  params: { title: "Parameters", icon: "settings", empty: "none recorded" },
  inputs: { title: "Data inputs", icon: "database", empty: "no input files recorded" },
  environment: { title: "Environment", icon: "vm", empty: "not recorded" },
  metrics: { title: "Metrics", icon: "graph", empty: "none recorded" },
  notes: { title: "Gaps in this lineage", icon: "warning", empty: "" },
};

function sectionFacts(lineage: RunLineage, section: Section): Fact[] {
  const graph = lineage.graph;
  switch (section) {
    case "params":
      return graph.params.map((param) => ({ label: param.name, description: formatValue(param.value), icon: "symbol-variable" }));
    case "inputs":
      return [
        ...graph.inputs.map((input) => ({
          label: input.path,
          description: `${formatBytes(input.bytes)} · ${shortHash(input.sha256)}`,
          tooltip: `sha256 ${input.sha256}`,
          icon: "file",
        })),
        // What the data looked like as the ingestion and preprocessing steps handed it on (monitoring.py).
        ...graph.artifacts.filter((artifact) => artifact.kind === "profile").map((profile) => ({
          label: `${profile.step}: ${profile.name}`,
          description: `${formatBytes(profile.bytes)} · ${shortHash(profile.sha256)}`,
          tooltip: `${profile.path}\nsha256 ${profile.sha256}`,
          icon: "graph-line",
        })),
      ];
    case "environment":
      return [
        ...(graph.python === undefined ? [] : [{ label: "Python", description: graph.python, icon: "symbol-namespace" }]),
        ...graph.packages.map((entry) => ({ label: entry.name, description: entry.version ?? "not installed", icon: "package" })),
      ];
    case "metrics":
      return graph.metrics.map((metric) => ({ label: metric.name, description: `${formatValue(metric.value)} · ${metric.step}`, icon: "graph" }));
    case "notes":
      return [...graph.gaps, ...lineage.notes, ...graph.problems.map((problem) => problem.message)].map((note) => ({ label: note, tooltip: note, icon: "info" }));
  }
}

function runFact(graph: LineageGraph): Fact {
  const when = formatStartTime(graph.startedAt);
  const duration = graph.durationMs === undefined ? "" : ` · ${formatDuration(graph.durationMs)}`;
  return {
    label: graph.flow ?? graph.runId,
    description: `${when}${duration}`,
    tooltip: [`Run ${graph.runId}`, graph.notebook === undefined ? undefined : `Notebook ${graph.notebook}`].filter((line) => line !== undefined).join("\n"),
    icon: graph.status === "completed" ? "pass" : graph.status === "failed" ? "error" : "sync~spin",
  };
}

function codeItem(graph: LineageGraph): vscode.TreeItem {
  const item = new vscode.TreeItem("Code");
  item.iconPath = new vscode.ThemeIcon("git-commit");
  if (graph.code.kind === "git") {
    item.description = `${shortHash(graph.code.commit)}${graph.code.dirty ? " + uncommitted changes" : ""}`;
    item.tooltip = `commit ${graph.code.commit}${graph.code.dirty ? "\nThe work tree had changes not committed: this commit alone does not reproduce the run." : ""}`;
  } else {
    item.description = graph.code.kind === "none" ? "not in a git repository" : "not recorded";
    item.tooltip = "Run the pipeline from a git repository to record the commit it ran.";
  }
  item.contextValue = "nb2prod.lineageCode";
  return item;
}

function cellItem(lineage: RunLineage, cellId: string): vscode.TreeItem {
  const cell = lineage.cells.get(cellId);
  if (cell === undefined || lineage.notebookUri === undefined) {
    const item = new vscode.TreeItem(`cell ${cellId}`);
    item.description = "not found in the notebook";
    item.iconPath = new vscode.ThemeIcon("question");
    item.tooltip = lineage.notes.join("\n");
    return item;
  }
  const firstLine = cell.source.split(/\r?\n/).find((line) => line.trim() !== "") ?? "(empty)";
  const item = new vscode.TreeItem(`[${cell.index + 1}] ${firstLine.length > 50 ? `${firstLine.slice(0, 47)}...` : firstLine}`);
  item.description = cellId;
  item.tooltip = cell.source;
  item.iconPath = new vscode.ThemeIcon("code");
  item.contextValue = "nb2prod.lineageCell";
  item.command = { command: CommandId.revealCell, title: "Reveal Cell", arguments: [lineage.notebookUri, cell.index] };
  return item;
}

function factItem(fact: Fact): vscode.TreeItem {
  const item = new vscode.TreeItem(fact.label);
  item.description = fact.description;
  item.tooltip = fact.tooltip;
  item.iconPath = new vscode.ThemeIcon(fact.icon);
  return item;
}

function sectionItem(lineage: RunLineage, section: Section): vscode.TreeItem {
  const count = sectionFacts(lineage, section).length;
  const { title, icon, empty } = SECTIONS[section];
  const item = new vscode.TreeItem(title, count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = count > 0 ? String(count) : empty;
  item.iconPath = new vscode.ThemeIcon(icon);
  return item;
}

export class LineageTreeProvider extends ForwardingTreeProvider<LineageNode> {
  constructor(private readonly model: LineageModel) {
    super(model.onDidChange);
  }

  override getChildren(node?: LineageNode): LineageNode[] {
    const lineage = node === undefined ? this.model.lineage : "lineage" in node ? node.lineage : undefined;
    if (lineage === undefined) return [];
    if (node === undefined) {
      const sections: Section[] = ["params", "inputs", "environment", "metrics"];
      const notes: LineageNode[] = sectionFacts(lineage, "notes").length > 0 ? [{ kind: "section", lineage, section: "notes" }] : [];
      return [
        { kind: "run", lineage },
        { kind: "artifacts", lineage },
        { kind: "code", lineage },
        ...sections.map((section): LineageNode => ({ kind: "section", lineage, section })),
        ...notes,
      ];
    }
    switch (node.kind) {
      case "artifacts":
        return lineage.graph.artifacts.map((artifact) => ({ kind: "artifact", lineage, artifact }));
      case "artifact": {
        const step = lineage.graph.steps.find((candidate) => candidate.name === node.artifact.step);
        return step === undefined ? [] : [{ kind: "step", lineage, step }];
      }
      case "step":
        return node.step.cellIds.map((cellId) => ({ kind: "cell", lineage, cellId }));
      case "section":
        return sectionFacts(lineage, node.section).map((fact) => ({ kind: "fact", fact }));
      default:
        return [];
    }
  }

  override getTreeItem(node: LineageNode): vscode.TreeItem {
    switch (node.kind) {
      case "run": {
        const item = factItem(runFact(node.lineage.graph));
        item.contextValue = "nb2prod.lineageRun";
        return item;
      }
      case "artifacts": {
        const count = node.lineage.graph.artifacts.length;
        const item = new vscode.TreeItem("Artifacts", count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.description = count > 0 ? String(count) : "none recorded";
        item.iconPath = new vscode.ThemeIcon("archive");
        return item;
      }
      case "artifact": {
        const item = artifactItem(node.artifact);
        item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        return item;
      }
      case "step": {
        const item = stepItem(node.step);
        item.label = `made by step ${node.step.name}`;
        item.collapsibleState = node.step.cellIds.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None;
        if (node.step.cellIds.length === 0) item.tooltip = node.lineage.notes.join("\n") || "The project's manifest does not list this step's cells.";
        return item;
      }
      case "cell":
        return cellItem(node.lineage, node.cellId);
      case "code":
        return codeItem(node.lineage.graph);
      case "section":
        return sectionItem(node.lineage, node.section);
      case "fact":
        return factItem(node.fact);
    }
  }
}
