// The pipeline projects nb2prod generated in the workspace: every folder holding a valid
// nb2prod.json. A manifest that cannot be read is logged with the reason, never skipped silently.
import { dirname } from "node:path";
import * as vscode from "vscode";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { MANIFEST_FILE } from "../../core/verify/projectManifest";
import type { ProjectManifest } from "../../core/verify/projectManifest";
import { readProjectManifest } from "../../core/verify/readProjectManifest";
import type { Log } from "../log";

export interface GeneratedProject {
  /** The folder holding nb2prod.json. */
  readonly dir: vscode.Uri;
  readonly manifest: ProjectManifest;
  readonly workspaceFolder: vscode.WorkspaceFolder | undefined;
}

const EXCLUDED = "**/{node_modules,.git,.venv,venv,.nb2prod}/**";

export async function findGeneratedProjects(log: Log): Promise<GeneratedProject[]> {
  const files = await vscode.workspace.findFiles(`**/${MANIFEST_FILE}`, EXCLUDED);
  const fs = new NodeFileSystem();
  const projects = await Promise.all(
    files
      .filter((file) => file.scheme === "file")
      .map(async (file): Promise<GeneratedProject | undefined> => {
        const dir = vscode.Uri.file(dirname(file.fsPath));
        try {
          return { dir, manifest: await readProjectManifest(fs, dir.fsPath), workspaceFolder: vscode.workspace.getWorkspaceFolder(file) };
        } catch (error) {
          log.warn(`Ignoring ${file.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }
      }),
  );
  return projects.filter((project) => project !== undefined).sort((a, b) => a.dir.fsPath.localeCompare(b.dir.fsPath));
}
