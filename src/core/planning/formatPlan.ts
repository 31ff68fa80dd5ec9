// The readable form of a plan, printed by `nb2prod plan <notebook>`: what the steps are,
// why, what they pass to each other, what is left out and why.
import type { ParamValue, PlanImport, PlanStep, SplitPlan, StepReport } from "./splitPlan";

const BOUNDARIES: Readonly<Record<SplitPlan["boundaries"], string>> = {
  markers: "Steps start at the step markers in the notebook (nb2prod metadata or Kale tags), and where the stage changes.",
  headings: "Steps start where the notebook's stage changes, at a heading where one is near; headings name the steps.",
  stages: "The notebook has no step markers or headings, so steps start where its stage changes.",
};

export function formatPlan(plan: SplitPlan, title?: string): string {
  const number = cellNumbering(plan);
  const lines = [
    `${title === undefined ? "Plan" : `Plan for ${title}`}: ${count(plan.steps.length, "step")}, ` +
      `${count(plan.excluded.length, "cell")} left out, ${count(plan.params.length, "param")}.`,
    BOUNDARIES[plan.boundaries],
    ...paramsSection(plan, number),
    ...sharedSection(plan, number),
    "",
    "Steps:",
    ...plan.steps.flatMap((step, index) => stepLines(step, index, number)),
    ...section(
      "Cells divided between steps (at top-level statements):",
      plan.parts.map((part) => `  ${number(part.id)}: ${stepsOf(plan, part.id).join(", ")}`),
    ),
    ...section("Left out:", plan.excluded.map((entry) => `  ${number(entry.cellId)}: ${entry.reason}`)),
    ...section(
      "Cell stages:",
      plan.cellStages.map((cell) => `  ${`cell ${cell.index + 1}`.padEnd(9)} ${cell.stage.padEnd(13)} ${cell.because}`),
    ),
    ...section("Warnings:", plan.warnings.map((warning) => `  - ${warning}`)),
  ];
  return `${lines.join("\n")}\n`;
}

/** `cell 7`, or `cell 7 (lines 4–9)` for a part of a divided cell. */
function cellNumbering(plan: SplitPlan): (cellId: string) => string {
  const byId = new Map(plan.cellStages.map((cell) => [cell.cellId, cell.index + 1]));
  const parts = new Map(plan.parts.map((part) => [part.id, part]));
  return (cellId) => {
    const found = byId.get(cellId);
    const part = parts.get(cellId);
    const base = found === undefined ? `cell ${cellId}` : `cell ${found}`;
    return part === undefined ? base : `${base} (lines ${part.fromLine}–${part.toLine})`;
  };
}

function stepsOf(plan: SplitPlan, cellId: string): string[] {
  return plan.steps.filter((step) => step.cellIds.includes(cellId)).map((step) => `step ${step.name}`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function section(heading: string, body: readonly string[]): string[] {
  return body.length === 0 ? [] : ["", heading, ...body];
}

function paramsSection(plan: SplitPlan, number: (cellId: string) => string): string[] {
  const cells = plan.parametersCellIds.map(number).join(", ");
  return section(
    `Params${cells === "" ? "" : ` (from ${cells})`}:`,
    plan.params.map((param) => `  ${param.name}: ${param.type} = ${pythonValue(param.value, param.type)}`),
  );
}

/** A param value as Python writes it: `True`, `1.0` for a float, `["a", "b"]`. */
function pythonValue(value: ParamValue, type: string): string {
  if (Array.isArray(value)) {
    const itemType = /^list\[(.*)\]$/.exec(type)?.[1] ?? "";
    return `[${value.map((item) => pythonValue(item, itemType)).join(", ")}]`;
  }
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return type === "float" && Number.isInteger(value) ? value.toFixed(1) : String(value);
  return JSON.stringify(value);
}

function sharedSection(plan: SplitPlan, number: (cellId: string) => string): string[] {
  const { functions, classes, constants, imports, cellIds } = plan.shared;
  const definitions = (list: readonly { name: string; cellId: string }[]): string =>
    list.map((definition) => `${definition.name} (${number(definition.cellId)})`).join(", ");
  return section("Shared module:", [
    ...(functions.length > 0 ? [`  functions: ${definitions(functions)}`] : []),
    ...(classes.length > 0 ? [`  classes: ${definitions(classes)}`] : []),
    ...(constants.length > 0 ? [`  constants: ${definitions(constants)}`] : []),
    ...(imports.length > 0 ? [`  imports: ${imports.map(importStatement).join("; ")}`] : []),
    ...(cellIds.length > 0 ? [`  cells shared as a whole: ${cellIds.map(number).join(", ")}`] : []),
  ]);
}

function stepLines(step: PlanStep, index: number, number: (cellId: string) => string): string[] {
  const takes = step.inputs.map((input) => {
    const from = "fromStep" in input ? `from ${input.fromStep}` : "param";
    return `${input.name}${input.typeHint === undefined ? "" : `: ${input.typeHint}`} (${from})`;
  });
  const gives = step.outputs.map((output) => `${output.name}${output.typeHint === undefined ? "" : `: ${output.typeHint}`}`);
  return [
    `  ${index + 1}. ${step.name} [${step.stage}] ${step.cellIds.map(number).join(", ")}`,
    `     ${step.rationale}`,
    ...(takes.length > 0 ? [`     takes: ${takes.join(", ")}`] : []),
    ...(gives.length > 0 ? [`     hands on: ${gives.join(", ")}`] : []),
    ...(step.reports.length > 0 ? [`     keeps: ${step.reports.map((report) => reportText(report, number)).join(", ")}`] : []),
    ...(step.imports.length > 0 ? [`     imports: ${step.imports.map(importStatement).join("; ")}`] : []),
  ];
}

function reportText(report: StepReport, number: (cellId: string) => string): string {
  return report.kind === "figures" ? `figures of ${number(report.cellId)}` : `${report.name} = ${report.expression ?? report.name} (${number(report.cellId)}, line ${report.line})`;
}

export function importStatement(record: PlanImport): string {
  const alias = record.alias === undefined ? "" : ` as ${record.alias}`;
  return record.name === undefined ? `import ${record.module}${alias}` : `from ${record.module} import ${record.name}${alias}`;
}
