// What each harness phase writes to <scratch>/<phase>.json, parsed with zod: the harness
// runs in the user's interpreter, so its output is checked like any outside input.
import { z } from "zod";
import { cellRefSchema, errorInfoSchema, observedColumnSchema } from "./verifyReport";

export const capturedValueSchema = z.object({
  /** Absent only when the value is missing. */
  type: z.string().optional(),
  /** The pickle, when the value could be stored. */
  file: z.string().optional(),
  shape: z.array(z.number().int().nonnegative()).optional(),
  dtype: z.string().optional(),
  columns: z.array(z.string()).optional(),
  /** A finite number's value (a score, a count). */
  value: z.number().optional(),
  /** A DataFrame's columns with their dtype and whether they had nulls (string column names only). */
  columnTypes: z.array(observedColumnSchema).optional(),
  /** A Series' or a numeric array's: whether it had nulls (NaN). */
  nulls: z.boolean().optional(),
  problem: z.object({ kind: z.enum(["display", "unpicklable", "missing"]), reason: z.string() }).optional(),
});

/** step → output → captured value. */
const capturesSchema = z.record(z.string(), z.record(z.string(), capturedValueSchema));

const runBase = {
  /** "running" in the partial result written after each capture, until the phase ends. */
  status: z.enum(["ok", "failed", "running"]),
  seconds: z.number().nonnegative(),
  captures: capturesSchema,
  notes: z.array(z.string()),
};

export const notebookResultSchema = z.object({
  ...runBase,
  phase: z.literal("notebook"),
  failure: z.object({ cell: cellRefSchema, error: errorInfoSchema }).optional(),
});

export const pipelineResultSchema = z.object({
  ...runBase,
  phase: z.literal("pipeline"),
  failure: z.object({ step: z.string(), error: errorInfoSchema }).optional(),
});

export const comparedOutputSchema = z.object({
  status: z.enum(["equal", "different", "not-comparable", "not-compared"]),
  detail: z.string(),
});

export const compareResultSchema = z.object({
  phase: z.literal("compare"),
  /** step → output → outcome, for the steps both runs captured. */
  steps: z.record(z.string(), z.record(z.string(), comparedOutputSchema)),
});

/** <scratch>/<phase>.progress.json: where the phase was when last heard of. */
export const progressSchema = z.object({ cell: cellRefSchema.optional(), step: z.string().optional() });

export type CapturedValue = z.infer<typeof capturedValueSchema>;
export type NotebookResult = z.infer<typeof notebookResultSchema>;
export type PipelineResult = z.infer<typeof pipelineResultSchema>;
export type ComparedOutput = z.infer<typeof comparedOutputSchema>;
export type CompareResult = z.infer<typeof compareResultSchema>;
export type Progress = z.infer<typeof progressSchema>;
