// Entry point. `activate` builds one root object that owns every disposable; VS Code
// disposes it (and so everything, in reverse order) on deactivation.
import * as vscode from "vscode";
import { registerCellCommands } from "./commands/cellCommands";
import { plannedBy, registerStepCommands } from "./commands/stepCommands";
import { registerRunStepCommand } from "./commands/runStep";
import { registerPipelineCommands } from "./commands/pipelineCommands";
import { registerCommand } from "./commands/registerCommand";
import { registerRunCommands } from "./commands/runCommands";
import { registerPipelineGraphCommand } from "./commands/graphCommands";
import { MlflowUi } from "./runs/mlflowUi";
import { registerRunPipelineCommand } from "./commands/runPipeline";
import { CommandId } from "./commandIds";
import { readSettings } from "./config";
import type { Settings } from "./config";
import { DisposableStore } from "./disposables";
import { createLog } from "./log";
import { NotebookAnalysisService } from "./analysis/notebookAnalysisService";
import { CellStatusBarProvider } from "./views/cellStatusBar";
import { GENERATED_SCHEME, GeneratedContentProvider } from "./generate/conflictReview";
import { registerGenerateCommand } from "./generate/generatePipelineCommand";
import { GenerationDiagnostics } from "./generate/generationDiagnostics";
import { GenerationHistory } from "./generate/generationHistory";
import { registerUndoGenerationCommand } from "./generate/undoGenerationCommand";
import { registerVerifyCommand } from "./verify/verifyPipelineCommand";
import { registerCheckDriftCommand } from "./generate/checkDriftCommand";
import { FindingDiagnostics } from "./views/findingDiagnostics";
import { LineageModel } from "./runs/lineageModel";
import { RunsModel } from "./runs/runsModel";
import { LineageTreeProvider } from "./views/lineageTree";
import { PipelineGraphPanels } from "./views/pipelineGraphPanel";
import { PipelineModel } from "./views/pipelineModel";
import { PipelineTreeProvider } from "./views/pipelineTree";
import { RunsTreeProvider } from "./views/runsTree";
import { PrefectServerService, registerPrefectServerCommands } from "./runs/prefectServerService";
import { PrefectRunsSource } from "./runs/prefectRuns";
import { EditorRunProcesses } from "./runs/editorRuns";
import { registerPrefectRunCommands } from "./commands/prefectRunCommands";

/** What the extension exports: timings and read-only state, used by tests and tools. */
export interface Nb2prodApi {
  readonly activationMs: number;
  readonly pipelineTree: PipelineTreeProvider;
  readonly runsTree: RunsTreeProvider;
  readonly lineageTree: LineageTreeProvider;
  readonly prefectServer: PrefectServerService;
  readonly prefectRuns: PrefectRunsSource;
  settings(): Settings;
}

export function activate(context: vscode.ExtensionContext): Nb2prodApi {
  const started = performance.now();
  const store = new DisposableStore();
  context.subscriptions.push(store);
  const log = store.track(createLog());

  let { settings, problems } = readSettings();
  for (const problem of problems) log.warn(problem);
  store.track(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration("nb2prod")) return;
      ({ settings, problems } = readSettings());
      problems.forEach((problem) => void vscode.window.showWarningMessage(`nb2prod: ${problem}`));
    }),
  );

  const pipelineModel = store.track(new PipelineModel());
  const pipelineTree = store.track(new PipelineTreeProvider(pipelineModel));
  store.track(vscode.window.createTreeView("nb2prod.pipeline", { treeDataProvider: pipelineTree, showCollapseAll: true }));
  const runsModel = store.track(new RunsModel(log));
  const prefectServer = store.track(new PrefectServerService(log));
  // A shared server is asked for the flows of this workspace's runs only.
  const flowNames = (): string[] => [...new Set(runsModel.runs.flatMap((entry) => (entry.summary.flow === undefined ? [] : [entry.summary.flow])))];
  const prefectRuns = store.track(new PrefectRunsSource(prefectServer, flowNames, log));
  const runsTree = store.track(new RunsTreeProvider(runsModel, prefectRuns));
  const runsView = store.track(vscode.window.createTreeView("nb2prod.runs", { treeDataProvider: runsTree, showCollapseAll: true }));
  store.track(
    runsView.onDidChangeVisibility((event) => {
      runsModel.setVisible(event.visible);
      prefectRuns.setVisible(event.visible);
    }),
  );
  prefectRuns.setVisible(runsView.visible);
  const lineageModel = store.track(new LineageModel(runsModel, log));
  const lineageTree = store.track(new LineageTreeProvider(lineageModel));
  store.track(vscode.window.createTreeView("nb2prod.lineage", { treeDataProvider: lineageTree, showCollapseAll: true }));
  const cellStatusBar = store.track(new CellStatusBarProvider(pipelineModel));
  store.track(vscode.notebooks.registerNotebookCellStatusBarItemProvider("jupyter-notebook", cellStatusBar));

  const analysisService = store.track(new NotebookAnalysisService(vscode.Uri.joinPath(context.extensionUri, "dist").fsPath));
  store.track(new FindingDiagnostics(pipelineModel));
  registerPipelineCommands(store, log, pipelineModel, analysisService);
  registerCellCommands(store, log);
  registerStepCommands(store, log, analysisService);
  const generatedContent = new GeneratedContentProvider();
  store.track(vscode.workspace.registerTextDocumentContentProvider(GENERATED_SCHEME, generatedContent));
  const history = new GenerationHistory();
  const currentSettings = (): Settings => settings;
  const generationDiagnostics = store.track(new GenerationDiagnostics());
  registerGenerateCommand(store, { log, model: pipelineModel, service: analysisService, history, generatedContent, settings: currentSettings, diagnostics: generationDiagnostics });
  registerUndoGenerationCommand(store, log, history);
  registerVerifyCommand(store, { log, model: pipelineModel, settings: currentSettings });
  registerCheckDriftCommand(store, { log, settings: currentSettings });
  registerRunCommands(store, log, runsModel, lineageModel, runsView, store.track(new MlflowUi(log)));
  const editorRuns = new EditorRunProcesses();
  registerRunPipelineCommand(store, { log, settings: () => settings, runs: runsModel, prefect: prefectServer, processes: editorRuns });
  registerRunStepCommand(store, { log, settings: () => settings, analyse: plannedBy(analysisService) });
  registerPrefectServerCommands(store, log, prefectServer);
  registerPrefectRunCommands(store, log, runsView, prefectRuns, editorRuns);
  registerPipelineGraphCommand(store, log, pipelineModel, store.track(new PipelineGraphPanels(context.extensionUri, pipelineModel, runsModel, log)));
  store.track(
    registerCommand(log, CommandId.showLog, () => {
      log.show();
    }),
  );

  const activationMs = performance.now() - started;
  log.info(`nb2prod activated in ${activationMs.toFixed(1)} ms (workspace trusted: ${String(vscode.workspace.isTrusted)})`);
  return { activationMs, pipelineTree, runsTree, lineageTree, prefectServer, prefectRuns, settings: () => settings };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
