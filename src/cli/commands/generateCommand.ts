// nb2prod generate <notebook> --out <dir> [--plan plan.json] [--types verify-report.json]
// [--python <exe>]: writes the pipeline project for a notebook. Files the user changed
// since the last generation are reported as conflicts and left alone.
import { InputError } from "../../core/inputError";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { PythonParser } from "../../core/analysis/python/pythonParser";
import { candidateDistributions } from "../../core/codegen/dependencies/projectDependencies";
import { probeInterpreterVersions } from "../../core/codegen/dependencies/interpreterVersions";
import { NodeProcessRunner } from "../../core/nodeProcessRunner";
import type { GenerationWarning } from "../../core/codegen/filePlan";
import { generateProject } from "../../core/codegen/generateProject";
import { projectNameFor } from "../../core/codegen/projectNaming";
import type { ObservedNumbers, ObservedTypes } from "../../core/codegen/python/buildProject";
import type { ObservedDataByStep } from "../../core/codegen/python/dataChecks";
import { observedDataSchema } from "../../core/verify/verifyReport";
import { writeFilePlan } from "../../core/codegen/writeFilePlan";
import type { WriteReport } from "../../core/codegen/writeFilePlan";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { splitPlanSchema } from "../../core/planning/splitPlan";
import type { SplitPlan } from "../../core/planning/splitPlan";
import { suggestPlan } from "../../core/planning/suggestSteps";
import { validatePlan } from "../../core/planning/validatePlan";
import type { CliCommand, CliIo } from "../cliTypes";
import { reportInputErrors } from "./reportInputErrors";
import { EXIT_FAILURE, EXIT_OK, UsageError } from "../cliTypes";
import { locateWasmDir } from "../wasmDir";
import { analyseNotebookFile } from "./cliNotebook";
import { parseCommandArgs } from "./parseCommandArgs";

const USAGE = `Usage: nb2prod generate <notebook> --out <dir> [--plan plan.json] [--types report.json] [--python <exe>]

Generates a Python project for the notebook: one typed module per step, a Prefect flow,
params.yaml, tests, pyproject.toml (dependencies pinned to the interpreter's versions) and
nb2prod.json for \`nb2prod verify\`. Files you changed since they were generated are left
alone and reported as conflicts (exit code 1).

Options:
  --out <dir>       Folder of the project (created if missing).
  --plan <file>     Use this SplitPlan (JSON, as \`nb2prod plan --json\` prints) instead of suggesting one.
  --types <file>    A \`nb2prod verify --json\` report: its observed runtime types refine the type hints,
                    the notebook's metric values suggest quality-gate bounds in params.yaml, and the
                    dtypes and nulls of the data the validation step hands on become data checks.
  --python <exe>    Interpreter whose package versions pin the dependencies (default: python3).
`;

const observedSchema = z.object({
  observedTypes: z.record(z.string(), z.record(z.string(), z.string())),
  /** Absent in reports written before quality gates (they suggest no bound then). */
  observedNumbers: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  /** Absent in reports written before data checks (no data_checks.py then). */
  observedData: z.record(z.string(), z.record(z.string(), observedDataSchema)).optional(),
});

class InputFileError extends InputError {}

async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await new NodeFileSystem().readText(path)) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputFileError(`cannot read ${what} ${path}: ${reason}`);
  }
}

async function readPlan(path: string): Promise<SplitPlan> {
  const parsed = splitPlanSchema.safeParse(await readJson(path, "the plan"));
  if (!parsed.success) throw new InputFileError(`${path} is not a valid plan: ${parsed.error.issues[0]?.message ?? "unknown problem"}`);
  return parsed.data;
}

async function readObserved(path: string): Promise<{ readonly observedTypes: ObservedTypes; readonly observedNumbers?: ObservedNumbers; readonly observedData?: ObservedDataByStep }> {
  const parsed = observedSchema.safeParse(await readJson(path, "the verify report"));
  if (!parsed.success) throw new InputFileError(`${path} has no observedTypes: pass a report written by nb2prod verify --json`);
  const { observedTypes, observedNumbers, observedData } = parsed.data;
  return { observedTypes, ...(observedNumbers === undefined ? {} : { observedNumbers }), ...(observedData === undefined ? {} : { observedData }) };
}

interface Options {
  readonly notebook: string;
  readonly out: string;
  readonly plan?: string;
  readonly types?: string;
  readonly python: string;
}

function parseOptions(args: readonly string[]): Options {
  const { values, positionals } = parseCommandArgs(() =>
    parseArgs({
      args: [...args],
      options: { out: { type: "string" }, plan: { type: "string" }, types: { type: "string" }, python: { type: "string" } },
      allowPositionals: true,
    }),
  );
  const [notebook, extra] = positionals;
  if (notebook === undefined) throw new UsageError("generate needs a notebook path");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (values.out === undefined || values.out === "") throw new UsageError("generate needs --out <dir>");
  return { notebook, out: values.out, python: values.python ?? "python3", ...(values.plan === undefined ? {} : { plan: values.plan }), ...(values.types === undefined ? {} : { types: values.types }) };
}

/** `--out` must be a folder, or not exist yet; a file there is a clear error, not a failed mkdir. */
async function checkOutFolder(out: string): Promise<void> {
  const info = await stat(out).catch((error: unknown) => {
    if (error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR")) return undefined;
    throw error;
  });
  if (info !== undefined && !info.isDirectory()) throw new InputFileError(`--out ${out} is a file, not a folder: pass a folder (it is created if missing).`);
}

/** Before anything is written: no file stands where the project needs a folder. */
async function checkFoldersFree(out: string, paths: readonly string[]): Promise<void> {
  const folders = new Set(paths.flatMap((path) => path.split("/").slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join("/"))));
  for (const folder of [...folders].sort()) {
    const info = await stat(join(out, folder)).catch(() => undefined);
    if (info !== undefined && !info.isDirectory()) throw new InputFileError(`${join(out, folder)} is a file where the project needs a folder; nothing was written. Move it, or pass another --out.`);
  }
}

async function generate(options: Options, io: CliIo): Promise<number> {
  await checkOutFolder(options.out);
  const analysed = await analyseNotebookFile(options.notebook);
  const plan = options.plan === undefined ? suggestPlan(analysed.notebook, analysed.cells, analysed.dataflow) : await readPlan(options.plan);
  if (options.plan !== undefined) {
    // The same checks as `nb2prod plan` and the editor: a plan file is input like any other.
    const problems = validatePlan(plan, { notebook: analysed.notebook, analyses: analysed.cells, dataflow: analysed.dataflow });
    if (problems.length > 0) {
      const shown = problems.slice(0, 5).map((problem) => `  ${problem.message}`).join("\n");
      const more = problems.length > 5 ? `\n  and ${problems.length - 5} more` : "";
      throw new InputFileError(`${options.plan} does not fit ${options.notebook}; nothing was written:\n${shown}${more}\nFix the plan, or run without --plan to use the suggested one.`);
    }
  }
  const observed = options.types === undefined ? undefined : await readObserved(options.types);
  const versions = await probeInterpreterVersions(new NodeProcessRunner(), options.python, candidateDistributions(analysed.cells));
  const parser = await PythonParser.load(locateWasmDir());
  try {
    const filePlan = generateProject({
      notebook: analysed.notebook,
      notebookPath: options.notebook,
      analyses: analysed.cells,
      plan,
      parser,
      projectName: projectNameFor(options.notebook),
      ...(observed ?? {}),
      ...(typeof versions === "string" ? {} : { versions }),
    });
    const versionWarning: GenerationWarning[] = typeof versions === "string" ? [{ code: "interpreter", message: `${versions}; dependencies are left unpinned.` }] : [];
    await checkFoldersFree(options.out, filePlan.files.map((file) => file.path));
    const report = await writeFilePlan(new NodeFileSystem(), options.out, filePlan, async (folder) => {
      await mkdir(folder, { recursive: true });
    });
    printReport(io, options.out, report, [...versionWarning, ...filePlan.warnings]);
    return report.conflicts.length === 0 ? EXIT_OK : EXIT_FAILURE;
  } finally {
    parser.dispose();
  }
}

function printReport(io: CliIo, out: string, report: WriteReport, warnings: readonly GenerationWarning[]): void {
  const count = (outcome: string): number => report.results.filter((result) => result.outcome === outcome).length;
  io.out(`Generated ${out}: ${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${report.conflicts.length} conflicts.\n`);
  for (const conflict of report.conflicts) io.out(`  conflict: ${conflict.path}: ${conflict.reason ?? ""}\n`);
  for (const warning of warnings) io.out(`  warning: ${warning.message}\n`);
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args);
  return reportInputErrors(io, () => generate(options, io));
}

export const generateCommand: CliCommand = {
  name: "generate",
  summary: "Generate a typed, tested Prefect pipeline project from a notebook.",
  usage: USAGE,
  run,
};
