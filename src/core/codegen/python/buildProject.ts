// Plan + notebook + cell analyses → ProjectStructure: reads each cell's code once, builds
// every step in run order (types flow from producer to consumer), the shared module, the
// params and the dependencies. Pure: the caller reads files and asks the interpreter.
import type { CellAnalysis } from "../../analysis/cellAnalysis";
import type { PythonParser } from "../../analysis/python/pythonParser";
import type { NotebookModel } from "../../notebook/notebookModel";
import type { SplitPlan, StepReport } from "../../planning/splitPlan";
import { cellLabelOf, notebookWithParts } from "../../notebook/cellParts";
import { analysesWithParts } from "../../planning/cellDivision";
import type { Dependency } from "../dependencies/dependencies";
import type { InterpreterVersions } from "../dependencies/interpreterVersions";
import { RUNTIME_DISTRIBUTIONS, importDependencies, pinDependencies } from "../dependencies/projectDependencies";
import { STDLIB_MODULES } from "../dependencies/stdlibModules";
import type { GenerationWarning } from "../filePlan";
import { buildCommon } from "./buildCommon";
import { buildStep } from "./buildStep";
import type { StepContext } from "./buildStep";
import type { CellCode } from "./cells/readCellCode";
import { readCellCode } from "./cells/readCellCode";
import { handleMagic } from "./cells/magicHandling";
import { splitIpython } from "../../analysis/python/ipythonSyntax";
import type { ImportSpec } from "./importBlock";
import { LiteralRegistry } from "./literalRegistry";
import { environmentName, isSecretName, looksLikeCredential, mayHoldCredential } from "./cells/secretNames";
import { findLiterals } from "./cells/literalEdits";
import { SourceLines } from "./cells/sourceLines";
import { toPackageName } from "./pythonText";
import type { DataCheckStructure, ProjectStructure, StepStructure } from "./structures";
import { observedToHint } from "./typeRefs";
import { buildDataChecks, dataCheckLibraries } from "./dataChecks";
import type { ObservedDataByStep } from "./dataChecks";
import { modelRegistration, servingInput } from "./modelServing";

/** Runtime types `verify` observed: step → output → `module.Class`. */
export type ObservedTypes = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The notebook's numbers `verify` observed: step → output → value (finite numbers only). */
export type ObservedNumbers = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface ProjectInput {
  readonly notebook: NotebookModel;
  /** The notebook path as headers and the manifest show it. */
  readonly notebookPath: string;
  readonly analyses: readonly CellAnalysis[];
  readonly plan: SplitPlan;
  readonly parser: PythonParser;
  readonly projectName: string;
  readonly observedTypes?: ObservedTypes;
  readonly observedNumbers?: ObservedNumbers;
  /** The dtypes and nulls of the data steps hand on, as verify observed them (data checks). */
  readonly observedData?: ObservedDataByStep;
  readonly versions?: InterpreterVersions;
}

export interface BuiltProject {
  readonly structure: ProjectStructure;
  readonly warnings: readonly GenerationWarning[];
  /** What keeps the notebook's credentials out of every generated file. */
  readonly secrets: SecretGuard;
}

/**
 * Credentials found in the notebook never reach a generated file: code reads them from
 * the environment, and any text that would still quote one has it taken out.
 */
export interface SecretGuard {
  /** `text` with every credential found replaced by `<secret NAME>`. */
  redact(text: string): string;
  /** The Python of code cells holding a credential, with it read from the environment instead, by cell id. */
  readonly programSources: ReadonlyMap<string, string>;
}

function importSpecsByName(analyses: readonly CellAnalysis[]): Map<string, ImportSpec> {
  const byName = new Map<string, ImportSpec>();
  for (const analysis of analyses) {
    for (const record of analysis.imports) {
      if (record.name === "*" || record.module.startsWith(".") || record.nested === true) continue;
      const name = record.alias ?? record.name ?? record.module.split(".")[0] ?? record.module;
      const spec: ImportSpec = { module: record.module, ...(record.name === undefined ? {} : { name: record.name }), ...(record.alias === undefined ? {} : { alias: record.alias }) };
      if (!byName.has(name)) byName.set(name, spec);
    }
  }
  return byName;
}

export function packageNameFor(projectName: string, analyses: readonly CellAnalysis[]): string {
  const base = toPackageName(projectName);
  const imported = new Set(analyses.flatMap((analysis) => analysis.imports.map((record) => record.module.split(".")[0] ?? "")));
  return imported.has(base) || STDLIB_MODULES.has(base) || base === "conftest" ? `${base}_pipeline` : base;
}

function loggerName(notebook: NotebookModel): string {
  return notebook.cells.some((cell) => /\bLOGGER\b/.test(cell.source)) ? "NB2PROD_LOGGER" : "LOGGER";
}

function readCells(input: ProjectInput, lifted: ReadonlySet<string>, registry: LiteralRegistry, logger: string): Map<string, CellCode> {
  const wanted = new Set([...input.plan.steps.flatMap((step) => step.cellIds), ...[...input.plan.shared.functions, ...input.plan.shared.classes].map((definition) => definition.cellId)]);
  const reports = new Map<string, StepReport[]>();
  for (const report of input.plan.steps.flatMap((step) => step.reports)) reports.set(report.cellId, [...(reports.get(report.cellId) ?? []), report]);
  const codes = new Map<string, CellCode>();
  for (const cell of input.notebook.cells) {
    if (cell.kind !== "code" || !wanted.has(cell.id)) continue;
    const context = {
      parser: input.parser,
      logger,
      lifted,
      resolveLiteral: (finding: Parameters<LiteralRegistry["resolve"]>[0], _cellId: string, insideLifted: boolean) => registry.resolve(finding, insideLifted),
      reports: reports.get(cell.id) ?? [],
    };
    codes.set(cell.id, readCellCode(cell, context));
  }
  return codes;
}

function observedHints(input: ProjectInput, packageName: string): Map<string, string> {
  const hints = new Map<string, string>();
  const classes = new Set(input.plan.shared.classes.map((definition) => definition.name));
  for (const [step, outputs] of Object.entries(input.observedTypes ?? {})) {
    for (const [output, observed] of Object.entries(outputs)) {
      const hint = observedToHint(observed, classes, `${packageName}.common`);
      if (hint !== undefined) hints.set(`${step}.${output}`, hint);
    }
  }
  return hints;
}

/**
 * `input` names the notebook as it is; cells the plan divides are read as their parts
 * (SplitPlan `parts`), as the plan's steps list them.
 */
export function buildProject(whole: ProjectInput): BuiltProject {
  const input: ProjectInput = { ...whole, notebook: notebookWithParts(whole.notebook, whole.plan.parts), analyses: analysesWithParts(whole.analyses, whole.plan.parts) };
  const warnings: GenerationWarning[] = input.plan.warnings.map((message) => ({ code: "plan", message }));
  const packageName = packageNameFor(input.projectName, input.analyses);
  const logger = loggerName(input.notebook);
  const lifted = new Set([...input.plan.shared.functions, ...input.plan.shared.classes].map((definition) => definition.name));
  const registry = new LiteralRegistry(new Set(input.plan.params.map((param) => param.name)));
  const secretParams = externalisedParams(input, registry, warnings);
  const cells = readCells(input, lifted, registry, logger);
  for (const code of cells.values()) warnings.push(...code.warnings);
  const importsByName = importSpecsByName(input.analyses);
  const pathParams = () => registry.params();
  const context: StepContext = {
    packageName,
    logger,
    cells,
    lifted,
    importsByName,
    outputTypes: new Map(),
    paramTypes: new Map(input.plan.params.map((param) => [param.name, param.type])),
    secretParams,
    observedHints: observedHints(input, packageName),
    changedInPlace: new Map(input.analyses.map((analysis) => [analysis.cellId, new Set(analysis.mutates.map((mutation) => mutation.name))])),
    cellLabel: (cellId) => {
      const cell = input.notebook.cells.find((candidate) => candidate.id === cellId);
      return cell === undefined ? "Cell" : capitalised(cellLabelOf(cell));
    },
  };
  const steps = input.plan.steps.map((step) => buildStep(step, context)).map((step) => ({ ...step, rationale: registry.redact(step.rationale) }));
  const common = buildCommon({ packageName, logger, cells: [...cells.values()], lifted, importsByName, plannedImports: input.plan.shared.imports });
  const params = [
    ...input.plan.params.filter((param) => !secretParams.has(param.name)).map((param) => ({ name: param.name, type: param.type, value: param.value, origin: "parameters cell" as const })),
    ...pathParams(),
  ];
  const dataChecks = buildDataChecks(steps, input.observedData ?? {}, (step) => step.cellIds.map((id) => input.notebook.cells.find((cell) => cell.id === id)?.source ?? "").join("\n"));
  const dependencies = pinDependencies([...projectDependencies(steps, common?.imports ?? [], cells, input, packageName), ...dataCheckDependencies(dataChecks)], input.versions, warnings);
  const servedInput = servingInput(modelRegistration(steps), input.observedData ?? {});
  const structure: ProjectStructure = {
    notebook: input.notebookPath,
    projectName: input.projectName,
    packageName,
    pythonVersion: pythonVersion(input.versions),
    ...(input.versions?.python === undefined ? {} : { pythonRelease: input.versions.python }),
    params,
    secrets: registry.secrets(),
    steps,
    common,
    dependencies,
    dataFiles: dataFiles(input),
    excludedCells: input.plan.excluded,
    observedNumbers: input.observedNumbers ?? {},
    ...(dataChecks === undefined ? {} : { dataChecks }),
    ...(servedInput === undefined ? {} : { servingInput: servedInput }),
  };
  const programSources = secretFreeSources(input, registry);
  return { structure, warnings, secrets: { redact: (text) => registry.redactSecrets(text), programSources } };
}

/**
 * Parameters that look like credentials (by name or by value) are not params: nothing
 * writes their values; the steps read them from the environment. Env var by param name.
 */
function externalisedParams(input: ProjectInput, registry: LiteralRegistry, warnings: GenerationWarning[]): Map<string, string> {
  const secret = new Map<string, string>();
  for (const param of input.plan.params) {
    const values = Array.isArray(param.value) ? param.value : [param.value];
    if (!isSecretName(param.name) && !values.some((value) => typeof value === "string" && looksLikeCredential(value))) continue;
    const variable = registry.secret(environmentName(param.name), typeof param.value === "string" ? param.value : JSON.stringify(param.value));
    secret.set(param.name, variable);
    const cell = input.notebook.cells.find((candidate) => candidate.id === param.cellId);
    const line = cell === undefined ? undefined : lineAssigning(cell.source, param.name);
    warnings.push({
      code: "secret",
      message: `Cell ${param.cellId}${line === undefined ? "" : ` line ${line}`}: the parameter ${param.name} looks like a credential, so it is not written to params.yaml or any other file; the pipeline reads it from the environment variable ${variable}.`,
      cellId: param.cellId,
      ...(line === undefined ? {} : { line }),
    });
  }
  return secret;
}

function lineAssigning(source: string, name: string): number | undefined {
  const index = source.split("\n").findIndex((line) => line.trimStart().startsWith(name) && /^\s*[:=]/.test(line.trimStart().slice(name.length)));
  return index < 0 ? undefined : index + 1;
}

/** Code cells with credentials in them, as the notebook program (the equivalence test) runs them: read from the environment. */
function secretFreeSources(input: ProjectInput, registry: LiteralRegistry): Map<string, string> {
  const sources = new Map<string, string>();
  for (const cell of input.notebook.cells) {
    if (cell.kind !== "code") continue;
    const python = splitIpython(cell.source).python;
    const secretParamCell = input.plan.parametersCellIds.includes(cell.id);
    if (!secretParamCell && !registry.holdsSecret(python) && !mayHoldCredential(python)) continue;
    const lines = new SourceLines(python);
    const findings = findLiterals(input.parser.parseCopy(python).root, python, lines).filter((finding) => finding.kind === "secret");
    if (findings.length === 0) continue;
    let text = python;
    for (const finding of [...findings].sort((a, b) => b.node.start - a.node.start)) {
      const variable = registry.secret(finding.suggestedName, finding.value);
      text = `${text.slice(0, finding.node.start)}__import__("os").environ[${JSON.stringify(variable)}]${text.slice(finding.node.end)}`;
    }
    sources.set(cell.id, text);
  }
  return sources;
}


function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** `!pip install` lines of cells outside the pipeline still say what the notebook needs. */
function otherPipRequirements(notebook: NotebookModel, cells: ReadonlyMap<string, CellCode>): Dependency[] {
  return notebook.cells
    .filter((cell) => cell.kind === "code" && !cells.has(cell.id) && /^\s*[!%]/m.test(cell.source))
    .flatMap((cell) => splitIpython(cell.source).magics.flatMap((magic) => handleMagic(magic).requirements));
}

function projectDependencies(steps: readonly StepStructure[], commonImports: readonly ImportSpec[], cells: ReadonlyMap<string, CellCode>, input: ProjectInput, packageName: string): Dependency[] {
  // Imports nested in the steps' code (`try: import xgboost`) still name what the project needs.
  const nested = input.analyses.filter((analysis) => cells.has(analysis.cellId)).flatMap((analysis) => analysis.imports.filter((record) => record.nested === true && !record.module.startsWith(".")));
  const modules = [...steps.flatMap((step) => [...step.imports, ...step.typeImports]), ...commonImports, ...nested].map((spec) => spec.module).filter((module) => module.split(".")[0] !== packageName);
  const pip = [...[...cells.values()].flatMap((code) => code.requirements), ...otherPipRequirements(input.notebook, cells)];
  const runtime = RUNTIME_DISTRIBUTIONS.map((name): Dependency => ({ name, reason: "runtime" }));
  return [...importDependencies(modules), ...pip, ...runtime];
}

/** What data_checks.py imports: pandera (with pandas) for frames and series, numpy for arrays. */
function dataCheckDependencies(checks: DataCheckStructure | undefined): Dependency[] {
  const needs = dataCheckLibraries(checks);
  const names = [...(needs.pandera ? ["pandas", "pandera"] : []), ...(needs.numpy ? ["numpy"] : [])];
  return names.map((name): Dependency => ({ name, reason: "runtime" }));
}

function pythonVersion(versions: InterpreterVersions | undefined): string {
  const match = /^(\d+)\.(\d+)/.exec(versions?.python ?? "");
  const minor = match === null ? 11 : Math.max(11, Number(match[2]));
  return `3.${minor}`;
}

function dataFiles(input: ProjectInput): string[] {
  const inPipeline = new Set(input.plan.steps.flatMap((step) => step.cellIds));
  const paths = input.analyses.filter((analysis) => inPipeline.has(analysis.cellId)).flatMap((analysis) => analysis.fileReads.map((access) => access.path));
  return [...new Set(paths.filter((path) => !/^[a-z]+:\/\//i.test(path) && !path.startsWith("/") && !/^[A-Za-z]:/.test(path)))].sort();
}
