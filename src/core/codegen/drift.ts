// Drift between a notebook and the project generated from it, read from the headers the
// generator wrote (fileHeader.ts) and the manifest's steps: which files and steps come
// from cells that changed or are gone, and which files the user edited since.
// Notebook cells in no step are not reported: the manifest does not record which cells
// the plan excluded, so a new cell could not be told from an excluded one.
import { posix } from "node:path";
import type { FileSystem } from "../ports";
import type { NotebookModel } from "../notebook/notebookModel";
import { readProjectManifest } from "../verify/readProjectManifest";
import type { ManifestStep } from "../verify/projectManifest";
import type { CellRef } from "../verify/verifyReport";
import { cellsSourceHash, isUnchangedSinceGeneration, parseHeader } from "./fileHeader";
import { DRIFT_REPORT_SCHEMA_VERSION } from "./driftReport";
import type { DriftReport, DriftStatus, FileDrift, StepDrift } from "./driftReport";
import { projectFilePaths, stepModulePath, stepTestPath } from "./python/projectLayout";

interface NotebookCells {
  readonly sources: ReadonlyMap<string, string>;
  readonly refs: ReadonlyMap<string, CellRef>;
}

function cellsOf(notebook: NotebookModel): NotebookCells {
  return {
    sources: new Map(notebook.cells.map((cell) => [cell.id, cell.source])),
    refs: new Map(notebook.cells.map((cell) => [cell.id, { number: cell.index + 1, id: cell.id }])),
  };
}

function statusOf(missing: number, stale: boolean, edited: boolean): DriftStatus {
  if (missing > 0) return "cells-missing";
  if (stale) return "stale";
  return edited ? "edited" : "in-sync";
}

async function fileDrift(fs: FileSystem, projectDir: string, path: string, cells: NotebookCells): Promise<FileDrift | undefined> {
  const target = posix.join(projectDir, path);
  if (!(await fs.exists(target))) return undefined;
  const header = parseHeader(await fs.readText(target));
  // Not written by nb2prod (or its header was removed): nothing to compare it with.
  if (header === undefined) return undefined;
  const missingCellIds = header.cellIds.filter((id) => !cells.sources.has(id));
  const stale = cellsSourceHash(header.cellIds, cells.sources) !== header.sourceHash;
  const edited = !isUnchangedSinceGeneration(header);
  return { path, status: statusOf(missingCellIds.length, stale, edited), edited, cellIds: [...header.cellIds], missingCellIds };
}

function stepDrift(pkg: string, step: ManifestStep, files: ReadonlyMap<string, FileDrift>, cells: NotebookCells): StepDrift {
  const missingCellIds = step.cellIds.filter((id) => !cells.sources.has(id));
  const present = step.cellIds.flatMap((id) => cells.refs.get(id) ?? []);
  const recorded = step.cellSourceHashes ?? {};
  const changedCells = present.filter((cell) => recorded[cell.id] !== undefined && recorded[cell.id] !== cellsSourceHash([cell.id], cells.sources));
  const own = [stepModulePath(pkg, step.name), stepTestPath(step.name)].flatMap((path) => files.get(path) ?? []);
  const stale = changedCells.length > 0 || own.some((file) => file.status === "stale");
  const editedFiles = own.filter((file) => file.edited).map((file) => file.path);
  return { name: step.name, status: statusOf(missingCellIds.length, stale, editedFiles.length > 0), cells: present, changedCells, missingCellIds, files: own.map((file) => file.path), editedFiles };
}

const isDrift = (status: DriftStatus): boolean => status === "stale" || status === "cells-missing";

/** Reads `<projectDir>/nb2prod.json` (an InputError when it is missing or invalid) and every generated file's header. */
export async function checkDrift(fs: FileSystem, notebook: NotebookModel, projectDir: string): Promise<DriftReport> {
  const manifest = await readProjectManifest(fs, projectDir);
  const cells = cellsOf(notebook);
  const files: FileDrift[] = [];
  for (const path of projectFilePaths(manifest.package, manifest.steps.map((step) => step.name))) {
    const drift = await fileDrift(fs, projectDir, path, cells);
    if (drift !== undefined) files.push(drift);
  }
  const byPath = new Map(files.map((file) => [file.path, file]));
  const steps = manifest.steps.map((step) => stepDrift(manifest.package, step, byPath, cells));
  const drifted = [...steps, ...files].some((entry) => isDrift(entry.status));
  return { schemaVersion: DRIFT_REPORT_SCHEMA_VERSION, notebook: notebook.origin, projectDir, status: drifted ? "drifted" : "in-sync", steps, files };
}
