// nb2prod: Run Pipeline. Runs `python -m <package>` of a generated project as a VS Code
// task (output in the terminal panel, cancellable there), with NB2PROD_RUNS_DIR pointing at
// the workspace's .nb2prod/runs, where the Runs view picks the run up while it is going.
// Running a pipeline executes the project's code, so it happens only in a trusted workspace.
import { delimiter, join, relative } from "node:path";
import * as vscode from "vscode";
import { CommandId } from "../commandIds";
import type { Settings } from "../config";
import type { DisposableStore } from "../disposables";
import { generatePipelineAction, projectLocationFor } from "../generate/projectLocation";
import type { Log } from "../log";
import { MANAGE_TRUST, resolvePythonInterpreter } from "../python/interpreter";
import { findGeneratedProjects } from "../runs/generatedProjects";
import type { RunsModel } from "../runs/runsModel";
import type { GeneratedProject } from "../runs/generatedProjects";
import { registerCommand, showWarningWithActions, UserFacingError } from "./registerCommand";

/** The `type` of the tasks this command starts (declared in package.json `taskDefinitions`). */
export const RUN_TASK_TYPE = "nb2prod";

export interface PipelineRunStart {
  readonly project: string;
  readonly package: string;
  readonly python: string;
  readonly runsDir: string;
}

const UNTRUSTED =
  "nb2prod runs pipelines only in a trusted workspace, because running one executes the project's Python code. Trust this workspace, then run the pipeline again.";


/** The active notebook's project, where generate puts it (projectLocation.ts), when it exists. */
function activeNotebookProject(projects: readonly GeneratedProject[], settings: Settings): GeneratedProject | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook.uri;
  if (notebook === undefined) return undefined;
  let expected: string;
  try {
    expected = projectLocationFor(notebook, settings.outputFolder).projectDir.fsPath;
  } catch (error) {
    if (error instanceof UserFacingError) return undefined; // not on disk or outside the folders: offer the others
    throw error;
  }
  return projects.find((project) => project.dir.fsPath === expected);
}

async function pickProject(projects: readonly GeneratedProject[]): Promise<GeneratedProject | undefined> {
  const items = projects.map((project) => ({
    label: project.manifest.package,
    description: vscode.workspace.asRelativePath(project.dir),
    detail: `from ${project.manifest.notebook} · ${project.manifest.steps.length} steps`,
    project,
  }));
  return (await vscode.window.showQuickPick(items, { title: "Run which pipeline?", matchOnDescription: true }))?.project;
}

async function chooseProject(arg: unknown, settings: Settings, log: Log): Promise<GeneratedProject | undefined> {
  const projects = await findGeneratedProjects(log);
  if (arg instanceof vscode.Uri) {
    const chosen = projects.find((project) => project.dir.fsPath === arg.fsPath);
    if (chosen === undefined) throw new UserFacingError(`${arg.fsPath} holds no valid nb2prod.json. Generate the pipeline into that folder first.`);
    return chosen;
  }
  const forNotebook = activeNotebookProject(projects, settings);
  if (forNotebook !== undefined) return forNotebook;
  if (projects.length === 0) {
    // Generate reports its own failures (registerCommand), so the button needs no handling here.
    showWarningWithActions("No generated pipeline in this workspace (no folder with an nb2prod.json). Generate the pipeline first, then run it.", [generatePipelineAction()]);
    return undefined;
  }
  return projects.length === 1 ? projects[0] : pickProject(projects);
}

async function runPipeline(arg: unknown, settings: Settings, log: Log, runs: RunsModel): Promise<PipelineRunStart | undefined> {
  if (!vscode.workspace.isTrusted) throw new UserFacingError(UNTRUSTED, [MANAGE_TRUST]);
  const project = await chooseProject(arg, settings, log);
  if (project === undefined) return undefined;
  const folder = project.workspaceFolder;
  if (folder === undefined) throw new UserFacingError(`${project.dir.fsPath} is outside the workspace folders, so its runs would not show. Open its folder as a workspace folder.`);
  const start: PipelineRunStart = {
    project: project.dir.fsPath,
    package: project.manifest.package,
    python: (await resolvePythonInterpreter(folder.uri)).executable,
    runsDir: join(folder.uri.fsPath, ".nb2prod", "runs"),
  };
  // src/ on PYTHONPATH: the package runs without `pip install -e .` first.
  const pythonPath = [join(start.project, "src"), process.env.PYTHONPATH].filter((part) => part !== undefined && part !== "").join(delimiter);
  const processExecution = new vscode.ProcessExecution(start.python, ["-m", start.package], {
    cwd: start.project,
    env: { NB2PROD_RUNS_DIR: start.runsDir, PYTHONPATH: pythonPath },
  });
  const definition = { type: RUN_TASK_TYPE, project: relative(folder.uri.fsPath, start.project) || "." };
  const task = new vscode.Task(definition, folder, `run ${start.package}`, "nb2prod", processExecution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  // Taken before the process starts: the run it records starts later (run_started has milliseconds).
  const startedAt = Date.now();
  const execution = await vscode.tasks.executeTask(task);
  const pending = { id: `${start.project}:${startedAt}`, label: `${start.package} (${task.name})`, runsDir: start.runsDir, startedAt };
  runs.addPending(pending);
  const ended = vscode.tasks.onDidEndTaskProcess((event) => {
    if (event.execution !== execution) return;
    ended.dispose();
    runs.endPending(pending.id, event.exitCode);
  });
  log.info(`running ${start.python} -m ${start.package} in ${start.project}; runs go to ${start.runsDir}`);
  await vscode.commands.executeCommand("nb2prod.runs.focus");
  return start;
}

export function registerRunPipelineCommand(store: DisposableStore, log: Log, settings: () => Settings, runs: RunsModel): void {
  store.track(registerCommand(log, CommandId.runPipeline, (arg) => runPipeline(arg, settings(), log, runs)));
}
