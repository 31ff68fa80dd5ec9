// SplitPlan: how a notebook's cells become pipeline steps (DESIGN.md). Defined once with
// zod; the JSON Schema is derived from it for `nb2prod plan --json` consumers.
import { z } from "zod";
import { PIPELINE_STAGES, STAGES } from "./stages";

/** 2 added `parts` (cells divided at top-level statements) and each step's `reports`; a version 1 plan reads as one with neither. */
export const SPLIT_PLAN_SCHEMA_VERSION = 2;

const nonEmpty = z.string().min(1);
const lineNumber = z.number().int().positive();
const typeHint = z.string().min(1).optional();

/** An import a step (or the shared module) needs: `import a.b as c`, `from a import b as c`. */
export const planImportSchema = z.strictObject({
  module: nonEmpty,
  name: nonEmpty.optional(),
  alias: nonEmpty.optional(),
});

/** A value a step reads: from an earlier step's outputs, or from the params. */
export const stepInputSchema = z.union([
  z.strictObject({ name: nonEmpty, fromStep: nonEmpty, typeHint }),
  z.strictObject({ name: nonEmpty, param: nonEmpty, typeHint }),
]);

/**
 * What a step keeps for people to find: what a cell displayed after a model was fitted
 * (`value`: a score, a summary, a report; numbers become run metrics, the rest
 * artifacts), the figures a cell drew (`figures`: PNG artifacts), or a file a statement
 * wrote (`file`: a saved model or table, recorded with its hash).
 */
export const stepReportSchema = z.strictObject({
  /** The step's output field that holds it. */
  name: nonEmpty,
  kind: z.enum(["value", "figures", "file"]),
  /** The cell (or cell part) it comes from. */
  cellId: nonEmpty,
  /** 1-based line, in the cell, of the statement that displayed it or wrote the file (for figures: the part's last line). */
  line: lineNumber,
  /** The Python expression kept, as written in the cell: the value shown, or the path written. */
  expression: nonEmpty.optional(),
});

/** A cell divided at top-level statements, so that its parts can run in different steps. */
export const cellPartSchema = z.strictObject({
  /** The id steps list among their cellIds. */
  id: nonEmpty,
  cellId: nonEmpty,
  /** 1-based lines of the cell's source, inclusive. */
  fromLine: lineNumber,
  toLine: lineNumber,
});

export const planStepSchema = z.strictObject({
  name: nonEmpty,
  stage: z.enum(PIPELINE_STAGES),
  /** Code cells, in notebook order, whose code the step runs. */
  cellIds: z.array(nonEmpty).min(1),
  inputs: z.array(stepInputSchema),
  /** Values later steps read from this one. */
  outputs: z.array(z.strictObject({ name: nonEmpty, typeHint })),
  imports: z.array(planImportSchema),
  /** What the step keeps for people: evaluation values and figures. */
  reports: z.array(stepReportSchema).default([]),
  /** Why this step exists and what it does, in plain words. */
  rationale: nonEmpty,
});

export type ParamValue = number | string | boolean | ParamValue[];

const paramValueSchema: z.ZodType<ParamValue> = z.lazy(() =>
  z.union([z.number(), z.string(), z.boolean(), z.array(paramValueSchema)]),
);

export const planParamSchema = z.strictObject({
  name: nonEmpty,
  value: paramValueSchema,
  /** Python type: int, float, str, bool, list[...] or list. */
  type: nonEmpty,
  /** The parameters cell it comes from. */
  cellId: nonEmpty,
});

const definitionSchema = z.strictObject({ name: nonEmpty, cellId: nonEmpty });

export const cellStageSchema = z.strictObject({
  cellId: nonEmpty,
  /** Position in the notebook (0-based), for messages. */
  index: z.number().int().nonnegative(),
  stage: z.enum(STAGES),
  because: nonEmpty,
  evidence: z.array(z.strictObject({ text: nonEmpty, says: nonEmpty, line: z.number().int().positive().optional() })),
});

export const splitPlanSchema = z.strictObject({
  schemaVersion: z.union([z.literal(1), z.literal(SPLIT_PLAN_SCHEMA_VERSION)]),
  /** What set the step boundaries: the author's markers, the markdown headings, or the stages. */
  boundaries: z.enum(["markers", "headings", "stages"]),
  steps: z.array(planStepSchema),
  /** Cells divided between steps; steps name the parts, never the divided cell itself. */
  parts: z.array(cellPartSchema).default([]),
  /** Code cells left out of the pipeline. */
  excluded: z.array(z.strictObject({ cellId: nonEmpty, reason: nonEmpty })),
  params: z.array(planParamSchema),
  parametersCellIds: z.array(nonEmpty),
  shared: z.strictObject({
    /** Definitions lifted into the shared module (from any cell). */
    functions: z.array(definitionSchema),
    classes: z.array(definitionSchema),
    /** Literal constants of shared cells (`THRESHOLD = 0.5`), module-level in the shared module. */
    constants: z.array(definitionSchema),
    /** Imports the lifted definitions need. */
    imports: z.array(planImportSchema),
    /** Cells made only of imports, lifted definitions and constants: in no step. */
    cellIds: z.array(nonEmpty),
  }),
  /** One entry per code cell, in notebook order. */
  cellStages: z.array(cellStageSchema),
  warnings: z.array(nonEmpty),
});

export type SplitPlan = z.infer<typeof splitPlanSchema>;
export type PlanStep = z.infer<typeof planStepSchema>;
export type PlanImport = z.infer<typeof planImportSchema>;
export type PlanParam = z.infer<typeof planParamSchema>;
export type CellStageEntry = z.infer<typeof cellStageSchema>;
export type StepReport = z.infer<typeof stepReportSchema>;
export type CellPart = z.infer<typeof cellPartSchema>;

/** The JSON Schema (draft 2020-12) of a SplitPlan, for consumers outside TypeScript. */
export function splitPlanJsonSchema(): z.core.JSONSchema.JSONSchema {
  return z.toJSONSchema(splitPlanSchema);
}
