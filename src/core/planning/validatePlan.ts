// The invariants every SplitPlan must keep, checked against the notebook and its
// dataflow. Returns the problems in plain words; an empty list means the plan is valid.
import type { Dataflow } from "../analysis/dataflowTypes";
import type { PlanningView } from "./planningView";
import { planningView } from "./planningView";
import type { NotebookModel } from "../notebook/notebookModel";
import { boundName } from "./importIndex";
import type { SplitPlan } from "./splitPlan";
import { splitPlanSchema } from "./splitPlan";
import { pythonNameProblem, stepNameProblem } from "./stepName";

export type PlanProblemKind = "schema" | "cell-placement" | "input-source" | "dataflow-order" | "name";

export interface PlanProblem {
  readonly kind: PlanProblemKind;
  readonly message: string;
}

/** `whole`: the notebook as it is, its analyses and dataflow; divided cells are checked through the plan's parts. */
export function validatePlan(plan: SplitPlan, whole: PlanningView): PlanProblem[] {
  const parsed = splitPlanSchema.safeParse(plan);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ kind: "schema", message: `${issue.path.map(String).join(".") || "plan"}: ${issue.message}` }));
  }
  const divided = partProblems(plan, whole.notebook);
  if (divided.length > 0) return divided;
  const { notebook, dataflow } = planningView(whole, plan.parts);
  return [...placementProblems(plan, notebook), ...nameProblems(plan), ...inputProblems(plan), ...dataflowProblems(plan, dataflow)];
}

/** Parts name code cells and cover each divided cell in order, without overlap. */
function partProblems(plan: SplitPlan, notebook: NotebookModel): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const cells = new Map(notebook.cells.filter((cell) => cell.kind === "code").map((cell) => [cell.id, cell]));
  const byCell = new Map<string, SplitPlan["parts"]>();
  for (const part of plan.parts) byCell.set(part.cellId, [...(byCell.get(part.cellId) ?? []), part]);
  const ids = new Set<string>();
  for (const [cellId, parts] of byCell) {
    const cell = cells.get(cellId);
    if (cell === undefined) {
      problems.push({ kind: "cell-placement", message: `The plan divides cell ${cellId}, which is not a code cell of the notebook.` });
      continue;
    }
    const lines = cell.source.split("\n").length;
    let next = 1;
    for (const part of [...parts].sort((a, b) => a.fromLine - b.fromLine)) {
      if (ids.has(part.id) || cells.has(part.id)) problems.push({ kind: "cell-placement", message: `The part id ${part.id} is used twice.` });
      ids.add(part.id);
      if (part.fromLine !== next || part.toLine < part.fromLine || part.toLine > lines) {
        problems.push({ kind: "cell-placement", message: `The parts of cell ${cell.index + 1} must cover its lines 1–${lines} in order without overlap; ${part.id} has lines ${part.fromLine}–${part.toLine}.` });
      }
      next = part.toLine + 1;
    }
    if (next !== lines + 1) problems.push({ kind: "cell-placement", message: `The parts of cell ${cell.index + 1} leave its lines ${next}–${lines} out.` });
  }
  return problems;
}

/** Every code cell is in exactly one step, or left out, or shared, or a parameters cell. */
function placementProblems(plan: SplitPlan, notebook: NotebookModel): PlanProblem[] {
  const places = new Map<string, string[]>();
  const place = (cellId: string, where: string): void => {
    const list = places.get(cellId);
    if (list === undefined) places.set(cellId, [where]);
    else list.push(where);
  };
  for (const step of plan.steps) for (const cellId of step.cellIds) place(cellId, `step ${step.name}`);
  for (const entry of plan.excluded) place(entry.cellId, "the left-out cells");
  for (const cellId of plan.shared.cellIds) place(cellId, "the shared cells");
  for (const cellId of plan.parametersCellIds) place(cellId, "the parameters cells");
  const problems: PlanProblem[] = [];
  const codeCells = new Set<string>();
  for (const cell of notebook.cells) {
    if (cell.kind !== "code") continue;
    codeCells.add(cell.id);
    const where = places.get(cell.id) ?? [];
    if (where.length === 0) problems.push({ kind: "cell-placement", message: `Code cell ${cell.index + 1} (${cell.id}) is in no step and not left out.` });
    if (where.length > 1) problems.push({ kind: "cell-placement", message: `Code cell ${cell.index + 1} (${cell.id}) is placed twice: in ${where.join(" and in ")}.` });
  }
  for (const cellId of places.keys()) {
    if (!codeCells.has(cellId)) problems.push({ kind: "cell-placement", message: `The plan names cell ${cellId}, which is not a code cell of the notebook.` });
  }
  return problems;
}

function nameProblems(plan: SplitPlan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const report = (message: string): void => {
    problems.push({ kind: "name", message });
  };
  for (const name of duplicates(plan.steps.map((step) => step.name))) report(`Two steps are named ${name}.`);
  for (const name of duplicates(plan.params.map((param) => param.name))) report(`Two params are named ${name}.`);
  for (const step of plan.steps) {
    const problem = stepNameProblem(step.name);
    if (problem !== undefined) report(`Step name ${JSON.stringify(step.name)}: ${problem}`);
    for (const name of duplicates(step.inputs.map((input) => input.name))) report(`Step ${step.name} takes ${name} twice.`);
    for (const name of duplicates(step.outputs.map((output) => output.name))) report(`Step ${step.name} hands on ${name} twice.`);
    for (const value of [...step.inputs, ...step.outputs]) {
      const valueProblem = pythonNameProblem(value.name);
      if (valueProblem !== undefined) report(`Step ${step.name}: ${valueProblem}`);
    }
  }
  for (const param of plan.params) {
    const problem = pythonNameProblem(param.name);
    if (problem !== undefined) report(`Param: ${problem}`);
    if (!PARAM_TYPE.test(param.type)) report(`Param ${param.name}: the type ${JSON.stringify(param.type)} is not int, float, str, bool or a list of them.`);
  }
  // Everything below is written into Python code as it is: names, modules and type hints only.
  for (const step of plan.steps) {
    for (const value of [...step.inputs, ...step.outputs]) {
      if (value.typeHint !== undefined && !TYPE_HINT.test(value.typeHint)) report(`Step ${step.name}: the type hint ${JSON.stringify(value.typeHint)} of ${value.name} is not a Python type.`);
    }
    for (const kept of step.reports) {
      const problem = pythonNameProblem(kept.name);
      if (problem !== undefined) report(`Step ${step.name}, report: ${problem}`);
    }
    for (const spec of step.imports) importProblems(`Step ${step.name}`, spec).forEach(report);
  }
  for (const spec of plan.shared.imports) importProblems("The shared module", spec).forEach(report);
  for (const definition of [...plan.shared.functions, ...plan.shared.classes, ...plan.shared.constants]) {
    const problem = pythonNameProblem(definition.name);
    if (problem !== undefined) report(`Shared definition: ${problem}`);
  }
  return problems;
}

const PARAM_TYPE = /^(?:int|float|str|bool|list(?:\[(?:int|float|str|bool|list(?:\[[a-z[\]]+\])?)\])?)$/;
/** Dotted names with subscripts, unions and commas: `pandas.DataFrame`, `list[int] | None`. */
const TYPE_HINT = /^[A-Za-z_][\w.]*(?:[[\], |]+[A-Za-z_][\w.]*)*[\]]*$/;
const MODULE = /^\.*(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?$/;

function importProblems(where: string, spec: { readonly module: string; readonly name?: string | undefined; readonly alias?: string | undefined }): string[] {
  const problems: string[] = [];
  if (!MODULE.test(spec.module) || (/^\.*$/.test(spec.module) && spec.name === undefined)) problems.push(`${where}: ${JSON.stringify(spec.module)} is not a module name.`);
  if (spec.name !== undefined && spec.name !== "*" && pythonNameProblem(spec.name) !== undefined) problems.push(`${where}: ${JSON.stringify(spec.name)} is not a name to import.`);
  if (spec.alias !== undefined && pythonNameProblem(spec.alias) !== undefined) problems.push(`${where}: ${JSON.stringify(spec.alias)} is not a name to import as.`);
  return problems;
}

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return [...repeated];
}

/** Every input is an output of an earlier step, or a param. */
function inputProblems(plan: SplitPlan): PlanProblem[] {
  const stepIndex = new Map(plan.steps.map((step, index) => [step.name, index]));
  const params = new Set(plan.params.map((param) => param.name));
  return plan.steps.flatMap((step, index) =>
    step.inputs.flatMap((input): PlanProblem[] => {
      if ("param" in input) {
        return params.has(input.param) ? [] : [{ kind: "input-source", message: `Step ${step.name} takes ${input.name} from param ${input.param}, which the plan does not define.` }];
      }
      const from = stepIndex.get(input.fromStep);
      const source = from === undefined ? undefined : plan.steps[from];
      if (from === undefined || source === undefined) return [{ kind: "input-source", message: `Step ${step.name} takes ${input.name} from ${input.fromStep}, which is not a step of the plan.` }];
      if (from >= index) return [{ kind: "input-source", message: `Step ${step.name} takes ${input.name} from ${input.fromStep}, which does not come before it.` }];
      if (!source.outputs.some((output) => output.name === input.name)) {
        return [{ kind: "input-source", message: `Step ${step.name} takes ${input.name} from ${input.fromStep}, which does not hand it on.` }];
      }
      return [];
    }),
  );
}

/** Each def-use edge between cells goes forward in step order, and crosses steps only as an input. */
function dataflowProblems(plan: SplitPlan, dataflow: Pick<Dataflow, "edges">): PlanProblem[] {
  const stepOfCell = new Map(plan.steps.flatMap((step, index) => step.cellIds.map((cellId) => [cellId, index] as const)));
  const outside = new Set([...plan.excluded.map((entry) => entry.cellId), ...plan.parametersCellIds]);
  const lifted = new Set([...plan.shared.functions, ...plan.shared.classes, ...plan.shared.constants].map((definition) => definition.name));
  const problems: PlanProblem[] = [];
  for (const edge of dataflow.edges) {
    const to = stepOfCell.get(edge.to);
    const reader = to === undefined ? undefined : plan.steps[to];
    if (to === undefined || reader === undefined) continue;
    const from = stepOfCell.get(edge.from);
    const provided =
      lifted.has(edge.name) ||
      reader.inputs.some((input) => input.name === edge.name) ||
      reader.imports.some((record) => boundName(record) === edge.name);
    if (from !== undefined && from > to) {
      problems.push({ kind: "dataflow-order", message: `Step ${reader.name} reads ${edge.name} from step ${plan.steps[from]?.name ?? ""}, which comes after it.` });
    } else if (from !== undefined && from < to && !provided) {
      problems.push({ kind: "dataflow-order", message: `Step ${reader.name} reads ${edge.name} from an earlier step but does not take it as an input.` });
    } else if (outside.has(edge.from) && !provided) {
      problems.push({ kind: "dataflow-order", message: `Step ${reader.name} reads ${edge.name} from cell ${edge.from}, which is in no step, and no input provides it.` });
    }
  }
  return problems;
}
