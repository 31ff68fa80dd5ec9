// Commands of the Runs and Lineage views. Menu items pass the clicked tree node; the
// problem lines of a run pass the events file and the line number.
import * as vscode from "vscode";
import { CommandId } from "../commandIds";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import type { LineageModel } from "../runs/lineageModel";
import type { RunLineage } from "../runs/runLineage";
import type { RunEntry, RunsModel } from "../runs/runsModel";
import type { RunsNode } from "../views/runsTree";
import type { MlflowUi } from "../runs/mlflowUi";
import { resolvePythonInterpreter } from "../python/interpreter";
import { registerCommand, UserFacingError } from "./registerCommand";

function entryOf(arg: unknown): RunEntry | undefined {
  if (typeof arg !== "object" || arg === null || !("entry" in arg)) return undefined;
  return nodeEntry(arg as RunsNode);
}

/** The recorded run a node belongs to (a run still starting has none yet). */
function nodeEntry(node: RunsNode | undefined): RunEntry | undefined {
  return node === undefined || node.kind === "pending" || node.kind === "flowRun" ? undefined : node.entry;
}

/** The run a command is about: the clicked item, else the one selected in the Runs view, else the newest. */
function targetRun(arg: unknown, runsView: vscode.TreeView<RunsNode>, runs: RunsModel): RunEntry {
  const entry = entryOf(arg) ?? nodeEntry(runsView.selection[0]) ?? runs.runs[0];
  if (entry === undefined) throw new UserFacingError("There are no pipeline runs in this workspace yet. Run the pipeline first (nb2prod: Run Pipeline).");
  return entry;
}

/** The 1-based line to show: given with the events file, or the line of a clicked problem. */
function lineOf(arg: unknown, lineArg: unknown): number | undefined {
  if (typeof lineArg === "number") return lineArg;
  const node = typeof arg === "object" && arg !== null && "kind" in arg ? (arg as RunsNode) : undefined;
  return node?.kind === "problem" ? node.problem.line : undefined;
}

async function openRunEvents(arg: unknown, lineArg: unknown, runsView: vscode.TreeView<RunsNode>, runs: RunsModel): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : targetRun(arg, runsView, runs).eventsUri;
  const editor = await vscode.window.showTextDocument(uri, { preview: true });
  const lineNumber = lineOf(arg, lineArg);
  if (lineNumber !== undefined && lineNumber >= 1 && editor.document.lineCount > 0) {
    const line = Math.min(lineNumber - 1, editor.document.lineCount - 1);
    const range = editor.document.lineAt(line).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** Opens the run's page in MLflow's UI (starting `mlflow ui` on a local store); returns its URL. */
async function openRunInMlflow(entry: RunEntry, mlflowUi: MlflowUi): Promise<string> {
  const tracking = entry.summary.tracking;
  if (tracking === undefined) {
    throw new UserFacingError(`Run ${entry.summary.runId} was not tracked in MLflow: its environment has no mlflow (the project's tracking extra), or NB2PROD_TRACKING was off.`);
  }
  const folder = vscode.workspace.getWorkspaceFolder(entry.eventsUri);
  const python = async (): Promise<string> => (await resolvePythonInterpreter(folder?.uri)).executable;
  const url = await mlflowUi.runUrl(tracking, python, folder?.uri.fsPath ?? process.cwd());
  await vscode.env.openExternal(await vscode.env.asExternalUri(vscode.Uri.parse(url, true)));
  return url;
}

export function registerRunCommands(store: DisposableStore, log: Log, runs: RunsModel, lineage: LineageModel, runsView: vscode.TreeView<RunsNode>, mlflowUi: MlflowUi): void {
  store.track(registerCommand(log, CommandId.openRunInMlflow, (arg) => openRunInMlflow(targetRun(arg, runsView, runs), mlflowUi)));
  store.track(
    registerCommand(log, CommandId.refreshRuns, async () => {
      await runs.refresh();
      return runs.runs.length;
    }),
  );
  store.track(registerCommand(log, CommandId.openRunEvents, (arg, line) => openRunEvents(arg, line, runsView, runs)));
  store.track(
    registerCommand(log, CommandId.showRunLineage, async (arg): Promise<RunLineage> => {
      const shown = await lineage.show(targetRun(arg, runsView, runs));
      await vscode.commands.executeCommand("nb2prod.lineage.focus");
      return shown;
    }),
  );
  // Selecting a run (or anything under it) shows its lineage, like clicking a commit in a history view.
  store.track(
    runsView.onDidChangeSelection((event) => {
      const entry = nodeEntry(event.selection[0]);
      if (entry === undefined || entry === lineage.lineage?.entry) return;
      lineage.show(entry).catch((error: unknown) => {
        log.error("showing the run's lineage failed", error);
      });
    }),
  );
}
