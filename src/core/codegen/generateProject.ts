// The codegen entry point: an analysed notebook and its plan → the FilePlan of a Python
// project (DESIGN.md "Generated Python project"). Pure and synchronous; reading the
// notebook, asking the interpreter for versions and writing files are the caller's.
import { InputError } from "../inputError";
import { DASK_DISTRIBUTIONS, DEV_DISTRIBUTIONS, PARQUET_DISTRIBUTIONS, SERVE_DISTRIBUTIONS, TRACKING_DISTRIBUTIONS, pinDependencies } from "./dependencies/projectDependencies";
import type { Dependency } from "./dependencies/dependencies";
import type { FilePlan } from "./filePlan";
import { buildProject } from "./python/buildProject";
import type { ProjectInput } from "./python/buildProject";
import { projectFiles } from "./python/projectFiles";
import { notebookWithParts } from "../notebook/cellParts";
import { buildDataflow, executionCountsOf } from "../analysis/dataflow";
import { validatePlan } from "../planning/validatePlan";

export type GenerateInput = ProjectInput;

function tools(names: readonly string[], input: GenerateInput): ReturnType<typeof pinDependencies> {
  const dependencies = names.map((name): Dependency => ({ name, reason: "runtime" }));
  return pinDependencies(dependencies, input.versions, []);
}

/** A plan or notebook nb2prod cannot make a project of; the message says what to do. */
export class GenerationError extends InputError {}

export function generateProject(input: GenerateInput): FilePlan {
  if (input.plan.steps.length === 0) {
    throw new GenerationError(`The plan for ${input.notebookPath} has no steps: every code cell was excluded. Mark a cell as a step, then generate again.`);
  }
  // Whatever made the plan (the planner, a plan file, the editor), it is checked here: a
  // step name becomes a file name and Python code, so it must be one the validator accepts.
  const problems = validatePlan(input.plan, { notebook: input.notebook, analyses: input.analyses, dataflow: buildDataflow(input.analyses, executionCountsOf(input.notebook)) });
  if (problems.length > 0) {
    throw new GenerationError(`The plan for ${input.notebookPath} cannot be generated; nothing was written: ${problems.slice(0, 3).map((problem) => problem.message).join(" ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}`);
  }
  const built = buildProject(input);
  const files = projectFiles({
    structure: built.structure,
    // Divided cells stand as their parts, whose ids the steps and the manifest use.
    notebook: notebookWithParts(input.notebook, input.plan.parts),
    parts: input.plan.parts,
    parametersCellIds: input.plan.parametersCellIds,
    tools: { dev: tools(DEV_DISTRIBUTIONS, input), parquet: tools(PARQUET_DISTRIBUTIONS, input), tracking: tools(TRACKING_DISTRIBUTIONS, input), serve: tools(SERVE_DISTRIBUTIONS, input), dask: tools(DASK_DISTRIBUTIONS, input) },
    secrets: built.secrets,
  });
  const redacted = files.redacted.map((path) => ({
    code: "secret",
    message: `A credential found in the notebook was quoted in ${path}; it is written as <secret NAME> there, and the code reads it from the environment.`,
  }));
  return { projectName: built.structure.projectName, packageName: built.structure.packageName, files: files.files, warnings: [...built.warnings, ...redacted] };
}
