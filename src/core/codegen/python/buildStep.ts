// A plan step and its cells' code → the StepStructure its printer needs: which pieces
// stay in the function, which imports they use, the typed inputs and outputs.
import type { PlanStep, StepReport } from "../../planning/splitPlan";
import type { Binding } from "./cells/bindings";
import type { CodePiece } from "./cells/codePiece";
import type { CellCode } from "./cells/readCellCode";
import type { ImportSpec } from "./importBlock";
import { metricCallee } from "./metricOutputs";
import { DRAWING_CALL } from "../../planning/stageRules";
import { fixStepBody } from "./stepBodyFixes";
import { isSecretName } from "./cells/secretNames";
import { ASSERT_FUNCTION } from "./cells/assertEdits";
import { pascalCase } from "./pythonText";
import type { CellBlock, StepInputStructure, StepStructure, TypedName } from "./structures";
import type { TypeRef } from "./typeRefs";
import { UNKNOWN_STATICALLY, anyType, resolveTypeHint } from "./typeRefs";

export interface StepContext {
  readonly packageName: string;
  readonly logger: string;
  readonly cells: ReadonlyMap<string, CellCode>;
  readonly lifted: ReadonlySet<string>;
  /** Every import of the notebook by the name it binds; the plan's step imports win. */
  readonly importsByName: ReadonlyMap<string, ImportSpec>;
  /** Output types already resolved for earlier steps: `step.output` → type. */
  readonly outputTypes: Map<string, TypeRef>;
  readonly paramTypes: ReadonlyMap<string, string>;
  /** Params that hold credentials, by name: read from this environment variable, never passed. */
  readonly secretParams: ReadonlyMap<string, string>;
  /** Observed runtime type hints by `step.output`, already made public. */
  readonly observedHints: ReadonlyMap<string, string>;
  /** Names each cell changes in place (`model.fit(...)`, `xs.append(...)`), by cell id. */
  readonly changedInPlace: ReadonlyMap<string, ReadonlySet<string>>;
  /** How comments name a cell or part: `Cell 7`, `Cell 15, lines 3–5`. */
  readonly cellLabel: (cellId: string) => string;
}

export function buildStep(step: PlanStep, context: StepContext): StepStructure {
  const figures = step.reports.filter((report) => report.kind === "figures");
  const kept = withSecretParams(step, step.cellIds.map((cellId) => keptBlock(cellId, context, figures)), context);
  const pieces = kept.flatMap((block) => block.pieces);
  const needs = new Set(pieces.flatMap((piece) => [...piece.needs]));
  const inputs = stepInputs(step, needs, context);
  const placed = new Set(step.cellIds.flatMap((cellId) => (context.cells.get(cellId)?.reports ?? []).map((report) => report.name)));
  const reports = step.reports.filter((report) => report.kind === "figures" || placed.has(report.name));
  const outputs = stepOutputs(step, pieces, reports, context);
  for (const output of outputs) context.outputTypes.set(`${step.name}.${output.name}`, output.type);
  const fixed = fixStepBody({ pieces, parameters: new Set(inputs.map((input) => input.name)), returned: new Set(outputs.map((output) => output.name)) });
  const blocks = regroup(kept, fixed.pieces);
  const imports = [...stepImports(step, pieces, inputs, needs, context), ...(fixed.usesAny ? [{ module: "typing", name: "Any" }] : []), ...(figures.length > 0 ? [{ module: `${context.packageName}.figures`, name: "take_figures" }] : [])];
  const typeImports = [...inputs, ...outputs].flatMap((field) => field.type.imports);
  return {
    name: step.name,
    stage: step.stage,
    rationale: step.rationale,
    cellIds: step.cellIds,
    outputsClass: `${pascalCase(step.name)}Outputs`,
    inputs,
    aliases: inputs.filter((input) => input.param !== undefined && input.param !== input.name).map((input) => ({ name: input.name, param: input.param ?? "" })),
    outputs,
    requiredOutputs: step.outputs.map((output) => output.name),
    imports,
    typeImports,
    ...(needs.has("logger") ? { logger: context.logger } : {}),
    cells: blocks.map((block) => ({ cellId: block.cellId, label: context.cellLabel(block.cellId), pieces: block.pieces })),
    reports: reports.map((report) => ({ name: report.name, kind: report.kind, cellId: report.cellId, line: report.line, ...(report.expression !== undefined ? { expression: report.expression } : {}) })),
  };
}

interface KeptBlock extends CellBlock {
  readonly pieces: readonly CodePiece[];
}

function regroup(blocks: readonly KeptBlock[], pieces: readonly CodePiece[]): KeptBlock[] {
  let next = 0;
  return blocks.map((block) => {
    const own = pieces.slice(next, next + block.pieces.length);
    next += block.pieces.length;
    return { cellId: block.cellId, pieces: own };
  });
}

function keptBlock(cellId: string, context: StepContext, figures: readonly StepReport[]): KeptBlock {
  const code = context.cells.get(cellId);
  const pieces = (code?.pieces ?? []).filter((piece) => !(piece.kind === "definition" && context.lifted.has(piece.name ?? "")));
  return { cellId, pieces: [...pieces, ...figures.filter((report) => report.cellId === cellId).map(figuresPiece)] };
}

/** The figures a cell drew, taken when the cell ends, as Jupyter's inline backend shows and closes them. */
function figuresPiece(report: StepReport): CodePiece {
  const text = `${report.name} = take_figures()`;
  return {
    kind: "code",
    lines: [text],
    rawLines: new Set(),
    blankBefore: true,
    names: new Set([report.name, "take_figures"]),
    loads: new Set(["take_figures"]),
    needs: new Set(),
    bindings: [{ name: report.name, simple: true, value: "take_figures()", assigned: true, offset: 0, pieceLine: 0 }],
    line: report.line,
  };
}

/** A credential param the step reads is read from the environment where the step starts. */
function withSecretParams(step: PlanStep, blocks: KeptBlock[], context: StepContext): KeptBlock[] {
  const first = blocks[0];
  const reads = step.inputs.flatMap((input) => {
    const variable = "param" in input ? context.secretParams.get(input.param) : undefined;
    return variable === undefined ? [] : [secretPiece(input.name, variable)];
  });
  if (first === undefined || reads.length === 0) return blocks;
  return [{ cellId: first.cellId, pieces: [...reads, ...first.pieces] }, ...blocks.slice(1)];
}

function secretPiece(name: string, variable: string): CodePiece {
  const value = `read_secret(${JSON.stringify(variable)})`;
  return {
    kind: "code",
    lines: [`${name} = ${value}`],
    rawLines: new Set(),
    blankBefore: false,
    names: new Set([name, "read_secret"]),
    loads: new Set(["read_secret"]),
    needs: new Set(["secret"]),
    bindings: [{ name, simple: true, value, assigned: true, offset: 0, pieceLine: 0 }],
    line: 1,
  };
}

function stepInputs(step: PlanStep, needs: ReadonlySet<string>, context: StepContext): StepInputStructure[] {
  const inputs: StepInputStructure[] = step.inputs.filter((input) => !("param" in input && context.secretParams.has(input.param))).map((input) => {
    if ("param" in input) return { name: input.name, param: input.param, type: resolveTypeHint(context.paramTypes.get(input.param) ?? input.typeHint) };
    const type = context.outputTypes.get(`${input.fromStep}.${input.name}`) ?? resolveTypeHint(input.typeHint);
    return { name: input.name, fromStep: input.fromStep, type };
  });
  const known = new Set(inputs.map((input) => input.param ?? input.name));
  for (const need of [...needs].sort()) {
    const param = need.startsWith("param:") ? need.slice("param:".length) : undefined;
    if (param === undefined || known.has(param)) continue;
    known.add(param);
    inputs.push({ name: param, param, type: resolveTypeHint(context.paramTypes.get(param) ?? "str") });
  }
  return inputs;
}

function lastBinding(pieces: readonly CodePiece[], name: string): Binding | undefined {
  let last: Binding | undefined;
  for (const piece of pieces) for (const binding of piece.bindings) if (binding.name === name) last = binding;
  return last;
}

function outputType(step: PlanStep, name: string, hint: string | undefined, pieces: readonly CodePiece[], context: StepContext): TypeRef {
  const observed = context.observedHints.get(`${step.name}.${name}`);
  if (observed !== undefined) return resolveTypeHint(observed);
  const binding = lastBinding(pieces, name);
  if (hint !== undefined && binding?.simple === true) return resolveTypeHint(hint);
  const callee = binding === undefined ? undefined : metricCallee(binding);
  const source = callee === undefined ? undefined : context.importsByName.get(callee.split(".")[0] ?? "");
  if (source !== undefined && `${source.module}.${source.name ?? ""}`.startsWith("sklearn.metrics")) return resolveTypeHint("float");
  if (hint !== undefined) return anyType(`the hint ${hint} is not certain: ${name} is rebound in a loop, branch or unpacking`);
  return anyType(UNKNOWN_STATICALLY);
}

/**
 * The plan's outputs (what later steps read), then values the step computes that no later
 * step reads: an evaluation step's metrics, any plain `name = value` whose name is read
 * nowhere in the step (the notebook displayed it, or it was a final result), and any plain
 * `name = value` the step then changes in place (a model it fits, a list it fills).
 * Returning them keeps them as artifacts and lets `verify` compare them.
 */
function stepOutputs(step: PlanStep, pieces: readonly CodePiece[], reports: readonly StepReport[], context: StepContext): TypedName[] {
  const outputs = step.outputs.map((output) => ({ name: output.name, type: outputType(step, output.name, output.typeHint, pieces, context) }));
  const names = new Set(outputs.map((output) => output.name));
  for (const report of reports) {
    if (names.has(report.name)) continue;
    names.add(report.name);
    outputs.push({ name: report.name, type: reportType(step, report, pieces, context) });
  }
  const loaded = new Set(pieces.flatMap((piece) => [...piece.loads]));
  const changed = new Set(step.cellIds.flatMap((cellId) => [...(context.changedInPlace.get(cellId) ?? [])]));
  for (const piece of pieces) {
    for (const binding of piece.bindings) {
      if (names.has(binding.name) || binding.name.startsWith("_") || lastBinding(pieces, binding.name) !== binding) continue;
      const metric = step.stage === "evaluation" && metricCallee(binding) !== undefined;
      // What a drawing call returns (a Legend, Line2D list) is part of a figure, kept as a picture instead.
      const finalResult = binding.simple && (!loaded.has(binding.name) || changed.has(binding.name)) && !DRAWING_CALL.test(binding.value ?? "");
      if (!metric && !finalResult) continue;
      // A credential read from the environment is never returned: artifacts are files.
      if (piece.needs.has("secret") || isSecretName(binding.name)) continue;
      names.add(binding.name);
      outputs.push({ name: binding.name, type: outputType(step, binding.name, undefined, pieces, context) });
    }
  }
  return outputs;
}

const WRITTEN_FILE_TYPE: TypeRef = { annotation: "pathlib.Path", imports: [{ module: "pathlib" }], runtimeClass: { module: "pathlib", name: "Path" } };
const FIGURES_TYPE: TypeRef = { annotation: "list[Figure]", imports: [{ module: "matplotlib.figure", name: "Figure" }], runtimeClass: { module: "builtins", name: "list" } };

/** Figures are lists of matplotlib figures; a shown value is typed like any output (a metric call: float). */
function reportType(step: PlanStep, report: StepReport, pieces: readonly CodePiece[], context: StepContext): TypeRef {
  if (report.kind === "figures") return FIGURES_TYPE;
  if (report.kind === "file") return WRITTEN_FILE_TYPE;
  // A variable kept under its own name is typed by its own binding in the step.
  if (report.expression === undefined || report.expression === report.name) return outputType(step, report.name, undefined, pieces, context);
  const binding: Binding = { name: report.name, simple: true, value: report.expression, assigned: true, offset: 0 };
  return outputType(step, report.name, undefined, [...pieces, { ...EMPTY_PIECE, bindings: [binding] }], context);
}

const EMPTY_PIECE: CodePiece = { kind: "code", lines: [], rawLines: new Set(), blankBefore: false, names: new Set(), loads: new Set(), needs: new Set(), bindings: [], line: 1 };

function stepImports(step: PlanStep, pieces: readonly CodePiece[], inputs: readonly StepInputStructure[], needs: ReadonlySet<string>, context: StepContext): ImportSpec[] {
  const used = new Set(pieces.flatMap((piece) => [...piece.names]));
  const bound = new Set(pieces.flatMap((piece) => piece.bindings.map((binding) => binding.name)));
  for (const input of inputs) bound.add(input.name);
  const planned = new Map(step.imports.map((spec) => [spec.alias ?? (spec.name === "*" ? "" : spec.name) ?? spec.module.split(".")[0] ?? "", spec]));
  const imports: ImportSpec[] = [];
  for (const name of [...used].sort()) {
    if (bound.has(name)) continue;
    const spec = planned.get(name) ?? context.importsByName.get(name);
    if (spec !== undefined) imports.push(spec);
    else if (context.lifted.has(name)) imports.push({ module: `${context.packageName}.common`, name });
  }
  if (needs.has("secret")) imports.push({ module: `${context.packageName}.params`, name: "read_secret" });
  if (needs.has("assert")) imports.push({ module: `${context.packageName}.checks`, name: ASSERT_FUNCTION });
  if (needs.has("pathlib")) imports.push({ module: "pathlib" });
  return imports;
}
