// nb2prod: Run Step. Runs one step of the generated pipeline on its own, for debugging it:
// `python -m <package> step NAME` (run_step.py of the generated package) as a VS Code task,
// which takes the step's inputs from the artifacts of the newest successful run in the
// workspace's .nb2prod/runs and saves its outputs under .nb2prod/step-runs. The step is the
// Pipeline view's step item, or the step of the right-clicked (else selected) cell. Like
// Run Pipeline it executes the project's code, so only in a trusted workspace.
import * as vscode from "vscode";
import { checkDrift } from "../../core/codegen/drift";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { workspaceRunsDir } from "../../core/runs/runStore";
import { toNotebookModel } from "../adapters/notebookDocumentAdapter";
import { CommandId } from "../commandIds";
import type { Settings } from "../config";
import type { DisposableStore } from "../disposables";
import { parseCommandOptions } from "../generate/commandOptions";
import { generatePipelineAction } from "../generate/projectLocation";
import type { Log } from "../log";
import { MANAGE_TRUST, resolvePythonInterpreter } from "../python/interpreter";
import { findGeneratedProjects } from "../runs/generatedProjects";
import { registerCommand, UserFacingError } from "./registerCommand";
import { notebookProject, startProjectTask, UNTRUSTED } from "./runPipeline";
import type { Analyse } from "./stepCommands";
import { stepTarget } from "./stepCommands";

export interface StepRunStart {
  readonly project: string;
  readonly package: string;
  readonly step: string;
  readonly python: string;
  readonly runsDir: string;
  /** Notebook cells (1-based) of the step whose code changed since the pipeline was generated: the step runs the generated code. */
  readonly changedCells: readonly number[];
  /** Settles with the process's exit code when the step's task ends. */
  readonly ended: Promise<number | undefined>;
}

export interface RunStepServices {
  readonly log: Log;
  readonly settings: () => Settings;
  readonly analyse: Analyse;
}

const RUN_ANYWAY = "Run Anyway";
const GENERATE_AGAIN = "Generate Pipeline…";

/**
 * The step's cells that changed since the pipeline was generated (the live notebook,
 * unsaved edits included). With changes the user is asked first: the step would run the
 * generated code, not what the cells say now.
 */
async function changedCellsAccepted(notebook: vscode.NotebookDocument, projectDir: string, step: string, confirm: boolean): Promise<readonly number[] | undefined> {
  const report = await checkDrift(new NodeFileSystem(), toNotebookModel(notebook), projectDir);
  const changed = report.steps.find((candidate) => candidate.name === step)?.changedCells.map((cell) => cell.number) ?? [];
  if (changed.length === 0 || !confirm) return changed;
  const cells = changed.length === 1 ? `cell ${String(changed[0])}` : `cells ${changed.join(", ")}`;
  const choice = await vscode.window.showWarningMessage(
    `Step ${step}: ${cells} changed since the pipeline was generated. Run Step runs the generated code, not the cells as they are now; generate the pipeline again to run your changes.`,
    { modal: true },
    RUN_ANYWAY,
    GENERATE_AGAIN,
  );
  if (choice === GENERATE_AGAIN) void vscode.commands.executeCommand(CommandId.generatePipeline, notebook.uri);
  return choice === RUN_ANYWAY ? changed : undefined;
}

async function runStep(arg: unknown, optionsArg: unknown, services: RunStepServices): Promise<StepRunStart | undefined> {
  const { log } = services;
  if (!vscode.workspace.isTrusted) throw new UserFacingError(UNTRUSTED, [MANAGE_TRUST]);
  const { notebook, step } = await stepTarget(arg, services.analyse);
  const project = notebookProject(await findGeneratedProjects(log), notebook.uri, services.settings());
  if (project === undefined) {
    throw new UserFacingError(`${vscode.workspace.asRelativePath(notebook.uri)} has no generated pipeline in this workspace. Generate the pipeline, run it once, then run one of its steps.`, [generatePipelineAction(notebook.uri)]);
  }
  const steps = project.manifest.steps.map((candidate) => candidate.name);
  if (!steps.includes(step.name)) {
    throw new UserFacingError(
      `The pipeline in ${vscode.workspace.asRelativePath(project.dir)} has no step ${step.name} (its steps: ${steps.join(", ")}): it was generated from an earlier plan. Generate the pipeline again, then run the step.`,
      [generatePipelineAction(notebook.uri)],
    );
  }
  const folder = project.workspaceFolder;
  if (folder === undefined) throw new UserFacingError(`${project.dir.fsPath} is outside the workspace folders. Open its folder as a workspace folder.`);
  const changedCells = await changedCellsAccepted(notebook, project.dir.fsPath, step.name, parseCommandOptions(optionsArg).confirm);
  if (changedCells === undefined) return undefined;
  const python = (await resolvePythonInterpreter(folder.uri)).executable;
  const runsDir = workspaceRunsDir(folder.uri.fsPath);
  const { ended } = await startProjectTask({
    folder,
    project: project.dir.fsPath,
    python,
    args: ["-m", project.manifest.package, "step", step.name],
    name: `step ${step.name} of ${project.manifest.package}`,
    runsDir,
    definition: { step: step.name },
  });
  void ended.then((code) => {
    if (code === 0) {
      void vscode.window.showInformationMessage(`nb2prod: step ${step.name} ran; the terminal lists its outputs (saved under .nb2prod/step-runs).`);
    } else {
      void vscode.window.showErrorMessage(`nb2prod: step ${step.name} ${code === undefined ? "was stopped" : `failed (exit code ${code})`}: the terminal shows why.`);
    }
  });
  log.info(`running ${python} -m ${project.manifest.package} step ${step.name} in ${project.dir.fsPath}; inputs from the runs in ${runsDir}`);
  return { project: project.dir.fsPath, package: project.manifest.package, step: step.name, python, runsDir, changedCells, ended };
}

export function registerRunStepCommand(store: DisposableStore, services: RunStepServices): void {
  store.track(registerCommand(services.log, CommandId.runStep, (arg, options) => runStep(arg, options, services)));
}
