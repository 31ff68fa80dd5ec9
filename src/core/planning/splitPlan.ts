// SplitPlan: how a notebook's cells become pipeline steps (DESIGN.md). Defined once with
// zod; the JSON Schema is derived from it for `nb2prod plan --json` consumers.
import { z } from "zod";
import { PIPELINE_STAGES, STAGES } from "./stages";

export const SPLIT_PLAN_SCHEMA_VERSION = 1;

const nonEmpty = z.string().min(1);
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

export const planStepSchema = z.strictObject({
  name: nonEmpty,
  stage: z.enum(PIPELINE_STAGES),
  /** Code cells, in notebook order, whose code the step runs. */
  cellIds: z.array(nonEmpty).min(1),
  inputs: z.array(stepInputSchema),
  /** Values later steps read from this one. */
  outputs: z.array(z.strictObject({ name: nonEmpty, typeHint })),
  imports: z.array(planImportSchema),
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
  schemaVersion: z.literal(SPLIT_PLAN_SCHEMA_VERSION),
  /** What set the step boundaries: the author's markers, the markdown headings, or the stages. */
  boundaries: z.enum(["markers", "headings", "stages"]),
  steps: z.array(planStepSchema),
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

/** The JSON Schema (draft 2020-12) of a SplitPlan, for consumers outside TypeScript. */
export function splitPlanJsonSchema(): z.core.JSONSchema.JSONSchema {
  return z.toJSONSchema(splitPlanSchema);
}
