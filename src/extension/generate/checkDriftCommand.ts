// nb2prod: Check Pipeline Drift — core checkDrift on the live notebook (unsaved edits
// included) and its generated project. It reads files and runs no Python, so it also
// works in an untrusted workspace.
import * as vscode from "vscode";
import { checkDrift } from "../../core/codegen/drift";
import type { DriftReport } from "../../core/codegen/driftReport";
import { formatDriftReport } from "../../core/codegen/formatDriftReport";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { toNotebookModel } from "../adapters/notebookDocumentAdapter";
import { CommandId } from "../commandIds";
import { notebookFor } from "../commands/notebookArg";
import { registerCommand, showWarningWithActions } from "../commands/registerCommand";
import type { Settings } from "../config";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import { generatedProjectExists, generatePipelineAction, projectLocationFor } from "./projectLocation";

const TITLE = "nb2prod: Check Pipeline Drift";
const GENERATE = "Generate Pipeline…";
const DETAILS = "Show Details";

export type DriftCommandResult = { readonly kind: "no-project"; readonly message: string } | { readonly kind: "checked"; readonly report: DriftReport };

export interface DriftDeps {
  readonly log: Log;
  readonly settings: () => Settings;
}

function summary(report: DriftReport, projectLabel: string): string {
  const edited = report.files.filter((file) => file.edited).length;
  const editedNote = edited === 0 ? "" : ` ${edited} ${edited === 1 ? "file was" : "files were"} edited since generation; generate leaves ${edited === 1 ? "it" : "them"} alone.`;
  if (report.status === "in-sync") return `The pipeline in ${projectLabel} is in sync with the notebook.${editedNote}`;
  const drifted = report.steps.filter((step) => step.status === "stale" || step.status === "cells-missing").length;
  const what = drifted === 0 ? "Some generated files are" : `${drifted} of ${report.steps.length} steps are`;
  return `${what} out of date with the notebook in ${projectLabel}: their cells changed or were deleted. Generate the pipeline again to update them.${editedNote}`;
}

function show(report: DriftReport, projectLabel: string, notebook: vscode.NotebookDocument, log: Log): void {
  log.info(`drift: ${projectLabel}\n${formatDriftReport(report, "Run nb2prod: Generate Pipeline… again")}`);
  const inSync = report.status === "in-sync";
  const message = summary(report, projectLabel);
  const choice = inSync ? vscode.window.showInformationMessage(message, DETAILS) : vscode.window.showWarningMessage(message, GENERATE, DETAILS);
  void choice.then((picked) => {
    if (picked === DETAILS) log.show();
    if (picked === GENERATE) void vscode.commands.executeCommand(CommandId.generatePipeline, notebook.uri);
  });
}

async function checkNotebookDrift(notebookArg: unknown, deps: DriftDeps): Promise<DriftCommandResult> {
  const notebook = await notebookFor(notebookArg, TITLE);
  const location = projectLocationFor(notebook.uri, deps.settings().outputFolder);
  if (!(await generatedProjectExists(location))) {
    const message = `There is no generated pipeline for this notebook in ${location.projectLabel}, so there is nothing to compare. Generate it first.`;
    showWarningWithActions(message, [generatePipelineAction(notebook.uri)]);
    return { kind: "no-project", message };
  }
  const report = await checkDrift(new NodeFileSystem(), toNotebookModel(notebook), location.projectDir.fsPath);
  show(report, location.projectLabel, notebook, deps.log);
  return { kind: "checked", report };
}

export function registerCheckDriftCommand(store: DisposableStore, deps: DriftDeps): void {
  store.track(registerCommand(deps.log, CommandId.checkDrift, (notebookArg) => checkNotebookDrift(notebookArg, deps)));
}
