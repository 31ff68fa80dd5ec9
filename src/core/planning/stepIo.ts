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
  const stepOf = new Map<number, number>();
  steps.forEach((step, index) => {
    for (const position of step.positions) stepOf.set(position, index);
  });
  const outputs = steps.map(() => new Map<string, StepOutput & { readonly position: number }>());
  const collectedInputs: ReadonlyMap<string, StepInput>[] = [];
  const missing: MissingValue[] = [];
  const io = steps.map((step, index) => {
    const collected: Collected = { inputs: new Map(), imports: new Map() };
    collectedInputs[index] = collected.inputs;
    for (const position of step.positions) {
      for (const record of hoistableImports(context.facts[position]?.analysis.imports ?? [])) addImport(collected.imports, { record, position });
      for (const read of context.graph.readsOf(position)) {
        const route = context.router.route(position, read);
        if (route.kind === "missing") missing.push({ name: read.name, reader: position, definer: route.provider });
        else takeRead({ steps, stepOf, outputs, context, index, collectedInputs }, collected, read, route);
      }
      if (context.graph.unresolvedOf(position).length > 0) {
        for (const use of context.imports.starImportsBefore(position)) addImport(collected.imports, use);
      }
    }
    return { inputs: [...collected.inputs.values()], imports: sortedImports(collected.imports) };
  });
  return { io: io.map((entry, index) => ({ inputs: entry.inputs, imports: entry.imports, outputs: sortedOutputs(outputs[index]) })), missing };
}

interface Collected {
  readonly inputs: Map<string, StepInput>;
  readonly imports: Map<string, ImportUse>;
}

interface StepScope {
  readonly stepOf: ReadonlyMap<number, number>;
  readonly outputs: readonly Map<string, StepOutput & { readonly position: number }>[];
  readonly context: IoContext;
  /** The reading step. */
  readonly index: number;
  readonly steps: readonly { readonly name: string; readonly stage?: Stage }[];
  /** The inputs of the steps before the reading one. */
  readonly collectedInputs: readonly ReadonlyMap<string, StepInput>[];
}

/** Records what one read needs: an import, a param or a value from another step. */
function takeRead(scope: StepScope, collected: Collected, read: ValueRead, route: Route): void {
  if (route.kind === "import") {
    for (const use of route.uses) addImport(collected.imports, use);
    return;
  }
  if (collected.inputs.has(read.name)) return;
  if (route.kind === "param") {
    collected.inputs.set(read.name, { name: read.name, param: route.param.name, typeHint: route.param.type });
    return;
  }
  if (route.kind !== "cell") return;
  const from = scope.stepOf.get(route.provider);
  const source = from === undefined ? undefined : scope.steps[from];
  if (from === undefined || source === undefined || from === scope.index) return;
  const typeHint = scope.context.typeHints.of(read.definer, read.name);
  const checker = validationBetween(scope, from, read.name, source.name);
  const giver = checker ?? from;
  const fromStep = scope.steps[giver]?.name ?? source.name;
  const position = route.provider;
  // Written out, not spread: this runs for every value passed between steps on every re-plan.
  collected.inputs.set(read.name, typeHint === undefined ? { name: read.name, fromStep } : { name: read.name, fromStep, typeHint });
  scope.outputs[giver]?.set(read.name, typeHint === undefined ? { name: read.name, position } : { name: read.name, typeHint, position });
}

/** The last validation step after `from` and before the reader that took `name` from the same step. */
function validationBetween(scope: StepScope, from: number, name: string, fromStep: string): number | undefined {
  for (let index = scope.index - 1; index > from; index -= 1) {
    if (scope.steps[index]?.stage !== "validation") continue;
    const input = scope.collectedInputs[index]?.get(name);
    if (input !== undefined && "fromStep" in input && input.fromStep === fromStep) return index;
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

function sortedOutputs(outputs: ReadonlyMap<string, StepOutput & { readonly position: number }> | undefined): StepOutput[] {
  return [...(outputs?.values() ?? [])]
    .sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((output) => (output.typeHint === undefined ? { name: output.name } : { name: output.name, typeHint: output.typeHint }));
}
