// The Runs view: runs newest first → steps → their artifacts and metrics. Problems of a
// run's events file (torn or invalid lines) are shown on the run and listed under it.
import * as vscode from "vscode";
import { lineageSteps } from "../../core/runs/lineageGraph";
import type { ArtifactEvent, LineageStep, MetricEvent } from "../../core/runs/lineageGraph";
import { formatBytes, formatDuration, formatStartTime, formatValue, shortHash } from "../../core/runs/runFormat";
import { driftLabel, summariseDrift } from "../../core/runs/driftSummary";
import { runHealth } from "../../core/runs/runHealth";
import type { RunHealth } from "../../core/runs/runHealth";
import type { RunLogProblem } from "../../core/runs/runLog";
import type { StepSummary } from "../../core/runs/runSummary";
import type { RunEventOf } from "../../core/runs/runEvents";
import { CommandId } from "../commandIds";
import type { PendingRun, RunEntry, RunsModel } from "../runs/runsModel";
import type { PrefectRunsSource } from "../runs/prefectRuns";
import { CANCELLABLE_STATES, matchFlowRuns } from "../../core/runs/prefectApi";
import type { PrefectFlowRun, PrefectStateType } from "../../core/runs/prefectApi";
import { ForwardingTreeProvider } from "./forwardingTree";

export type RunsNode =
  | { readonly kind: "pending"; readonly run: PendingRun }
  | { readonly kind: "run"; readonly entry: RunEntry; readonly flowRun?: PrefectFlowRun }
  /** A flow run only the Prefect server knows: scheduled, from a deployment or another machine, or failed before recording. */
  | { readonly kind: "flowRun"; readonly flowRun: PrefectFlowRun }
  | { readonly kind: "problems"; readonly entry: RunEntry }
  | { readonly kind: "problem"; readonly entry: RunEntry; readonly problem: RunLogProblem }
  | { readonly kind: "step"; readonly entry: RunEntry; readonly step: LineageStep }
  | { readonly kind: "artifact"; readonly entry: RunEntry; readonly artifact: ArtifactEvent }
  | { readonly kind: "metric"; readonly entry: RunEntry; readonly metric: MetricEvent };

/** contextValue of each node kind, for `view/item/context` menus. */
export const RUNS_VIEW_ITEM = {
  pending: "nb2prod.pendingRun",
  run: "nb2prod.run",
  /** A run tracked in MLflow: it also has "Open in MLflow". */
  trackedRun: "nb2prod.run.tracked",
  /** Flow runs from the Prefect server: "Open in Prefect UI", and "Cancel Run" while cancellable. */
  flowRun: "nb2prod.flowRun",
  cancellableFlowRun: "nb2prod.flowRun.cancellable",
  problems: "nb2prod.runProblems",
  problem: "nb2prod.runProblem",
  step: "nb2prod.runStep",
  artifact: "nb2prod.runArtifact",
  metric: "nb2prod.runMetric",
} as const;

const HEALTH_ICONS: Readonly<Record<RunHealth, vscode.ThemeIcon>> = {
  running: new vscode.ThemeIcon("sync~spin"),
  succeeded: new vscode.ThemeIcon("pass", new vscode.ThemeColor("testing.iconPassed")),
  failed: new vscode.ThemeIcon("error", new vscode.ThemeColor("testing.iconFailed")),
  problems: new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground")),
};

const HEALTH_WORDS: Readonly<Record<RunHealth, string>> = {
  running: "running (no run_finished yet: still going, or its process stopped)",
  succeeded: "succeeded",
  failed: "failed",
  problems: "has problems in its events file",
};

const STEP_ICONS: Readonly<Record<StepSummary["status"], string>> = {
  completed: "pass",
  failed: "error",
  cached: "database",
  running: "sync~spin",
};

function problemCount(count: number): string {
  return count === 1 ? "1 problem" : `${count} problems`;
}

/** Prefect's word for a flow run's state ("Retrying", "Late"…), lower-case like the view's others. */
function prefectStateWords(flowRun: PrefectFlowRun): string {
  return (flowRun.stateName ?? flowRun.state ?? "unknown").toLowerCase();
}

const FLOW_RUN_ICONS: Readonly<Record<PrefectStateType, vscode.ThemeIcon>> = {
  SCHEDULED: new vscode.ThemeIcon("clock"),
  PENDING: new vscode.ThemeIcon("loading~spin"),
  RUNNING: new vscode.ThemeIcon("sync~spin"),
  COMPLETED: HEALTH_ICONS.succeeded,
  FAILED: HEALTH_ICONS.failed,
  CRASHED: new vscode.ThemeIcon("flame", new vscode.ThemeColor("testing.iconFailed")),
  CANCELLED: new vscode.ThemeIcon("circle-slash"),
  CANCELLING: new vscode.ThemeIcon("loading~spin"),
  PAUSED: new vscode.ThemeIcon("debug-pause"),
};

function flowRunContext(flowRun: PrefectFlowRun | undefined): string {
  if (flowRun === undefined) return "";
  return flowRun.state !== undefined && CANCELLABLE_STATES.has(flowRun.state) ? " prefect cancellable" : " prefect";
}

export function runItem(entry: RunEntry, flowRun?: PrefectFlowRun): vscode.TreeItem {
  const run = entry.summary;
  const health = runHealth(run);
  const item = new vscode.TreeItem(run.flow ?? run.runId, vscode.TreeItemCollapsibleState.Collapsed);
  const parts = [formatStartTime(run.startedAt)];
  // The server knows states the events file cannot say (crashed, cancelled, retrying).
  const serverState = flowRun === undefined ? undefined : prefectStateWords(flowRun);
  if (serverState !== undefined && flowRun?.state !== "COMPLETED" && !(flowRun?.state === "RUNNING" && run.status === "unfinished" && serverState === "running")) parts.push(serverState);
  if (run.durationMs !== undefined) parts.push(formatDuration(run.durationMs));
  else if (run.status === "unfinished") parts.push("running");
  if (run.dataCheck !== undefined) parts.push(run.dataCheck.passed ? "data checked" : "data check failed");
  if (run.gate !== undefined) parts.push(run.gate.passed ? "gates passed" : "gate failed");
  const registered = run.modelVersions[run.modelVersions.length - 1];
  if (registered !== undefined) parts.push(`${registered.model} v${registered.version}${registered.aliases.includes("champion") ? " (champion)" : ""}`);
  const drift = summariseDrift(run.drift);
  if (drift !== undefined) parts.push(driftLabel(drift));
  if (run.problems.length > 0) parts.push(problemCount(run.problems.length));
  item.description = parts.join(" · ");
  item.iconPath = HEALTH_ICONS[health];
  item.tooltip = [
    `Run ${run.runId}: ${HEALTH_WORDS[health]}`,
    ...(run.error === undefined ? [] : [`Error: ${run.error}`]),
    ...(run.dataCheck === undefined ? [] : [`Data checks after ${run.dataCheck.step}: ${describeDataChecks(run.dataCheck.checks)}`]),
    ...(run.gate === undefined ? [] : [`Quality gates after ${run.gate.step}: ${run.gate.checks.map(describeGateCheck).join("; ")}`]),
    ...(run.tracking === undefined ? [] : [`MLflow run ${run.tracking.mlflowRunId} (experiment ${run.tracking.experimentId}) in ${run.tracking.trackingUri}`]),
    ...run.modelVersions.map((version) => `Registered model ${version.model} version ${version.version} (${version.aliases.join(", ")})`),
    ...(drift === undefined ? [] : [`Data drift${drift.moved.length > 0 ? ` in ${drift.moved.join(", ")}` : ""}:`, ...drift.details.map((line) => `  ${line}`)]),
    ...run.problems.map((problem) => problem.message),
    ...(flowRun === undefined ? [] : [`Prefect flow run ${flowRun.name} (${flowRun.id}): ${prefectStateWords(flowRun)}`]),
    entry.eventsUri.fsPath,
  ].join("\n");
  if (flowRun?.state === "CRASHED" || flowRun?.state === "CANCELLED") item.iconPath = FLOW_RUN_ICONS[flowRun.state];
  // Space-separated flags: menus test them with `viewItem =~ /\bprefect\b/`.
  item.contextValue = (run.tracking === undefined ? RUNS_VIEW_ITEM.run : RUNS_VIEW_ITEM.trackedRun) + flowRunContext(flowRun) + (health === "running" ? " running" : "");
  item.id = `run:${entry.eventsUri.toString()}`;
  return item;
}

/** `r2 = 0.401 ≥ 0.99: failed`, as the Runs view's tooltip says it. */
export function describeGateCheck(check: RunEventOf<"gate">["checks"][number]): string {
  const bounds = [check.min === undefined ? "" : `min ${formatValue(check.min)}`, check.max === undefined ? "" : `max ${formatValue(check.max)}`].filter((text) => text !== "").join(", ");
  const value = check.value === null ? "not logged" : formatValue(check.value);
  return `${check.metric} = ${value} (${bounds}): ${check.passed ? "passed" : "failed"}`;
}

/** The failed data checks (`X['age']: no nulls failed (null at index 3)`), or how many passed. */
export function describeDataChecks(checks: RunEventOf<"data_check">["checks"]): string {
  const failed = checks.filter((check) => !check.passed);
  if (failed.length === 0) return `${checks.length} passed`;
  return failed.map((check) => `${check.value}${check.column === undefined ? "" : `[${JSON.stringify(check.column)}]`}: ${check.check} failed${check.detail === undefined ? "" : ` (${check.detail})`}`).join("; ");
}

export function pendingItem(run: PendingRun): vscode.TreeItem {
  const item = new vscode.TreeItem(run.label);
  if (run.exitCode === undefined) {
    item.description = `${formatStartTime(new Date(run.startedAt).toISOString())} · starting`;
    item.iconPath = new vscode.ThemeIcon("loading~spin");
    item.tooltip = "The pipeline's process is starting (Prefect can take a minute to start its server). Its steps appear here as soon as it records its first event; its output is in the terminal.";
  } else {
    item.description = `${formatStartTime(new Date(run.startedAt).toISOString())} · exited with code ${run.exitCode} before the run started`;
    item.iconPath = HEALTH_ICONS.failed;
    item.tooltip = `The pipeline's process exited with code ${run.exitCode} before it recorded a run (bad params, a missing package, an import error). Its output is in the terminal "${run.label}".`;
  }
  item.contextValue = RUNS_VIEW_ITEM.pending;
  item.id = `pending:${run.id}`;
  return item;
}

export function flowRunItem(flowRun: PrefectFlowRun): vscode.TreeItem {
  const item = new vscode.TreeItem(flowRun.flowName);
  const when = flowRun.startTime ?? flowRun.expectedStartTime;
  const parts = [when === undefined ? "not started" : formatStartTime(when), prefectStateWords(flowRun)];
  if (flowRun.totalRunTimeSeconds !== undefined && flowRun.totalRunTimeSeconds > 0) parts.push(formatDuration(flowRun.totalRunTimeSeconds * 1000));
  if (flowRun.workPoolName !== undefined) parts.push(`pool ${flowRun.workPoolName}`);
  item.description = parts.join(" · ");
  item.iconPath = flowRun.state === undefined ? new vscode.ThemeIcon("question") : FLOW_RUN_ICONS[flowRun.state];
  item.tooltip = [
    `Prefect flow run ${flowRun.name} (${flowRun.id}): ${prefectStateWords(flowRun)}`,
    flowRun.deploymentId === undefined ? "Not from a deployment." : `From deployment ${flowRun.deploymentId}${flowRun.workPoolName === undefined ? "" : ` (work pool ${flowRun.workPoolName})`}.`,
    "No events file of this workspace records it yet: it has not started here, runs on another machine, or failed before its first step.",
  ].join("\n");
  item.contextValue = flowRun.state !== undefined && CANCELLABLE_STATES.has(flowRun.state) ? RUNS_VIEW_ITEM.cancellableFlowRun : RUNS_VIEW_ITEM.flowRun;
  item.id = `flowRun:${flowRun.id}`;
  return item;
}

export function stepItem(step: LineageStep): vscode.TreeItem {
  const summary = step.summary;
  const collapsible = step.artifacts.length + step.metrics.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(step.name, collapsible);
  const parts = [summary?.status ?? "not started"];
  if (summary?.durationMs !== undefined) parts.push(formatDuration(summary.durationMs));
  if (summary !== undefined && summary.attempts > 1) parts.push(`${summary.attempts} attempts`);
  if (summary?.cacheHit === true) parts.push("cache hit");
  item.description = parts.join(" · ");
  item.iconPath = new vscode.ThemeIcon(summary === undefined ? "question" : STEP_ICONS[summary.status]);
  item.tooltip = summary?.error ?? (summary === undefined ? "The events file has this step's outputs but not its start." : undefined);
  item.contextValue = RUNS_VIEW_ITEM.step;
  return item;
}

export function artifactItem(artifact: ArtifactEvent): vscode.TreeItem {
  const item = new vscode.TreeItem(artifact.name);
  item.description = `${artifact.kind} · ${formatBytes(artifact.bytes)} · ${shortHash(artifact.sha256)}`;
  item.tooltip = `${artifact.path}\nsha256 ${artifact.sha256}\n${artifact.bytes} bytes`;
  item.iconPath = new vscode.ThemeIcon("package");
  item.contextValue = RUNS_VIEW_ITEM.artifact;
  return item;
}

export function metricItem(metric: MetricEvent): vscode.TreeItem {
  const item = new vscode.TreeItem(metric.name);
  item.description = formatValue(metric.value);
  item.tooltip = `${metric.step}: ${metric.name} = ${metric.value}`;
  item.iconPath = new vscode.ThemeIcon("graph");
  item.contextValue = RUNS_VIEW_ITEM.metric;
  return item;
}

function problemsItem(entry: RunEntry): vscode.TreeItem {
  const problems = entry.summary.problems;
  const item = new vscode.TreeItem(`Problems in ${entry.eventsUri.path.split("/").pop() ?? "events.jsonl"}`, vscode.TreeItemCollapsibleState.Expanded);
  item.description = problemCount(problems.length);
  item.iconPath = new vscode.ThemeIcon(problems.some((problem) => problem.severity === "error") ? "warning" : "info");
  item.tooltip = "Lines of the run's events file that could not be read. The other lines are shown as usual.";
  item.contextValue = RUNS_VIEW_ITEM.problems;
  return item;
}

function problemItem(entry: RunEntry, problem: RunLogProblem): vscode.TreeItem {
  const item = new vscode.TreeItem(`Line ${problem.line}`);
  item.description = problem.message;
  item.tooltip = problem.message;
  item.iconPath = new vscode.ThemeIcon(problem.severity === "error" ? "warning" : "info");
  item.contextValue = RUNS_VIEW_ITEM.problem;
  item.command = { command: CommandId.openRunEvents, title: "Open Run Events", arguments: [entry.eventsUri, problem.line] };
  return item;
}

/** Newest first by start (or expected start) time; undated last. */
function flowRunTime(flowRun: PrefectFlowRun): number {
  const time = Date.parse(flowRun.startTime ?? flowRun.expectedStartTime ?? "");
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function entryTime(entry: RunEntry): number {
  const time = Date.parse(entry.summary.startedAt ?? "");
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

export class RunsTreeProvider extends ForwardingTreeProvider<RunsNode> {
  constructor(
    private readonly model: RunsModel,
    private readonly prefect?: PrefectRunsSource,
  ) {
    super(prefect === undefined ? model.onDidChange : (listener) => vscode.Disposable.from(model.onDidChange(listener), prefect.onDidChange(listener)));
  }

  override getChildren(node?: RunsNode): RunsNode[] {
    if (node === undefined) {
      const pending = this.model.pending.map((run): RunsNode => ({ kind: "pending", run }));
      const entries = this.model.runs;
      const flowRuns = this.prefect?.flowRuns ?? [];
      if (flowRuns.length === 0) return [...pending, ...entries.map((entry): RunsNode => ({ kind: "run", entry }))];
      const matched = matchFlowRuns(
        entries.map((entry) => ({ runId: entry.summary.runId, flowRunId: entry.summary.runStarted?.prefect?.flowRunId })),
        flowRuns,
      );
      // Recorded runs keep their order; the server's own runs go in by time among them.
      const nodes: { readonly time: number; readonly node: RunsNode }[] = [
        ...entries.map((entry) => {
          const flowRun = matched.byRunId.get(entry.summary.runId);
          return { time: entryTime(entry), node: flowRun === undefined ? { kind: "run" as const, entry } : { kind: "run" as const, entry, flowRun } };
        }),
        ...matched.unmatched.map((flowRun) => ({ time: flowRunTime(flowRun), node: { kind: "flowRun" as const, flowRun } })),
      ];
      nodes.sort((a, b) => b.time - a.time);
      return [...pending, ...nodes.map((item) => item.node)];
    }
    if (node.kind === "pending" || node.kind === "flowRun") return [];
    const entry = node.entry;
    switch (node.kind) {
      case "run": {
        const steps = lineageSteps(entry.summary).map((step): RunsNode => ({ kind: "step", entry, step }));
        return entry.summary.problems.length > 0 ? [{ kind: "problems", entry }, ...steps] : steps;
      }
      case "problems":
        return entry.summary.problems.map((problem) => ({ kind: "problem", entry, problem }));
      case "step":
        return [
          ...node.step.artifacts.map((artifact): RunsNode => ({ kind: "artifact", entry, artifact })),
          ...node.step.metrics.map((metric): RunsNode => ({ kind: "metric", entry, metric })),
        ];
      default:
        return [];
    }
  }

  override getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case "pending":
        return pendingItem(node.run);
      case "run":
        return runItem(node.entry, node.flowRun);
      case "flowRun":
        return flowRunItem(node.flowRun);
      case "problems":
        return problemsItem(node.entry);
      case "problem":
        return problemItem(node.entry, node.problem);
      case "step":
        return stepItem(node.step);
      case "artifact":
        return artifactItem(node.artifact);
      case "metric":
        return metricItem(node.metric);
    }
  }
}
