// nb2prod.json, the manifest of a generated project: which step function stands for
// which notebook cells, what it takes and what it returns. The generator writes it,
// verify reads it; this schema is the contract between the two.
import { z } from "zod";

export const MANIFEST_FILE = "nb2prod.json";
export const PARAMS_FILE = "params.yaml";
export const MANIFEST_SCHEMA_VERSION = 1;

const pythonName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a Python identifier");
const dottedName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "expected a dotted Python module name");

/** An input is an output of an earlier step, or a param passed by name. */
export const stepInputSchema = z.union([
  z.strictObject({ name: pythonName, fromStep: pythonName }),
  z.strictObject({ name: pythonName, param: pythonName }),
]);

/** What a step keeps for people (SplitPlan step reports): verify evaluates a value's expression in the notebook; figures are not compared. */
export const manifestReportSchema = z.object({
  name: pythonName,
  kind: z.enum(["value", "figures", "file"]),
  cellId: z.string().min(1),
  line: z.number().int().positive(),
  expression: z.string().min(1).optional(),
});

/** A divided cell's part: the lines of the cell a part id stands for. */
export const manifestPartSchema = z.object({
  id: z.string().min(1),
  cellId: z.string().min(1),
  fromLine: z.number().int().positive(),
  toLine: z.number().int().positive(),
});

export const manifestStepSchema = z.object({
  name: pythonName,
  /** `<pkg>.steps.<step>` */
  module: dottedName,
  function: pythonName,
  /** The notebook cells the step stands for; its outputs are compared after the last of them. */
  cellIds: z.array(z.string().min(1)).min(1),
  inputs: z.array(stepInputSchema),
  /** Fields of the NamedTuple the step function returns, in order. */
  outputs: z.array(pythonName),
  /** Which of the outputs the step keeps for people; absent in projects generated before reports. */
  reports: z.array(manifestReportSchema).optional(),
  /**
   * Each cell's source hash at generation, by cell id, so a drift check can name the
   * cells that changed. Absent in projects generated before it was recorded.
   */
  cellSourceHashes: z.record(z.string(), z.string()).optional(),
});

export const projectManifestSchema = z
  .object({
    schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
    package: dottedName,
    /** The notebook path as given to generate. */
    notebook: z.string(),
    /** Cells divided between steps; steps name the parts. Absent in projects generated before division. */
    parts: z.array(manifestPartSchema).optional(),
    /** In run order. */
    steps: z.array(manifestStepSchema).min(1),
    /** The values of params.yaml at generation time. */
    params: z.record(z.string(), z.unknown()),
  })
  .superRefine((manifest, context) => {
    for (const problem of manifestProblems(manifest)) context.addIssue({ code: "custom", message: problem.message, path: problem.path });
  });

export type StepInput = z.infer<typeof stepInputSchema>;
export type ManifestStep = z.infer<typeof manifestStepSchema>;
export type ManifestReport = z.infer<typeof manifestReportSchema>;
export type ProjectManifest = z.infer<typeof projectManifestSchema>;

interface ManifestProblem {
  readonly message: string;
  readonly path: (string | number)[];
}

/** Cross-field rules: unique step names, inputs that name earlier outputs and known params. */
function manifestProblems(manifest: Omit<ProjectManifest, "schemaVersion">): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const outputsByStep = new Map<string, readonly string[]>();
  manifest.steps.forEach((step, index) => {
    if (outputsByStep.has(step.name)) problems.push({ message: `step "${step.name}" appears twice`, path: ["steps", index, "name"] });
    step.inputs.forEach((input, inputIndex) => {
      const message = inputProblem(input, outputsByStep, manifest.params);
      if (message !== undefined) problems.push({ message, path: ["steps", index, "inputs", inputIndex] });
    });
    outputsByStep.set(step.name, step.outputs);
  });
  return problems;
}

function inputProblem(input: StepInput, outputsByStep: ReadonlyMap<string, readonly string[]>, params: Readonly<Record<string, unknown>>): string | undefined {
  if ("param" in input) return input.param in params ? undefined : `param "${input.param}" is not in params`;
  const outputs = outputsByStep.get(input.fromStep);
  if (outputs === undefined) return `input "${input.name}" comes from "${input.fromStep}", which is not an earlier step`;
  return outputs.includes(input.name) ? undefined : `step "${input.fromStep}" has no output "${input.name}"`;
}
