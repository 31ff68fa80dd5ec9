// The report of `nb2prod verify`, printed as JSON with --json. Versioned: a reader
// checks schemaVersion. `observedTypes` feeds the generator's type hints.
import { z } from "zod";

export const VERIFY_REPORT_SCHEMA_VERSION = 1;

export const cellRefSchema = z.object({
  /** 1-based position among all the notebook's cells: "cell N". */
  number: z.number().int().positive(),
  id: z.string(),
});

export const errorInfoSchema = z.object({
  /** The exception's class name, e.g. `FileNotFoundError`. */
  type: z.string(),
  message: z.string(),
  /** The last line of the traceback, as Python prints it. */
  lastLine: z.string(),
  /** The traceback from the user's code on (the harness's frames left out), shortened. */
  traceback: z.string(),
  /** The line within the cell (or step module) where it was raised, 1-based. */
  line: z.number().int().positive().optional(),
  code: z.string().optional(),
});

export const runReportSchema = z.object({
  status: z.enum(["ok", "failed", "timed-out", "crashed", "not-run"]),
  seconds: z.number().nonnegative(),
  /** One sentence for anything but ok. */
  message: z.string().optional(),
  /** Notebook run: the cell that failed or was running at the timeout. */
  cell: cellRefSchema.optional(),
  /** Pipeline run: the step that failed or was running at the timeout. */
  step: z.string().optional(),
  error: errorInfoSchema.optional(),
  /** The end of what the harness printed, when it crashed. */
  outputTail: z.string().optional(),
  notes: z.array(z.string()),
});

export const valueInfoSchema = z.object({
  /** Runtime type as `module.qualname`, e.g. `pandas.core.frame.DataFrame`. */
  type: z.string(),
  shape: z.array(z.number().int().nonnegative()).optional(),
  dtype: z.string().optional(),
  columns: z.array(z.string()).optional(),
});

/** `not-compared`: a drawing object (a figure, axes), which verify does not compare on purpose. */
export const outputStatusSchema = z.enum(["equal", "different", "not-comparable", "not-compared", "not-run"]);

export const outputReportSchema = z.object({
  name: z.string(),
  status: outputStatusSchema,
  /** For different: a short diff summary; for not-comparable and not-run: the reason. */
  detail: z.string().optional(),
  notebook: valueInfoSchema.optional(),
  pipeline: valueInfoSchema.optional(),
});

export const stepStatusSchema = z.enum(["equal", "different", "not-comparable", "failed", "not-run"]);

export const stepReportSchema = z.object({
  name: z.string(),
  status: stepStatusSchema,
  reason: z.string().optional(),
  outputs: z.array(outputReportSchema),
});

/** One column of a DataFrame as the notebook's run had it. */
export const observedColumnSchema = z.object({ name: z.string(), dtype: z.string(), nulls: z.boolean() });

/** What the generated data checks are made of: the shape of a DataFrame, Series or numeric array a step handed on. */
export const observedDataSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("dataframe"), columns: z.array(observedColumnSchema) }),
  z.object({ kind: z.literal("series"), dtype: z.string(), nulls: z.boolean() }),
  z.object({ kind: z.literal("array"), ndim: z.number().int().nonnegative(), dtype: z.string(), nulls: z.boolean() }),
]);

export const verifyStatusSchema = z.enum(["equal", "not-comparable", "different", "failed"]);

export const verifyReportSchema = z.object({
  schemaVersion: z.literal(VERIFY_REPORT_SCHEMA_VERSION),
  notebook: z.string(),
  project: z.string(),
  python: z.object({ executable: z.string(), version: z.string() }),
  tolerance: z.object({ rtol: z.number(), atol: z.number() }),
  /** equal: every step equal; not-comparable: none different, some not comparable; else different or failed. */
  status: verifyStatusSchema,
  notebookRun: runReportSchema,
  pipelineRun: runReportSchema,
  steps: z.array(stepReportSchema),
  /** step → output → runtime type of the notebook's value. */
  observedTypes: z.record(z.string(), z.record(z.string(), z.string())),
  /** step → output → the notebook's value, for outputs that are finite numbers (suggested quality-gate bounds). */
  observedNumbers: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  /** step → output → the notebook's DataFrame, Series or numeric array: dtypes and nulls (data checks). Absent in older reports. */
  observedData: z.record(z.string(), z.record(z.string(), observedDataSchema)).optional(),
  seconds: z.number().nonnegative(),
});

export type CellRef = z.infer<typeof cellRefSchema>;
export type ErrorInfo = z.infer<typeof errorInfoSchema>;
export type RunReport = z.infer<typeof runReportSchema>;
export type ValueInfo = z.infer<typeof valueInfoSchema>;
export type OutputStatus = z.infer<typeof outputStatusSchema>;
export type OutputReport = z.infer<typeof outputReportSchema>;
export type StepStatus = z.infer<typeof stepStatusSchema>;
export type StepReport = z.infer<typeof stepReportSchema>;
export type ObservedColumn = z.infer<typeof observedColumnSchema>;
export type ObservedData = z.infer<typeof observedDataSchema>;
export type VerifyStatus = z.infer<typeof verifyStatusSchema>;
export type VerifyReport = z.infer<typeof verifyReportSchema>;
