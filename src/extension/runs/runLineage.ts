// The run shown in the Lineage view, with what the core's LineageGraph cannot know: which
// generated project the run came from and where that project's notebook cells are now.
import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import * as vscode from "vscode";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import type { NotebookModel } from "../../core/notebook/notebookModel";
import { readNotebookFile } from "../../core/notebook/notebookReader";
import { buildLineageGraph, projectOfRun } from "../../core/runs/lineageGraph";
import type { LineageGraph } from "../../core/runs/lineageGraph";
import { toNotebookModel } from "../adapters/notebookDocumentAdapter";
import type { GeneratedProject } from "./generatedProjects";
import type { RunEntry } from "./runsModel";

export interface LocatedCell {
  readonly index: number;
  readonly source: string;
}

export interface RunLineage {
  readonly entry: RunEntry;
  readonly graph: LineageGraph;
  readonly project?: GeneratedProject;
  readonly notebookUri?: vscode.Uri;
  /** Cell id → where the cell is in the notebook now. */
  readonly cells: ReadonlyMap<string, LocatedCell>;
  /** Why cells could not be linked, in words a user can act on. */
  readonly notes: readonly string[];
}

/** Where a run's steps came from: its project, its notebook and where the cells are now. */
export interface RunLocation {
  readonly project?: GeneratedProject;
  readonly notebookUri?: vscode.Uri;
  readonly cells: ReadonlyMap<string, LocatedCell>;
  /** Why the cells could not be linked, when they could not. */
  readonly note?: string;
}

/** Finds the run's project and reads its notebook (the slow part: searches and file reads). */
export async function locateRun(entry: RunEntry, projects: readonly GeneratedProject[]): Promise<RunLocation> {
  const project = projectOfRun(entry.summary, projects.map((candidate) => ({ dir: candidate.dir.fsPath, manifest: candidate.manifest })));
  const generated = projects.find((candidate) => candidate.dir.fsPath === project?.dir);
  if (generated === undefined) {
    return { cells: new Map(), note: "No generated project in this workspace (nb2prod.json) knows this run's steps, so its notebook cells cannot be shown." };
  }
  const notebookUri = await locateNotebook(generated);
  if (notebookUri === undefined) {
    const note = `The notebook ${generated.manifest.notebook} named in ${generated.dir.fsPath}/nb2prod.json was not found in the workspace, so its cells cannot be revealed.`;
    return { project: generated, cells: new Map(), note };
  }
  try {
    const notebook = await readNotebook(notebookUri);
    return { project: generated, notebookUri, cells: new Map(notebook.cells.map((cell) => [cell.id, { index: cell.index, source: cell.source }])) };
  } catch (error) {
    return { project: generated, notebookUri, cells: new Map(), note: `${error instanceof Error ? error.message : String(error)} Its cells cannot be revealed.` };
  }
}

/** The lineage of the run as its events say now, linked through an earlier `locateRun`. */
export function runLineageAt(entry: RunEntry, location: RunLocation): RunLineage {
  const graph = buildLineageGraph(entry.summary, location.project?.manifest);
  const linked = {
    entry,
    graph,
    cells: location.cells,
    ...(location.project === undefined ? {} : { project: location.project }),
    ...(location.notebookUri === undefined ? {} : { notebookUri: location.notebookUri }),
  };
  if (location.note !== undefined) return { ...linked, notes: [location.note] };
  const missing = graph.steps.flatMap((step) => step.cellIds).filter((cellId) => !location.cells.has(cellId));
  return { ...linked, notes: missing.length > 0 ? [`The notebook no longer has cells ${missing.join(", ")}: they were deleted or their ids changed since generation.`] : [] };
}

/** The open notebook (unsaved edits move cells), else the file. Reading never runs it. */
async function readNotebook(uri: vscode.Uri): Promise<NotebookModel> {
  const open = vscode.workspace.notebookDocuments.find((document) => document.uri.toString() === uri.toString());
  return open === undefined ? readNotebookFile(new NodeFileSystem(), uri.fsPath) : toNotebookModel(open);
}

/**
 * The manifest names the notebook as it was passed to generate, relative to a folder we
 * do not know: try the project folder and each folder above it up to the workspace
 * folder, then a workspace file of that name when there is exactly one.
 */
async function locateNotebook(project: GeneratedProject): Promise<vscode.Uri | undefined> {
  const notebook = project.manifest.notebook;
  if (isAbsolute(notebook)) return existsSync(notebook) ? vscode.Uri.file(notebook) : undefined;
  const stop = project.workspaceFolder?.uri.fsPath;
  for (let dir = project.dir.fsPath; ; dir = dirname(dir)) {
    const candidate = join(dir, notebook);
    if (existsSync(candidate)) return vscode.Uri.file(candidate);
    if (dir === stop || dirname(dir) === dir) break;
  }
  const found = await vscode.workspace.findFiles(`**/${basename(notebook)}`, "**/{node_modules,.nb2prod}/**", 2);
  return found.length === 1 ? found[0] : undefined;
}
