// Where the generated project of a notebook lives: `<workspace folder>/<nb2prod.outputFolder>/<notebook stem>/`,
// the same folder for generate, verify and drift checks.
import * as path from "node:path";
import * as vscode from "vscode";
import { notebookStem } from "../../core/codegen/projectNaming";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { MANIFEST_FILE } from "../../core/verify/projectManifest";
import { CommandId } from "../commandIds";
import { UserFacingError } from "../commands/registerCommand";
import type { MessageAction } from "../commands/registerCommand";

export interface ProjectLocation {
  readonly workspaceFolder: vscode.WorkspaceFolder;
  readonly projectDir: vscode.Uri;
  /** The project folder relative to the workspace folder, for messages. */
  readonly projectLabel: string;
  /** The notebook's path relative to the workspace folder, as the generated headers and manifest name it. */
  readonly notebookPath: string;
}

export function projectLocationFor(notebookUri: vscode.Uri, outputFolder: string): ProjectLocation {
  if (notebookUri.scheme !== "file") {
    throw new UserFacingError(`${notebookUri.toString()} is not a file on disk. Save the notebook in a workspace folder first.`);
  }
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(notebookUri);
  if (workspaceFolder === undefined) {
    throw new UserFacingError(`${notebookUri.fsPath} is outside the open folders. Open the folder that holds the notebook (File > Open Folder), then try again.`);
  }
  const output = path.normalize(outputFolder);
  if (path.isAbsolute(output) || output === ".." || output.startsWith(`..${path.sep}`)) {
    throw new UserFacingError(`The setting nb2prod.outputFolder ("${outputFolder}") must name a folder inside the workspace folder, such as "pipelines".`, [
      { title: "Open Settings", command: "workbench.action.openSettings", args: ["nb2prod.outputFolder"] },
    ]);
  }
  const projectLabel = path.posix.join(output.split(path.sep).join("/"), notebookStem(notebookUri.fsPath));
  return {
    workspaceFolder,
    projectDir: vscode.Uri.joinPath(workspaceFolder.uri, projectLabel),
    projectLabel,
    notebookPath: path.relative(workspaceFolder.uri.fsPath, notebookUri.fsPath).split(path.sep).join("/"),
  };
}

/** Whether generate has written a project there: its nb2prod.json exists. */
export function generatedProjectExists(location: ProjectLocation): Promise<boolean> {
  return new NodeFileSystem().exists(vscode.Uri.joinPath(location.projectDir, MANIFEST_FILE).fsPath);
}

/** The button offered wherever a generated project is missing or no longer fits. */
export function generatePipelineAction(notebook?: vscode.Uri): MessageAction {
  return { title: "Generate Pipeline…", command: CommandId.generatePipeline, args: notebook === undefined ? [] : [notebook] };
}
