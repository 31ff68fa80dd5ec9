// The pipeline graph: one webview panel per notebook, drawing the plan the Pipeline view
// shows (it follows the same analysis, so notebook edits redraw it) with a run of the
// notebook laid over it. The webview lays the graph out and draws it; this side decides
// what the graph is and answers clicks.
import * as vscode from "vscode";
import { buildPipelineGraph, runsOfNotebook } from "../../core/planning/pipelineGraph";
import type { PipelineGraph } from "../../core/planning/pipelineGraph";
import { formatDuration, formatStartTime } from "../../core/runs/runFormat";
import { fromWebviewSchema, toWebviewSchema } from "../../webview/pipelineGraph/protocol";
import type { FromWebview, RenderedGraph, RunChoice, RunOption, ToWebview } from "../../webview/pipelineGraph/protocol";
import type { Log } from "../log";
import type { RunEntry, RunsModel } from "../runs/runsModel";
import { pipelineGraphPage } from "./pipelineGraphPage";
import type { NotebookAnalysis, PipelineModel } from "./pipelineModel";

export const PIPELINE_GRAPH_VIEW_TYPE = "nb2prod.pipelineGraph";
const WEBVIEW_FOLDER = ["dist", "webview"] as const;

/** What a panel shows now: returned by the command, read by tests. */
export interface PipelineGraphState {
  readonly notebookUri: vscode.Uri;
  readonly graph: PipelineGraph | undefined;
  /** What the webview last reported it drew. */
  readonly rendered: RenderedGraph | undefined;
  readonly runChoice: RunChoice;
  /** The title of the message shown instead of a graph (nothing to draw yet), if any. */
  readonly notice: string | undefined;
  /** Reveals the step's cells in the notebook, as a click on its node does. */
  revealStep(stepId: string): Promise<void>;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split("/").pop() ?? uri.path;
}

function runLabel(entry: RunEntry): string {
  const { summary } = entry;
  const duration = summary.durationMs === undefined ? "" : ` in ${formatDuration(summary.durationMs)}`;
  return `${formatStartTime(summary.startedAt)} · ${summary.status}${duration}`;
}

/** Consecutive cell indexes as notebook ranges: [2, 3, 5] → [2, 4), [5, 6). */
function cellRanges(indexes: readonly number[]): vscode.NotebookRange[] {
  const ranges: vscode.NotebookRange[] = [];
  for (const index of indexes) {
    const last = ranges.at(-1);
    if (last?.end === index) ranges[ranges.length - 1] = last.with({ end: index + 1 });
    else ranges.push(new vscode.NotebookRange(index, index + 1));
  }
  return ranges;
}

class PipelineGraphPanel implements PipelineGraphState, vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private analysis: NotebookAnalysis | undefined;
  private closed = false;
  private ready = false;
  private lastMessage: ToWebview | undefined;
  graph: PipelineGraph | undefined;
  rendered: RenderedGraph | undefined;
  notice: string | undefined;
  runChoice: RunChoice = { kind: "latest" };
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly notebookUri: vscode.Uri,
    extensionUri: vscode.Uri,
    private readonly runs: RunsModel,
    private readonly log: Log,
    onDispose: () => void,
  ) {
    const webviewRoot = vscode.Uri.joinPath(extensionUri, ...WEBVIEW_FOLDER);
    this.panel = vscode.window.createWebviewPanel(
      PIPELINE_GRAPH_VIEW_TYPE,
      `Pipeline Graph: ${fileName(notebookUri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [webviewRoot] },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, "media", "nb2prod.svg");
    this.panel.webview.html = pipelineGraphPage(this.panel.webview, webviewRoot);
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        this.receive(message);
      }),
      this.panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  setAnalysis(analysis: NotebookAnalysis): void {
    this.analysis = analysis;
    this.closed = false;
    this.update();
  }

  notebookClosed(): void {
    this.closed = true;
    this.update();
  }

  /** Recomputes what the webview shows from the latest analysis and runs. */
  update(): void {
    this.send(this.message());
  }

  private message(): ToWebview {
    const analysis = this.analysis;
    if (this.closed) return { type: "message", title: "The notebook was closed", detail: `Open ${fileName(this.notebookUri)} again to see its pipeline graph.` };
    if (analysis === undefined) return { type: "message", title: "Analysing the notebook…", detail: "The graph shows as soon as nb2prod has read the notebook. It never runs it." };
    const { plan } = analysis;
    if (plan.steps.length === 0) {
      const problems = analysis.planProblems.map((problem) => problem.message);
      return {
        type: "message",
        title: "No pipeline steps yet",
        detail: [
          "nb2prod found no code in this notebook that makes a pipeline step.",
          ...problems,
          "Add code cells, or right-click a cell (menu nb2prod) and choose Start New Step Here.",
        ].join(" "),
      };
    }
    const notebookRuns = runsOfNotebook(this.runs.runs, this.notebookUri.path, plan);
    const chosen = this.chosenRun(notebookRuns);
    this.graph = buildPipelineGraph(plan, analysis.notebook, chosen?.summary);
    const runs: RunOption[] = notebookRuns.map((entry) => ({ runId: entry.summary.runId, label: runLabel(entry) }));
    const notes = [
      ...analysis.planProblems.map((problem) => `Problem in the plan: ${problem.message}`),
      ...plan.warnings,
      ...(notebookRuns.length === 0 ? ["No runs of this notebook yet: run the pipeline (nb2prod: Run Pipeline) to see each step's status, duration, cache hits and artifacts here."] : []),
    ];
    return { type: "graph", notebookName: fileName(this.notebookUri), graph: this.graph, runs, runChoice: this.runChoice, notes };
  }

  /** The run to lay over the plan; a chosen run that was deleted falls back to the latest. */
  private chosenRun(notebookRuns: readonly RunEntry[]): RunEntry | undefined {
    const choice = this.runChoice;
    if (choice.kind === "none") return undefined;
    if (choice.kind === "run") {
      const found = notebookRuns.find((entry) => entry.summary.runId === choice.runId);
      if (found !== undefined) return found;
      this.runChoice = { kind: "latest" };
    }
    return notebookRuns[0];
  }

  private send(message: ToWebview): void {
    this.lastMessage = toWebviewSchema.parse(message);
    this.notice = message.type === "message" ? message.title : undefined;
    if (message.type === "message") this.graph = undefined;
    if (!this.ready) return;
    this.rendered = undefined;
    void this.panel.webview.postMessage(this.lastMessage);
  }

  private receive(data: unknown): void {
    const parsed = fromWebviewSchema.safeParse(data);
    if (!parsed.success) {
      this.log.warn(`pipeline graph: ignored a message of an unknown shape (${parsed.error.message})`);
      return;
    }
    this.handle(parsed.data);
  }

  private handle(message: FromWebview): void {
    switch (message.type) {
      case "ready":
        // Also after the panel was hidden and shown again: the webview starts empty then.
        this.ready = true;
        if (this.lastMessage !== undefined) this.send(this.lastMessage);
        return;
      case "revealStep":
        this.revealStep(message.stepId).catch((error: unknown) => {
          this.log.error("revealing a step's cells failed", error);
        });
        return;
      case "chooseRun":
        this.runChoice = message.runChoice;
        this.update();
        return;
      case "rendered":
        this.rendered = message;
        return;
      case "failed":
        this.log.error(`pipeline graph: ${message.message}`);
        return;
    }
  }

  async revealStep(stepId: string): Promise<void> {
    const step = this.graph?.nodes.find((node) => node.kind === "step" && node.id === stepId);
    if (step?.kind !== "step") return;
    const ranges = cellRanges(step.cellIndexes);
    const first = ranges[0];
    if (first === undefined) return;
    const document = await vscode.workspace.openNotebookDocument(this.notebookUri);
    const visible = vscode.window.visibleNotebookEditors.find((editor) => editor.notebook.uri.toString() === this.notebookUri.toString());
    // The notebook's own editor group, not the graph's: the graph stays in view beside it.
    const editor = await vscode.window.showNotebookDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
    editor.selections = ranges;
    editor.revealRange(first, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}

/** The open graph panels, one per notebook, kept in step with the plan and the runs. */
export class PipelineGraphPanels implements vscode.Disposable {
  private readonly panels = new Map<string, PipelineGraphPanel>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly pipelineModel: PipelineModel,
    private readonly runs: RunsModel,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      // Both events are coalesced at their source (re-analysis and run reads are debounced).
      pipelineModel.onDidChange(() => {
        const analysis = pipelineModel.analysis;
        if (analysis !== undefined) this.panels.get(analysis.notebookUri.toString())?.setAnalysis(analysis);
      }),
      runs.onDidChange(() => {
        for (const panel of this.panels.values()) panel.update();
      }),
      vscode.workspace.onDidCloseNotebookDocument((document) => {
        this.panels.get(document.uri.toString())?.notebookClosed();
      }),
    ];
  }

  /** Shows the notebook's graph panel, creating it the first time. */
  show(notebookUri: vscode.Uri): PipelineGraphState {
    const key = notebookUri.toString();
    const open = this.panels.get(key);
    if (open !== undefined) {
      open.panel.reveal(undefined, true);
      return open;
    }
    const panel = new PipelineGraphPanel(notebookUri, this.extensionUri, this.runs, this.log, () => this.panels.delete(key));
    this.panels.set(key, panel);
    const analysis = this.pipelineModel.analysis;
    if (analysis?.notebookUri.toString() === key) panel.setAnalysis(analysis);
    else panel.update();
    return panel;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    this.panels.clear();
  }
}
