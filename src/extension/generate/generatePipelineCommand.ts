// nb2prod: Generate Pipeline… — the live notebook (unsaved edits included) and the plan
// the Pipeline view shows become the project's FilePlan (core generateProject). The user
// previews the files, then core writeFilePlan writes the accepted ones atomically, as the
// CLI does: files the user changed are never overwritten, only reported.
import { mkdir } from "node:fs/promises";
import { sep } from "node:path";
import * as vscode from "vscode";
import type { CellAnalysis } from "../../core/analysis/cellAnalysis";
import { probeInterpreterVersions } from "../../core/codegen/dependencies/interpreterVersions";
import type { InterpreterVersions } from "../../core/codegen/dependencies/interpreterVersions";
import { candidateDistributions } from "../../core/codegen/dependencies/projectDependencies";
import { generateProject } from "../../core/codegen/generateProject";
import { projectNameFor } from "../../core/codegen/projectNaming";
import type { FilePlan } from "../../core/codegen/filePlan";
import { planFileWrites, writeFilePlan } from "../../core/codegen/writeFilePlan";
import type { PlannedWrite } from "../../core/codegen/writeFilePlan";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { NodeProcessRunner } from "../../core/nodeProcessRunner";
import type { NotebookAnalysisService } from "../analysis/notebookAnalysisService";
import { CommandId } from "../commandIds";
import { notebookFor } from "../commands/notebookArg";
import { registerCommand, UserFacingError } from "../commands/registerCommand";
import type { Settings } from "../config";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import { resolvePythonInterpreter } from "../python/interpreter";
import type { PipelineModel } from "../views/pipelineModel";
import { parseCommandOptions } from "./commandOptions";
import type { CommandOptions } from "./commandOptions";
import { showConflicts } from "./conflictReview";
import type { GeneratedContentProvider } from "./conflictReview";
import { changingWrites, previewWrites } from "./generationPreview";
import type { GenerationHistory, WrittenFile } from "./generationHistory";
import { projectLocationFor } from "./projectLocation";
import type { GenerationDiagnostics } from "./generationDiagnostics";
import type { ProjectLocation } from "./projectLocation";

const TITLE = "nb2prod: Generate Pipeline…";

export interface GenerateDeps {
  readonly log: Log;
  readonly model: PipelineModel;
  readonly service: NotebookAnalysisService;
  readonly history: GenerationHistory;
  readonly generatedContent: GeneratedContentProvider;
  readonly settings: () => Settings;
  /** Shows on the cells what generation found in them (credentials, absolute paths, magics). */
  readonly diagnostics: GenerationDiagnostics;
}

/** What the command did; returned to callers (tests) as well as shown. */
export interface GenerationResult {
  readonly projectDir: string;
  /** False when the user closed the preview: nothing was written. */
  readonly applied: boolean;
  /** Paths relative to the project folder. */
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly conflicts: readonly { readonly path: string; readonly reason: string }[];
  /** Why the dependencies are not pinned, when they are not. */
  readonly unpinnedReason?: string;
}

interface PreparedGeneration {
  readonly location: ProjectLocation;
  readonly filePlan: FilePlan;
  readonly writes: readonly PlannedWrite[];
  readonly unpinnedReason?: string;
}

type Pinning = { readonly versions: InterpreterVersions } | { readonly unpinnedReason: string };

/** Package versions from the workspace's interpreter; only in a trusted workspace, since it runs Python. */
async function pinning(folder: vscode.Uri, cells: readonly CellAnalysis[], trusted: boolean): Promise<Pinning> {
  if (!trusted) {
    return { unpinnedReason: "the workspace is not trusted, so no Python interpreter was asked for package versions (trust the folder and generate again to pin them)" };
  }
  try {
    const python = await resolvePythonInterpreter(folder);
    const versions = await probeInterpreterVersions(new NodeProcessRunner(), python.executable, candidateDistributions(cells));
    return typeof versions === "string" ? { unpinnedReason: versions } : { versions };
  } catch (error) {
    if (error instanceof UserFacingError) return { unpinnedReason: error.message };
    throw error;
  }
}

function throwIfCancelled(token: vscode.CancellationToken): void {
  if (token.isCancellationRequested) throw new vscode.CancellationError();
}

async function prepare(
  notebook: vscode.NotebookDocument,
  deps: GenerateDeps,
  options: CommandOptions,
  progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken,
): Promise<PreparedGeneration> {
  const location = projectLocationFor(notebook.uri, deps.settings().outputFolder);
  await assertInsideWorkspace(location);
  progress.report({ message: "analysing the notebook" });
  const analysis = await deps.service.analyse(notebook);
  deps.model.publish(analysis);
  throwIfCancelled(token);
  progress.report({ message: options.trusted ? "asking Python for the installed package versions" : "building the project" });
  const pinned = await pinning(location.workspaceFolder.uri, analysis.cells, options.trusted);
  throwIfCancelled(token);
  progress.report({ message: "building the project" });
  const filePlan = generateProject({
    notebook: analysis.notebook,
    notebookPath: location.notebookPath,
    analyses: analysis.cells,
    plan: analysis.plan,
    parser: await deps.service.pythonParser(),
    projectName: projectNameFor(notebook.uri.fsPath),
    ...("versions" in pinned ? { versions: pinned.versions } : {}),
  });
  for (const warning of filePlan.warnings) deps.log.warn(`generate: ${warning.message}`);
  deps.diagnostics.show(notebook, analysis.notebook.cells.map((cell) => cell.id), filePlan.warnings, analysis.plan.parts);
  const writes = await planFileWrites(new NodeFileSystem(), location.projectDir.fsPath, filePlan);
  return { location, filePlan, writes, ...("unpinnedReason" in pinned ? { unpinnedReason: pinned.unpinnedReason } : {}) };
}

/** The output folder, links resolved, stays in the workspace folder: a linked `pipelines/` must not lead elsewhere. */
async function assertInsideWorkspace(location: ProjectLocation): Promise<void> {
  const fs = new NodeFileSystem();
  const [project, workspace] = await Promise.all([fs.realPath(location.projectDir.fsPath), fs.realPath(location.workspaceFolder.uri.fsPath)]);
  if (!project.startsWith(`${workspace}${sep}`)) {
    throw new UserFacingError(`${location.projectLabel} leads to ${project}, outside the workspace folder (a symbolic link); nb2prod writes only inside the workspace. Remove the link or change nb2prod.outputFolder.`, [
      { title: "Open Settings", command: "workbench.action.openSettings", args: ["nb2prod.outputFolder"] },
    ]);
  }
}

/** An open editor's unsaved text would be overwritten on its next save: such files wait. */
function hasUnsavedEditor(target: string): boolean {
  return vscode.workspace.textDocuments.some((document) => document.isDirty && document.uri.scheme === "file" && document.uri.fsPath === target);
}

interface WriteOutcome {
  readonly written: readonly WrittenFile[];
  readonly conflicts: readonly { readonly path: string; readonly reason: string }[];
}

/** Writes the accepted files with core writeFilePlan, which checks each file again just before writing it. */
async function writeAccepted(prepared: PreparedGeneration, accepted: readonly PlannedWrite[]): Promise<WriteOutcome> {
  const waiting = accepted.filter((write) => hasUnsavedEditor(write.target));
  const toWrite = accepted.filter((write) => !waiting.includes(write));
  const plan: FilePlan = { ...prepared.filePlan, files: toWrite.map((write) => write.file) };
  const report = await writeFilePlan(new NodeFileSystem(), prepared.location.projectDir.fsPath, plan, async (folder) => {
    await mkdir(folder, { recursive: true });
  });
  const byPath = new Map(toWrite.map((write) => [write.path, write]));
  const written = report.results.flatMap((result) => {
    const write = byPath.get(result.path);
    const changed = result.outcome === "created" || result.outcome === "updated";
    return changed && write !== undefined ? [{ target: write.target, path: write.path, before: write.existing, after: write.file.content }] : [];
  });
  // Conflicts found now, in the moment between preview and write, or in unsaved editors.
  const conflicts = [
    ...report.conflicts.map((conflict) => ({ path: conflict.path, reason: conflict.reason ?? "" })),
    ...waiting.map((write) => ({ path: write.path, reason: "it is open with unsaved changes; save or close it, then generate again" })),
  ];
  return { written, conflicts };
}

function announce(result: GenerationResult, prepared: PreparedGeneration, deps: GenerateDeps): void {
  const { location } = prepared;
  if (result.conflicts.length > 0) {
    const names = result.conflicts.map((conflict) => conflict.path).join(", ");
    void vscode.window
      .showWarningMessage(`nb2prod left ${result.conflicts.length} file(s) you changed alone: ${names}.`, "Show Conflicts")
      .then((choice) => (choice === "Show Conflicts" ? showConflicts(prepared.writes, deps.generatedContent) : undefined));
  }
  const unpinned = result.unpinnedReason === undefined ? "" : ` Dependencies are not pinned: ${result.unpinnedReason}.`;
  if (result.written.length === 0) {
    const what = result.applied ? "is up to date" : "was not changed: the preview was closed, so nothing was written";
    void vscode.window.showInformationMessage(`${location.projectLabel} ${what}.${unpinned}`);
    return;
  }
  const actions = ["Open README", "Reveal in Explorer", "Undo"];
  const summary = `Generated ${result.written.length} files in ${location.projectLabel} (${result.unchanged.length} unchanged).${unpinned}`;
  void vscode.window.showInformationMessage(summary, ...actions).then((choice) => {
    const readme = vscode.Uri.joinPath(location.projectDir, "README.md");
    // The rendered README: its nb2prod header lines are HTML comments, which the preview hides.
    if (choice === "Open README") {
      vscode.commands.executeCommand("markdown.showPreview", readme).then(undefined, () => vscode.window.showTextDocument(readme));
    }
    if (choice === "Reveal in Explorer") void vscode.commands.executeCommand("revealInExplorer", readme);
    if (choice === "Undo") void vscode.commands.executeCommand(CommandId.undoGeneration);
  });
}

async function generatePipeline(notebookArg: unknown, optionsArg: unknown, deps: GenerateDeps): Promise<GenerationResult | undefined> {
  const notebook = await notebookFor(notebookArg, TITLE);
  const options = parseCommandOptions(optionsArg);
  const prepared = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "nb2prod: generating the pipeline", cancellable: true },
    (progress, token) => prepare(notebook, deps, options, progress, token),
  );
  const { location, writes } = prepared;
  for (const conflict of writes.filter((write) => write.outcome === "conflict")) deps.log.warn(`generate: ${conflict.path}: ${conflict.reason ?? ""}`);
  const changing = changingWrites(writes);
  const accepted = options.confirm && changing.length > 0 ? await previewWrites(writes, location.projectLabel, deps.generatedContent, vscode.workspace.isTrusted) : changing;
  const outcome = accepted === undefined ? { written: [], conflicts: [] } : await writeAccepted(prepared, accepted);
  if (outcome.written.length > 0) deps.history.record({ projectLabel: location.projectLabel, projectDir: location.projectDir, files: outcome.written });
  const result: GenerationResult = {
    projectDir: location.projectDir.fsPath,
    applied: accepted !== undefined,
    written: outcome.written.map((file) => file.path),
    unchanged: writes.filter((write) => write.outcome === "unchanged").map((write) => write.path),
    conflicts: [...writes.filter((write) => write.outcome === "conflict").map((write) => ({ path: write.path, reason: write.reason ?? "" })), ...outcome.conflicts],
    ...(prepared.unpinnedReason === undefined ? {} : { unpinnedReason: prepared.unpinnedReason }),
  };
  deps.log.info(`generate: ${location.projectLabel}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.conflicts.length} conflicts`);
  announce(result, prepared, deps);
  return result;
}

export function registerGenerateCommand(store: DisposableStore, deps: GenerateDeps): void {
  store.track(registerCommand(deps.log, CommandId.generatePipeline, (notebookArg, optionsArg) => generatePipeline(notebookArg, optionsArg, deps)));
}
