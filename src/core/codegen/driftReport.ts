// The report of a drift check between a notebook and the project generated from it
// (`nb2prod drift --json`, the editor's Check Pipeline Drift). Versioned: a reader
// checks schemaVersion; `nb2prod schema drift` exports it.
import { z } from "zod";
import { cellRefSchema } from "../verify/verifyReport";

export const DRIFT_REPORT_SCHEMA_VERSION = 1;

/**
 * `stale`: cells it was generated from changed since. `cells-missing`: some of those
 * cells are no longer in the notebook. `edited`: the user changed the file since
 * generation (generate leaves it alone). A file can be stale and edited at once: the
 * status names the notebook side first, and `edited` is reported on its own.
 */
export const driftStatusSchema = z.enum(["in-sync", "stale", "cells-missing", "edited"]);

export const fileDriftSchema = z.object({
  /** Relative to the project folder, with forward slashes. */
  path: z.string(),
  status: driftStatusSchema,
  edited: z.boolean(),
  /** The cells its header names. */
  cellIds: z.array(z.string()),
  missingCellIds: z.array(z.string()),
});

export const stepDriftSchema = z.object({
  name: z.string(),
  status: driftStatusSchema,
  /** The step's cells that are still in the notebook. */
  cells: z.array(cellRefSchema),
  /** Cells whose source changed since generation; empty when the project did not record per-cell hashes. */
  changedCells: z.array(cellRefSchema),
  missingCellIds: z.array(z.string()),
  /** The step's own files found in the project: its module and its test. */
  files: z.array(z.string()),
  /** The step's files the user changed since generation. */
  editedFiles: z.array(z.string()),
});

export const driftReportSchema = z.object({
  schemaVersion: z.literal(DRIFT_REPORT_SCHEMA_VERSION),
  /** Where the notebook came from (a path or an editor URI). */
  notebook: z.string(),
  projectDir: z.string(),
  /** `drifted` when a step or file is stale or misses cells; edits by the user alone are not drift. */
  status: z.enum(["in-sync", "drifted"]),
  steps: z.array(stepDriftSchema),
  /** Every generated file found in the project with an nb2prod header, in layout order. */
  files: z.array(fileDriftSchema),
});

export type DriftStatus = z.infer<typeof driftStatusSchema>;
export type FileDrift = z.infer<typeof fileDriftSchema>;
export type StepDrift = z.infer<typeof stepDriftSchema>;
export type DriftReport = z.infer<typeof driftReportSchema>;
