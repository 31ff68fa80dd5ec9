// nb2prod: Run Pipeline. Runs `python -m <package>` of a generated project as a VS Code
// task (output in the terminal panel, cancellable there), with NB2PROD_RUNS_DIR pointing at
// the workspace's .nb2prod/runs, where the Runs view picks the run up while it is going.
// Running a pipeline executes the project's code, so it happens only in a trusted workspace.
import { delimiter, join, relative, resolve } from "node:path";
import * as vscode from "vscode";
import { workspaceRunsDir } from "../../core/runs/runStore";
import { CommandId } from "../commandIds";
import type { Settings } from "../config";
import type { DisposableStore } from "../disposables";
import { generatePipelineAction, projectLocationFor } from "../generate/projectLocation";
import type { Log } from "../log";
import { MANAGE_TRUST, resolvePythonInterpreter } from "../python/interpreter";
import { findGeneratedProjects } from "../runs/generatedProjects";
import type { RunsModel } from "../runs/runsModel";
import type { GeneratedProject } from "../runs/generatedProjects";
import type { EditorRunProcesses } from "../runs/editorRuns";
import type { PrefectApi, PrefectServerService } from "../runs/prefectServerService";
import { registerCommand, showWarningWithActions, UserFacingError } from "./registerCommand";

/** The `type` of the tasks this command starts (declared in package.json `taskDefinitions`). */
export const RUN_TASK_TYPE = "nb2prod";

export interface PipelineRunStart {
  readonly project: string;
  readonly package: string;
  readonly python: string;
  readonly runsDir: string;
  /** PREFECT_API_URL of the run: the workspace's local server, or the API the user configured; none when the local server could not start. */
  readonly prefectApiUrl?: string;
}

export interface RunPipelineServices {
  readonly log: Log;
  readonly settings: () => Settings;
  readonly runs: RunsModel;
  readonly prefect: PrefectServerService;
  readonly processes: EditorRunProcesses;
}

export const UNTRUSTED =
  "nb2prod runs pipelines only in a trusted workspace, because running one executes the project's Python code. Trust this workspace, then run the pipeline again.";


/** A notebook's project: where generate puts it (projectLocation.ts), else one whose manifest names the notebook. */
export function notebookProject(projects: readonly GeneratedProject[], notebook: vscode.Uri, settings: Settings): GeneratedProject | undefined {
  let expected: string | undefined;
  try {
    expected = projectLocationFor(notebook, settings.outputFolder).projectDir.fsPath;
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error; // not on disk or outside the folders: no expected place
  }
  const atExpected = projects.find((project) => project.dir.fsPath === expected);
  if (atExpected !== undefined) return atExpected;
  // The manifest's notebook path is relative to the workspace folder (generate writes it so).
  const naming = projects.filter((project) => project.workspaceFolder !== undefined && resolve(project.workspaceFolder.uri.fsPath, project.manifest.notebook) === notebook.fsPath);
  return naming.length === 1 ? naming[0] : undefined;
}

/** The active notebook's project, when it exists. */
function activeNotebookProject(projects: readonly GeneratedProject[], settings: Settings): GeneratedProject | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook.uri;
  return notebook === undefined ? undefined : notebookProject(projects, notebook, settings);
}

/** PYTHONPATH of a run: the project's src/ first, so the package runs without `pip install -e .`. */
function projectPythonPath(project: string): string {
  return [join(project, "src"), process.env.PYTHONPATH].filter((part) => part !== undefined && part !== "").join(delimiter);
}

export interface ProjectTaskRequest {
  readonly folder: vscode.WorkspaceFolder;
  readonly project: string;
  readonly python: string;
  readonly args: readonly string[];
  readonly name: string;
  /** The workspace's runs folder (NB2PROD_RUNS_DIR), where the Runs view reads runs. */
  readonly runsDir: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Extra fields of the task definition, which tells tasks of one project apart. */
  readonly definition?: Readonly<Record<string, string>>;
}

/**
 * Runs `python ARGS` in a generated project as a VS Code task (output in its own terminal,
 * cancellable there), with the project's src/ on PYTHONPATH and the workspace's runs folder.
 * `ended` settles with the process's exit code (undefined when it was stopped).
 */
export async function startProjectTask(request: ProjectTaskRequest): Promise<{ execution: vscode.TaskExecution; ended: Promise<number | undefined> }> {
  const processExecution = new vscode.ProcessExecution(request.python, [...request.args], {
    cwd: request.project,
    env: { NB2PROD_RUNS_DIR: request.runsDir, PYTHONPATH: projectPythonPath(request.project), ...request.env },
  });
  const definition = { type: RUN_TASK_TYPE, project: relative(request.folder.uri.fsPath, request.project) || ".", ...request.definition };
  const task = new vscode.Task(definition, request.folder, request.name, "nb2prod", processExecution, []);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  const execution = await vscode.tasks.executeTask(task);
  const ended = new Promise<number | undefined>((resolve) => {
    const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution !== execution) return;
      subscription.dispose();
      resolve(event.exitCode);
    });
  });
  return { execution, ended };
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

/**
 * Every run on one server that stays up, so no run pays for Prefect's temporary server. When
 * the local server cannot start (no Prefect in the interpreter yet, a cancelled start) the
 * run still goes ahead on a temporary server, and the user is told why.
 */
async function prefectApiForRun(services: RunPipelineServices, folder: vscode.Uri): Promise<PrefectApi | undefined> {
  try {
    return await services.prefect.apiForRun(folder);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    services.log.warn(`running without the local Prefect server: ${error.message}`);
    void vscode.window.showWarningMessage(`nb2prod: ${error.message.split("\n")[0] ?? ""} This run uses a temporary Prefect server instead (a few seconds slower).`);
    return undefined;
  }
}

async function runPipeline(arg: unknown, services: RunPipelineServices): Promise<PipelineRunStart | undefined> {
  const { log, runs } = services;
  if (!vscode.workspace.isTrusted) throw new UserFacingError(UNTRUSTED, [MANAGE_TRUST]);
  const project = await chooseProject(arg, services.settings(), log);
  if (project === undefined) return undefined;
  const folder = project.workspaceFolder;
  if (folder === undefined) throw new UserFacingError(`${project.dir.fsPath} is outside the workspace folders, so its runs would not show. Open its folder as a workspace folder.`);
  const python = (await resolvePythonInterpreter(folder.uri)).executable;
  const api = await prefectApiForRun(services, folder.uri);
  const start: PipelineRunStart = {
    project: project.dir.fsPath,
    package: project.manifest.package,
    python,
    runsDir: workspaceRunsDir(folder.uri.fsPath),
    ...(api === undefined ? {} : { prefectApiUrl: api.apiUrl }),
  };
  const name = `run ${start.package}`;
  // Taken before the process starts: the run it records starts later (run_started has milliseconds).
  const startedAt = Date.now();
  const { execution, ended } = await startProjectTask({
    folder,
    project: start.project,
    python: start.python,
    args: ["-m", start.package],
    name,
    runsDir: start.runsDir,
    // A configured API (environment or profile) reaches the run as it is; the local one is set here.
    env: api?.local === true ? { PREFECT_API_URL: api.apiUrl } : {},
  });
  const pending = { id: `${start.project}:${startedAt}`, label: `${start.package} (${name})`, runsDir: start.runsDir, startedAt };
  runs.addPending(pending);
  services.processes.add(pending.id, { runsDir: start.runsDir, startedAt, execution });
  void ended.then((exitCode) => {
    services.processes.remove(pending.id);
    runs.endPending(pending.id, exitCode);
  });
  log.info(`running ${start.python} -m ${start.package} in ${start.project} on Prefect ${start.prefectApiUrl ?? "(a temporary server)"}; runs go to ${start.runsDir}`);
  await vscode.commands.executeCommand("nb2prod.runs.focus");
  return start;
}

export function registerRunPipelineCommand(store: DisposableStore, services: RunPipelineServices): void {
  store.track(registerCommand(services.log, CommandId.runPipeline, (arg) => runPipeline(arg, services)));
}
