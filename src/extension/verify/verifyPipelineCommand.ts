// nb2prod: Verify Pipeline Against Notebook — core verifyProject, as the CLI runs it:
// the saved notebook and the generated project each run in a Python subprocess (never
// in the extension host), in a trusted workspace only, with a cancellable progress.
import * as vscode from "vscode";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { NodeProcessRunner } from "../../core/nodeProcessRunner";
import type { ProcessRunner } from "../../core/ports";
import { formatVerifyReport } from "../../core/verify/formatVerifyReport";
import { NodeScratchSpace } from "../../core/verify/nodeScratchSpace";
import { DEFAULT_VERIFY_TIMEOUT_MS, verifyProject } from "../../core/verify/verifyProject";
import type { VerifyReport } from "../../core/verify/verifyReport";
import { VerifySetupError } from "../../core/verify/verifySetupError";
import { CommandId } from "../commandIds";
import { notebookFor } from "../commands/notebookArg";
import { registerCommand, showWarningWithActions, UserFacingError } from "../commands/registerCommand";
import type { MessageAction } from "../commands/registerCommand";
import type { Settings } from "../config";
import type { DisposableStore } from "../disposables";
import { parseCommandOptions } from "../generate/commandOptions";
import { generatedProjectExists, generatePipelineAction, projectLocationFor } from "../generate/projectLocation";
import type { Log } from "../log";
import { MANAGE_TRUST, resolvePythonInterpreter } from "../python/interpreter";
import type { PipelineModel } from "../views/pipelineModel";
import { verifySummary } from "./verifySummary";

const TITLE = "nb2prod: Verify Pipeline Against Notebook";

export type VerifyCommandResult =
  | { readonly kind: "blocked"; readonly reason: "untrusted" | "no-project"; readonly message: string }
  | { readonly kind: "cancelled" }
  | { readonly kind: "verified"; readonly report: VerifyReport };

export interface VerifyDeps {
  readonly log: Log;
  readonly model: PipelineModel;
  readonly settings: () => Settings;
}

function blocked(reason: "untrusted" | "no-project", message: string, actions: readonly MessageAction[]): VerifyCommandResult {
  showWarningWithActions(message, actions);
  return { kind: "blocked", reason, message };
}

/** Every process verify starts gets the signal, so cancelling the progress kills them. */
function cancellableRunner(signal: AbortSignal): ProcessRunner {
  const runner = new NodeProcessRunner();
  return { run: (program, args, options) => runner.run(program, args, { ...options, signal }) };
}

/** Verify runs the notebook as saved: offer to save unsaved edits first. */
async function savedOrBlocked(notebook: vscode.NotebookDocument, confirm: boolean): Promise<VerifyCommandResult | undefined> {
  if (!notebook.isDirty) return undefined;
  const save = "Save and Verify";
  const choice = confirm
    ? await vscode.window.showWarningMessage("The notebook has unsaved changes; verify runs the notebook as saved on disk.", { modal: true }, save, "Verify Saved Version")
    : "Verify Saved Version";
  if (choice === save) {
    await notebook.save();
    return undefined;
  }
  return choice === undefined ? { kind: "cancelled" } : undefined;
}

function show(report: VerifyReport, notebook: vscode.NotebookDocument, log: Log): void {
  log.info(`\n${formatVerifyReport(report)}`);
  const summary = verifySummary(report);
  const failedCell = report.notebookRun.cell;
  const actions = ["Show Report", ...(failedCell === undefined ? [] : [`Reveal Cell ${failedCell.number}`])];
  const show = report.status === "equal" || report.status === "not-comparable" ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(summary, ...actions).then((choice) => {
    if (choice === "Show Report") log.show();
    if (failedCell !== undefined && choice === actions[1]) void vscode.commands.executeCommand(CommandId.revealCell, notebook.uri, failedCell.number - 1);
  });
}

async function verifyPipeline(notebookArg: unknown, optionsArg: unknown, deps: VerifyDeps): Promise<VerifyCommandResult> {
  const notebook = await notebookFor(notebookArg, TITLE);
  const options = parseCommandOptions(optionsArg);
  if (!options.trusted) {
    return blocked("untrusted", "nb2prod verifies only in a trusted workspace: verify runs the notebook and the generated pipeline in Python. Trust this folder (Workspaces: Manage Workspace Trust), then verify again.", [MANAGE_TRUST]);
  }
  const location = projectLocationFor(notebook.uri, deps.settings().outputFolder);
  if (!(await generatedProjectExists(location))) {
    return blocked("no-project", `There is no generated pipeline for this notebook in ${location.projectLabel}. Generate it first, then verify.`, [generatePipelineAction(notebook.uri)]);
  }
  const unsaved = await savedOrBlocked(notebook, options.confirm);
  if (unsaved !== undefined) return unsaved;
  const python = await resolvePythonInterpreter(location.workspaceFolder.uri);
  deps.log.info(`verify: ${location.notebookPath} against ${location.projectLabel} with ${python.executable} (Python ${python.version}, from ${python.source})`);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "nb2prod: verifying the pipeline against the notebook", cancellable: true },
    async (progress, token) => {
      progress.report({ message: "running the notebook, then the pipeline, in Python" });
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => {
        controller.abort();
      });
      try {
        const request = { notebookPath: notebook.uri.fsPath, projectDir: location.projectDir.fsPath, python: python.executable, timeoutMs: DEFAULT_VERIFY_TIMEOUT_MS };
        const report = await verifyProject(request, { fs: new NodeFileSystem(), runner: cancellableRunner(controller.signal), scratch: new NodeScratchSpace() });
        return token.isCancellationRequested ? undefined : report;
      } catch (error) {
        // A cancelled probe looks like an interpreter that does not answer: say cancelled instead.
        if (token.isCancellationRequested) return undefined;
        throw error;
      } finally {
        subscription.dispose();
      }
    },
  );
  if (outcome === undefined) {
    void vscode.window.showInformationMessage("Verify was cancelled; its Python processes were stopped.");
    return { kind: "cancelled" };
  }
  deps.model.publishVerifyReport(notebook.uri, outcome);
  show(outcome, notebook, deps.log);
  return { kind: "verified", report: outcome };
}

export function registerVerifyCommand(store: DisposableStore, deps: VerifyDeps): void {
  store.track(
    registerCommand(deps.log, CommandId.verifyPipeline, async (notebookArg, optionsArg) => {
      try {
        return await verifyPipeline(notebookArg, optionsArg, deps);
      } catch (error) {
        // The project no longer fits the notebook, or is not a valid project: regenerating fixes both.
        if (error instanceof VerifySetupError) {
          throw new UserFacingError(error.message, [generatePipelineAction()]);
        }
        throw error;
      }
    }),
  );
}
