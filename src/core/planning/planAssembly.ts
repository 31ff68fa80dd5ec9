// Turns the planner's working structures into the parts of a SplitPlan: named steps with
// their inputs, outputs, imports and rationale, and the shared module.
import type { ImportRecord } from "../analysis/cellAnalysis";
import type { CellFacts } from "./cellFacts";
import { identifiersIn } from "./cellScan";
import type { CellRole } from "./cellRoles";
import type { ImportIndex, ImportUse } from "./importIndex";
import { BUILTIN_NAMES } from "../analysis/python/pythonBuiltins";
import { stepRationale } from "./rationale";
import type { RationaleInput } from "./rationale";
import { remembered, sameItems, StepMemo } from "./stepMemo";
import { stepReports } from "./stepReports";
import type { Definition } from "./sharedCode";
import type { PlanImport, PlanStep, SplitPlan, StepReport } from "./splitPlan";
import type { ClassifiedCell } from "./stageClassifier";
import type { Stage } from "./stages";
import type { GroupOrigin, StepGroup } from "./stepGroups";
import { groupStage } from "./stepGroups";
import type { MissingValue, StepIo, StepOutput } from "./stepIo";
import { uniqueStepName } from "./stepName";

interface NamedGroup {
  readonly name: string;
  readonly stage: Stage;
  readonly positions: readonly number[];
  readonly origin: GroupOrigin;
  readonly section?: string;
}

type IoComputer = (steps: readonly NamedGroup[]) => { io: StepIo[]; missing: MissingValue[] };

/**
 * Steps drawn from groups, with what they take and hand on. What a step keeps for people
 * (its reports) and its rationale are worked out when asked for: the planner first asks
 * only whether each step produces something, and builds the steps of the final groups.
 */
export interface AssembledSteps {
  readonly count: number;
  readonly missing: MissingValue[];
  /** Whether step `index` leaves something a user can find (see producesSomething). */
  producesSomething(index: number): boolean;
  /** The stage step `index` is labelled with. */
  stageOf(index: number): PlanStep["stage"];
  /** The steps, with their rationale. */
  steps(): PlanStep[];
}

export function buildSteps(
  groups: readonly StepGroup[],
  context: { readonly facts: readonly CellFacts[]; readonly classified: readonly ClassifiedCell[] },
  computeIo: IoComputer,
): AssembledSteps {
  const named = nameGroups(groups, context);
  const { io, missing } = computeIo(named);
  const reports: (StepReport[] | undefined)[] = [];
  const cellsOf = (index: number): (CellFacts | undefined)[] => (named[index]?.positions ?? []).map((position) => context.facts[position]);
  const reportsOf = (index: number): StepReport[] => {
    const known = reports[index];
    if (known !== undefined) return known;
    const stepIo = io[index];
    const made = reportsOfStep(named[index]?.positions ?? [], () => (stepIo === undefined ? undefined : ioNames(stepIo)), context.facts);
    reports[index] = made;
    return made;
  };
  const stageOf = (index: number): PlanStep["stage"] => planStage(named[index]?.stage);
  const steps = (): PlanStep[] =>
    named.map((group, index): PlanStep => {
      const { inputs = [], outputs = [], imports = [] } = io[index] ?? {};
      const kept = reportsOf(index);
      const cells = cellsOf(index);
      const rationaleInput: RationaleInput = {
        origin: group.origin,
        section: group.section,
        stage: group.stage,
        cells,
        classified: group.positions.map((position) => context.classified[position]),
        inputs,
        outputs,
        reports: kept,
      };
      return {
        name: group.name,
        stage: stageOf(index),
        cellIds: group.positions.map((position) => context.facts[position]?.cell.id ?? ""),
        inputs,
        outputs,
        imports: imports.map((use) => planImport(use.record)),
        reports: kept,
        rationale: RATIONALES.get(cells, rationaleInput, () => stepRationale(rationaleInput)),
      };
    });
  return {
    count: named.length,
    missing,
    producesSomething: (index) => producesSomething({ outputs: io[index]?.outputs ?? [], reports: () => reportsOf(index) }, named[index]?.positions ?? [], context.facts),
    stageOf,
    steps,
  };
}

/** What the planner asks of each step it drew before it merges the empty ones into their neighbours. */
export interface ProbedSteps {
  stageOf(index: number): PlanStep["stage"];
  producesSomething(index: number): boolean;
}

/**
 * The stage of each group and whether it leaves something a user can find, from the
 * names the groups pass (not their types or imports) and without naming them: the same
 * answers buildSteps gives, for less work, since most groupings change once empty steps
 * merge and are then built in full.
 */
export function probeSteps(
  groups: readonly StepGroup[],
  context: { readonly facts: readonly CellFacts[]; readonly classified: readonly ClassifiedCell[] },
  valueNames: (groups: readonly { readonly positions: readonly number[]; readonly stage: Stage }[]) => readonly IoNames[],
): ProbedSteps {
  const staged = groups.map((group) => ({ positions: group.positions, stage: groupStage(context, group.positions) }));
  const names = valueNames(staged);
  return {
    stageOf: (index) => planStage(staged[index]?.stage),
    producesSomething: (index) => {
      const positions = staged[index]?.positions ?? [];
      const stepNames = names[index];
      return producesSomething({ outputs: stepNames?.outputs ?? [], reports: () => reportsOfStep(positions, () => stepNames, context.facts) }, positions, context.facts);
    },
  };
}

/** A step's stage as a plan names it: cells left out are not steps, so "exploration" is read as preprocessing. */
function planStage(stage: Stage | undefined): PlanStep["stage"] {
  return stage === undefined || stage === "exploration" ? "preprocessing" : stage;
}

/** The names a step takes and hands on: all its reports depend on besides its cells. */
interface IoNames {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

function ioNames(io: StepIo): IoNames {
  return { inputs: io.inputs.map((input) => input.name), outputs: io.outputs.map((output) => output.name) };
}

function reportsOfStep(positions: readonly number[], namesOf: () => IoNames | undefined, facts: readonly CellFacts[]): StepReport[] {
  // Most steps show, draw and write nothing: no need to look up what they keep, or to list their names.
  if (!positions.some((position) => keepsReports(facts[position]))) return [];
  const names = namesOf();
  return REPORTS.get(
    positions.map((position) => facts[position]),
    names,
    () => keptReports(positions, names, facts),
  );
}

/** Reports and rationales of the steps of earlier plans (see stepMemo.ts). */
const REPORTS = new StepMemo<IoNames | undefined, StepReport[]>(sameIoNames);
const RATIONALES = new StepMemo<RationaleInput, string>(sameRationaleInput);

/** What a step's reports depend on besides its cells: the names it takes and hands on. */
function sameIoNames(a: IoNames | undefined, b: IoNames | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return sameItems(a.inputs, b.inputs) && sameItems(a.outputs, b.outputs);
}

/** What a rationale depends on besides the step's cells, which StepMemo compares. */
function sameRationaleInput(a: RationaleInput, b: RationaleInput): boolean {
  return (
    a.stage === b.stage &&
    a.section === b.section &&
    sameOrigin(a.origin, b.origin) &&
    sameItems(a.inputs, b.inputs, (x, y) => x.name === y.name && ("fromStep" in x ? x.fromStep : undefined) === ("fromStep" in y ? y.fromStep : undefined)) &&
    sameItems(a.outputs, b.outputs, (x, y) => x.name === y.name) &&
    sameItems(a.reports, b.reports, (x, y) => x.kind === y.kind && (x.kind !== "value" || (y.kind === "value" && x.name === y.name))) &&
    // A cell's evidence can change while the cell does not, e.g. when the heading of its section is reworded.
    sameItems(a.classified, b.classified, sameEvidence)
  );
}

function sameOrigin(a: GroupOrigin, b: GroupOrigin): boolean {
  switch (a.kind) {
    case "marker":
      return b.kind === "marker" && a.source === b.source && a.written === b.written && a.cellNumber === b.cellNumber;
    case "metrics":
      return b.kind === "metrics" && a.cellNumber === b.cellNumber;
    case "first":
      return b.kind === "first";
    case "stage-change":
      return b.kind === "stage-change" && a.from === b.from && a.to === b.to && sameItems(a.passes, b.passes);
  }
}

function sameEvidence(a: ClassifiedCell | undefined, b: ClassifiedCell | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  // The classifier keeps a cell's evidence array while its decision stands: most cells compare at once.
  return a.stage === b.stage && sameItems(a.evidence, b.evidence, (x, y) => x.weight === y.weight && x.text === y.text && x.says === y.says && x.line === y.line);
}

/** Whether a cell shows a model's results, draws or writes a file: what a step keeps as reports. */
function keepsReports(fact: CellFacts | undefined): boolean {
  if (fact === undefined) return false;
  return remembered(keepsReportsOf, fact, () => fact.statements.some((statement) => statement.showsModelResult || statement.plots || statement.writes !== undefined));
}

const keepsReportsOf = new WeakMap<CellFacts, boolean>();

/** What the step's cells show or draw that it keeps: values, figures, files. */
function keptReports(positions: readonly number[], io: IoNames | undefined, facts: readonly CellFacts[]): StepReport[] {
  const { inputs = [], outputs = [] } = io ?? {};
  const stepNames = addNamesIn(positions, facts, new Set([...inputs, ...outputs]));
  return stepReports(positions, facts, (name) => BUILTIN_NAMES.has(name) || stepNames.has(name), new Set(outputs));
}

/** Every name the step's cells bind or read, imports included, added to `into`. */
function addNamesIn(positions: readonly number[], facts: readonly CellFacts[], into: Set<string>): Set<string> {
  for (const position of positions) {
    const analysis = facts[position]?.analysis;
    if (analysis === undefined) continue;
    for (const name of analysis.defines) into.add(name);
    for (const name of analysis.reads) into.add(name);
    for (const statement of analysis.statements) for (const name of statement.reads) into.add(name);
  }
  return into;
}

/**
 * Whether a user can find what the step did: what it hands on, what it keeps for people,
 * a file it writes, or a value it computes and nobody reads afterwards in the step (a
 * fitted model, a final table), which the generated step returns as well.
 */
export function producesSomething(
  step: { readonly outputs: readonly (StepOutput | string)[]; reports(): readonly StepReport[] },
  positions: readonly number[],
  facts: readonly CellFacts[],
): boolean {
  if (step.outputs.length > 0) return true;
  // A metric, a check, a registered or served model: the effect is what the step is for.
  if (positions.some((position) => facts[position]?.evidence.some((item) => item.keepsCell) === true)) return true;
  if (step.reports().length > 0) return true;
  const analyses = positions.map((position) => facts[position]?.analysis).filter((analysis) => analysis !== undefined);
  if (analyses.some((analysis) => analysis.fileWrites.length > 0)) return true;
  const statements = analyses.flatMap((analysis) => analysis.statements);
  const read = new Set(statements.flatMap((statement) => statement.reads));
  const changed = new Set(analyses.flatMap((analysis) => analysis.mutates.map((mutation) => mutation.name)));
  return statements.some((statement, index) =>
    statement.assigns.some((name) => {
      if (name.startsWith("_")) return false;
      const rebound = statements.slice(index + 1).some((later) => later.binds.includes(name));
      return !rebound && (!read.has(name) || changed.has(name));
    }),
  );
}

/** The author's names are kept; the others give way with a `_2`, `_3` suffix. */
function nameGroups(groups: readonly StepGroup[], context: Parameters<typeof groupStage>[0]): NamedGroup[] {
  const taken = new Set([...importedNames(context.facts), ...groups.filter((group) => group.reserved).map((group) => group.baseName)]);
  const tried = new Map<string, number>();
  return groups.map((group) => {
    const name = group.reserved ? group.baseName : uniqueStepName(group.baseName, taken, tried);
    taken.add(name);
    return { name, stage: groupStage(context, group.positions), positions: group.positions, origin: group.origin, ...(group.section !== undefined ? { section: group.section } : {}) };
  });
}

/** Names the notebook imports, once per plan (steps are named twice when empty ones merge). */
const importedNamesOf = new WeakMap<readonly CellFacts[], readonly string[]>();

function importedNames(facts: readonly CellFacts[]): readonly string[] {
  // A step function must not shadow a name the notebook imports (a heading "PD" and `import pandas as pd`).
  return remembered(importedNamesOf, facts, () => facts.flatMap((fact) => fact.analysis.imports.map((record) => record.alias ?? record.name ?? record.module.split(".")[0] ?? "")));
}

/** The import as a plan states it; one object per import record (an unchanged cell keeps its records), as every step lists its imports on every re-plan. */
export function planImport(record: ImportRecord): PlanImport {
  return remembered(planImports, record, () => ({
    module: record.module,
    ...(record.name !== undefined ? { name: record.name } : {}),
    ...(record.alias !== undefined ? { alias: record.alias } : {}),
  }));
}

const planImports = new WeakMap<ImportRecord, PlanImport>();

export function sharedSection(
  facts: readonly CellFacts[],
  roles: readonly CellRole[],
  definitions: { readonly lifted: readonly Definition[]; readonly constants: readonly { name: string; position: number }[] },
  imports: ImportIndex,
): SplitPlan["shared"] {
  const { lifted } = definitions;
  const cellId = (position: number): string => facts[position]?.cell.id ?? "";
  const needed = new Map<string, ImportUse>();
  for (const definition of lifted) {
    for (const name of identifiersIn(definition.text)) {
      for (const use of imports.resolveAll(name, definition.position)) needed.set(JSON.stringify(planImport(use.record)), use);
    }
  }
  const byKind = (kind: Definition["kind"]): { name: string; cellId: string }[] =>
    lifted.filter((definition) => definition.kind === kind).map((definition) => ({ name: definition.name, cellId: cellId(definition.position) }));
  return {
    functions: byKind("function"),
    classes: byKind("class"),
    constants: definitions.constants
      .filter((constant) => roles[constant.position]?.kind === "shared")
      .map((constant) => ({ name: constant.name, cellId: cellId(constant.position) })),
    imports: [...needed.values()].sort((a, b) => a.position - b.position || a.record.line - b.record.line).map((use) => planImport(use.record)),
    cellIds: facts.filter((fact) => roles[fact.position]?.kind === "shared").map((fact) => fact.cell.id),
  };
}

/** Kale `prev:<name>` tags that the plan's order does not honour. */
export function prevWarnings(facts: readonly CellFacts[], steps: readonly PlanStep[]): string[] {
  if (!facts.some((fact) => fact.markers.prev.length > 0)) return [];
  const stepIndex = new Map(steps.map((step, index) => [step.name, index]));
  const stepOfCell = new Map(steps.flatMap((step, index) => step.cellIds.map((id) => [id, index] as const)));
  return facts.flatMap((fact) => {
    const own = stepOfCell.get(fact.cell.id);
    if (own === undefined) return [];
    return fact.markers.prev.flatMap((name) => {
      const index = stepIndex.get(name);
      if (index === undefined) return [`Cell ${fact.number} says its step runs after "${name}" (Kale prev:${name}), but no step has that name.`];
      if (index >= own) return [`Cell ${fact.number} says its step runs after "${name}" (Kale prev:${name}), but "${name}" does not come before it.`];
      return [];
    });
  });
}

/**
 * One entry per code cell. A step cell without evidence of its own shows its step's
 * stage, so a cell never says "ingestion" inside a preprocessing step.
 */
export function cellStageEntries(classified: readonly ClassifiedCell[], steps: readonly PlanStep[]): SplitPlan["cellStages"] {
  const stepOfCell = new Map(steps.flatMap((step) => step.cellIds.map((id) => [id, step] as const)));
  return classified.map((cell) => {
    const step = cell.anchored ? undefined : stepOfCell.get(cell.cellId);
    return {
      cellId: cell.cellId,
      index: cell.index,
      stage: step?.stage ?? cell.stage,
      because: step === undefined ? cell.because : `No stage-specific code; it goes with its step, ${step.name} (${step.stage}).`,
      evidence: shownEvidence(cell.evidence),
    };
  });
}

/** Evidence as the plan shows it, remembered per evidence list (a cell keeps its list while it is unchanged). */
function shownEvidence(evidence: ClassifiedCell["evidence"]): SplitPlan["cellStages"][number]["evidence"] {
  if (evidence.length === 0) return [];
  return remembered(shownEvidenceOf, evidence, () => evidence.map((item) => ({ text: item.text, says: item.says, ...(item.line !== undefined ? { line: item.line } : {}) })));
}

const shownEvidenceOf = new WeakMap<ClassifiedCell["evidence"], SplitPlan["cellStages"][number]["evidence"]>();
