// Analyze / refresh / reveal. The active notebook is analysed when it becomes active, and
// re-analysed when it changes in the editor (edits, undo, metadata written by the cell
// commands), coalesced into one update.
import * as vscode from "vscode";
import type { NotebookAnalysisService } from "../analysis/notebookAnalysisService";
import { CommandId } from "../commandIds";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import type { NotebookAnalysis, PipelineModel } from "../views/pipelineModel";
import type { PipelineNode } from "../views/pipelineTree";
import { isUri, notebookFor } from "./notebookArg";
import { registerCommand, UserFacingError } from "./registerCommand";

const REANALYSE_DELAY_MS = 250;

/**
 * Which cell to reveal: `(notebook uri, cell index)` from a tree item's click, or the cell
 * node itself from the Pipeline view's inline button (menus pass the tree element).
 */
function revealTarget(first: unknown, second: unknown): { readonly uri: vscode.Uri; readonly index: number } | undefined {
  if (isUri(first)) return typeof second === "number" ? { uri: first, index: second } : undefined;
  if (typeof first !== "object" || first === null || !("kind" in first) || first.kind !== "cell") return undefined;
  const node = first as Extract<PipelineNode, { kind: "cell" }>;
  return { uri: node.analysis.notebookUri, index: node.cell.index };
}

export function registerPipelineCommands(
  store: DisposableStore,
  log: Log,
  model: PipelineModel,
  service: NotebookAnalysisService,
): void {
  const analyse = async (notebook: vscode.NotebookDocument): Promise<NotebookAnalysis> => {
    const started = performance.now();
    const analysis = await service.analyse(notebook);
    model.publish(analysis);
    const ms = (performance.now() - started).toFixed(1);
    log.info(`analysed ${notebook.uri.fsPath}: ${analysis.summary.totalCells} cells, ${analysis.dataflow.findings.length} findings in ${ms} ms`);
    return analysis;
  };

  store.track(
    registerCommand(log, CommandId.analyzeNotebook, async (arg) => {
      const analysis = await analyse(await notebookFor(arg, "nb2prod: Analyze Notebook"));
      await vscode.commands.executeCommand("nb2prod.pipeline.focus");
      return analysis.summary;
    }),
  );
  store.track(
    registerCommand(log, CommandId.refreshPipeline, async () => {
      const current = model.analysis;
      if (current === undefined) throw new UserFacingError("Nothing to refresh yet: analyze a notebook first.");
      return (await analyse(await notebookFor(current.notebookUri, "nb2prod: Analyze Notebook"))).summary;
    }),
  );
  store.track(
    registerCommand(log, CommandId.revealCell, async (first, second) => {
      const target = revealTarget(first, second);
      if (target === undefined) return;
      const editor = await vscode.window.showNotebookDocument(await notebookFor(target.uri, "nb2prod: Analyze Notebook"));
      const range = new vscode.NotebookRange(target.index, target.index + 1);
      editor.selections = [range];
      editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    }),
  );

  // The active notebook is analysed when it becomes active (analysis is cheap and runs
  // nothing), so the Pipeline view shows the notebook in front of the user without a click.
  const analyseActive = (editor: vscode.NotebookEditor | undefined): void => {
    const notebook = editor?.notebook;
    if (notebook?.notebookType !== "jupyter-notebook") return;
    if (model.analysis?.notebookUri.toString() === notebook.uri.toString()) return;
    analyse(notebook).catch((error: unknown) => {
      log.error(`analysing ${notebook.uri.fsPath} failed`, error);
    });
  };
  store.track(vscode.window.onDidChangeActiveNotebookEditor(analyseActive));
  analyseActive(vscode.window.activeNotebookEditor);

  let pending: NodeJS.Timeout | undefined;
  store.track(
    vscode.workspace.onDidChangeNotebookDocument((event) => {
      if (model.analysis?.notebookUri.toString() !== event.notebook.uri.toString()) return;
      if (pending !== undefined) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = undefined;
        analyse(event.notebook).catch((error: unknown) => {
          log.error("re-analysis failed", error);
        });
      }, REANALYSE_DELAY_MS);
    }),
  );
  store.track({
    dispose: () => {
      if (pending !== undefined) clearTimeout(pending);
    },
  });
}
