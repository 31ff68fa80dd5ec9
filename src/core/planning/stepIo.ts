// What each step takes in and hands on. A value crosses a step boundary when a cell reads
// it from a cell in another step; imports are not passed but given to every step that
// uses them, and lifted definitions come from the shared module.
import type { ImportRecord } from "../analysis/cellAnalysis";
import type { CellFacts } from "./cellFacts";
import type { ImportIndex, ImportUse } from "./importIndex";
import { hoistableImports } from "./importIndex";
import type { TypeHints } from "./typeHints";
import type { ValueGraph, ValueRead } from "./valueGraph";
import type { Route, ValueRouter } from "./valueRouting";
import type { Stage } from "./stages";

export type StepInput =
  | { readonly name: string; readonly fromStep: string; readonly typeHint?: string }
  | { readonly name: string; readonly param: string; readonly typeHint?: string };

export interface StepOutput {
  readonly name: string;
  readonly typeHint?: string;
}

export interface StepIo {
  readonly inputs: StepInput[];
  readonly outputs: StepOutput[];
  readonly imports: ImportUse[];
}

export interface IoContext {
  readonly facts: readonly CellFacts[];
  readonly graph: ValueGraph;
  readonly router: ValueRouter;
  readonly imports: ImportIndex;
  readonly typeHints: TypeHints;
}

/** A read nobody in the pipeline provides: its definition was left out. */
export interface MissingValue {
  readonly name: string;
  readonly reader: number;
  readonly definer: number;
}

/**
 * A value a validation step checked reaches later steps through it: the step hands on
 * what it validated, so what trains on the data depends on its check (and lineage shows
 * the data as validated).
 */
export function computeStepIo(
  steps: readonly { readonly name: string; readonly positions: readonly number[]; readonly stage?: Stage }[],
  context: IoContext,
): { io: StepIo[]; missing: MissingValue[] } {
  const routed = routeValues(steps, context, true);
  const { typeHints } = context;
  const io = steps.map((_, index): StepIo => {
    const inputs = [...(routed.inputs[index]?.values() ?? [])].map((input): StepInput => {
      if (input.giver === undefined) return { name: input.name, param: input.param, typeHint: input.paramType };
      const fromStep = steps[input.giver]?.name ?? "";
      const typeHint = typeHints.of(input.definer, input.name);
      // Written out, not spread: this runs for every value passed between steps on every re-plan.
      return typeHint === undefined ? { name: input.name, fromStep } : { name: input.name, fromStep, typeHint };
    });
    const outputs = sortedOutputs(routed.outputs[index]).map((output): StepOutput => {
      const typeHint = typeHints.of(output.definer, output.name);
      return typeHint === undefined ? { name: output.name } : { name: output.name, typeHint };
    });
    return { inputs, outputs, imports: sortedImports(routed.imports[index] ?? new Map()) };
  });
  return { io, missing: routed.missing };
}

/**
 * The names each step takes and hands on, without imports or type hints: enough to tell
 * whether a step hands anything on, which the planner asks of every step before it
 * merges the empty ones (computeStepIo then works out the final steps in full).
 */
export function stepValueNames(
  steps: readonly { readonly positions: readonly number[]; readonly stage?: Stage }[],
  context: Pick<IoContext, "facts" | "graph" | "router">,
): { readonly inputs: readonly string[]; readonly outputs: readonly string[] }[] {
  const routed = routeValues(steps, context, false);
  return steps.map((_, index) => ({
    inputs: [...(routed.inputs[index]?.keys() ?? [])],
    outputs: sortedOutputs(routed.outputs[index]).map((output) => output.name),
  }));
}

/** A value a step takes: from the step that gives it (an index into the steps), or a param. */
type RoutedInput =
  | { readonly name: string; readonly giver: number; readonly definer: number }
  | { readonly name: string; readonly giver?: undefined; readonly param: string; readonly paramType: string | undefined };

/** A value a step hands on: the cell that provides it, and the cell that defined it (for its type hint). */
interface RoutedOutput {
  readonly name: string;
  readonly position: number;
  readonly definer: number;
}

interface Routed {
  /** Per step, in the order its cells first read them. */
  readonly inputs: readonly Map<string, RoutedInput>[];
  readonly outputs: readonly Map<string, RoutedOutput>[];
  /** Per step; empty when imports were not asked for. */
  readonly imports: readonly Map<string, ImportUse>[];
  readonly missing: MissingValue[];
}

/** Which step gives each value each step reads (and, when asked, the imports each step needs). */
function routeValues(
  steps: readonly { readonly positions: readonly number[]; readonly stage?: Stage }[],
  context: Pick<IoContext, "facts" | "graph" | "router"> & Partial<Pick<IoContext, "imports">>,
  withImports: boolean,
): Routed {
  const stepOf = new Map<number, number>();
  steps.forEach((step, index) => {
    for (const position of step.positions) stepOf.set(position, index);
  });
  const scope: StepScope = { steps, stepOf, inputs: [], outputs: steps.map(() => new Map()) };
  const imports: Map<string, ImportUse>[] = [];
  const missing: MissingValue[] = [];
  steps.forEach((step, index) => {
    const inputs = new Map<string, RoutedInput>();
    scope.inputs[index] = inputs;
    const stepImports = new Map<string, ImportUse>();
    if (withImports) imports[index] = stepImports;
    for (const position of step.positions) {
      if (withImports) for (const record of hoistableImports(context.facts[position]?.analysis.imports ?? [])) addImport(stepImports, { record, position });
      const reads = context.graph.readsOf(position);
      const routes = context.router.routesOf(position, reads);
      for (const [readIndex, read] of reads.entries()) {
        const route = routes[readIndex];
        if (route === undefined) continue;
        if (route.kind === "missing") missing.push({ name: read.name, reader: position, definer: route.provider });
        else if (route.kind === "import") {
          if (withImports) for (const use of route.uses) addImport(stepImports, use);
        } else takeRead(scope, index, inputs, read, route);
      }
      if (withImports && context.imports !== undefined && context.graph.unresolvedOf(position).length > 0) {
        for (const use of context.imports.starImportsBefore(position)) addImport(stepImports, use);
      }
    }
  });
  return { inputs: scope.inputs, outputs: scope.outputs, imports, missing };
}

interface StepScope {
  readonly steps: readonly { readonly stage?: Stage }[];
  readonly stepOf: ReadonlyMap<number, number>;
  /** The inputs of the reading step and of the steps before it. */
  readonly inputs: Map<string, RoutedInput>[];
  readonly outputs: readonly Map<string, RoutedOutput>[];
}

/** Records what one read of the step at `index` needs: a param or a value from another step. */
function takeRead(scope: StepScope, index: number, inputs: Map<string, RoutedInput>, read: ValueRead, route: Route): void {
  if (inputs.has(read.name)) return;
  if (route.kind === "param") {
    inputs.set(read.name, { name: read.name, param: route.param.name, paramType: route.param.type });
    return;
  }
  if (route.kind !== "cell") return;
  const from = scope.stepOf.get(route.provider);
  if (from === undefined || from === index) return;
  const giver = validationBetween(scope, index, from, read.name) ?? from;
  inputs.set(read.name, { name: read.name, giver, definer: read.definer });
  scope.outputs[giver]?.set(read.name, { name: read.name, position: route.provider, definer: read.definer });
}

/** The last validation step after `from` and before the reader (`index`) that took `name` from `from` itself. */
function validationBetween(scope: StepScope, index: number, from: number, name: string): number | undefined {
  for (let step = index - 1; step > from; step -= 1) {
    if (scope.steps[step]?.stage !== "validation") continue;
    const input = scope.inputs[step]?.get(name);
    if (input !== undefined && input.giver === from) return step;
  }
  return undefined;
}

function importKey(record: ImportRecord): string {
  return `${record.module}\u0000${record.name ?? ""}\u0000${record.alias ?? ""}`;
}

function addImport(imports: Map<string, ImportUse>, use: ImportUse): void {
  const key = importKey(use.record);
  if (!imports.has(key)) imports.set(key, use);
}

function sortedImports(imports: ReadonlyMap<string, ImportUse>): ImportUse[] {
  return [...imports.values()].sort((a, b) => a.position - b.position || a.record.line - b.record.line);
}

function sortedOutputs(outputs: ReadonlyMap<string, RoutedOutput> | undefined): RoutedOutput[] {
  return [...(outputs?.values() ?? [])].sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
