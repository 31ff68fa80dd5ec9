// Def-use edges between code cells, and the hidden state a reader of the notebook cannot
// see: reads that work only because cells ran out of order, values replaced under a
// reader, definitions nobody uses. One forward pass, linear in (cell, name) pairs.
//
// Rules (cells are taken in the order given, which must be notebook order):
// - A read resolves to the nearest earlier cell that defines the name → edge definer → reader.
// - A cell that changes a name in place (`mutates`) without defining it changes the value
//   later readers see, so the last such cell after the definer gets an edge to the reader
//   too. Mutating needs the value, so a mutation also counts as a use of the name.
// - undefined-name / defined-later: a use with no earlier definer, on the reading cell.
// - redefined-while-read: on the redefining cell, since that is where a new name fixes it;
//   cells in between that only change the value in place count as readers.
// - unused-definition: a definition no later cell uses before a redefinition, and no later
//   statement of its own cell uses either (a path built for the next line is used). Names
//   starting with `_` are skipped; the last cell's definitions are reported too (they may be
//   the notebook's results: the message says to keep those).
// Findings are unique per (kind, cell, name) and sorted by cell, then kind; one (cell, name)
// can carry two kinds, e.g. a redefinition that is itself never read.
// - out-of-order-execution: at most one, on the first cell whose count is not higher than
//   the previous executed cell's.
// Messages number cells from 1, as ruff does for notebooks; `index` stays 0-based.
import type { CellAnalysis, ImportRecord } from "./cellAnalysis";
import type { Dataflow, DataflowEdge, Finding, FindingKind } from "./dataflowTypes";
import type { NotebookModel } from "../notebook/notebookModel";

/** Order of findings within one cell, and of the groups in the text report. */
const KIND_RANK: Readonly<Record<FindingKind, number>> = {
  "undefined-name": 0,
  "defined-later": 1,
  "out-of-order-execution": 2,
  "redefined-while-read": 3,
  "unused-definition": 4,
};

export const FINDING_KINDS = Object.keys(KIND_RANK) as readonly FindingKind[];

/** How messages and the text report name a cell: `cell 3` for index 2. */
export function cellLabel(index: number): string {
  return `cell ${index + 1}`;
}

/** Execution counts of the notebook's code cells, by cell id. */
export function executionCountsOf(notebook: NotebookModel): ReadonlyMap<string, number | null> {
  const code = notebook.cells.filter((cell) => cell.kind === "code");
  return new Map(code.map((cell) => [cell.id, cell.executionCount]));
}

interface CellState {
  readonly cell: CellAnalysis;
  readonly position: number;
  readonly defines: ReadonlySet<string>;
  /** Names defined here whose value some later cell reads. */
  readonly readLater: Set<string>;
  /** Names defined here that a later cell redefines before any cell reads them. */
  readonly replacedBy: Map<string, CellState>;
}

/** The value a name holds at the current point of the walk. */
interface Binding {
  readonly definer: CellState;
  mutator: CellState | undefined;
  /** Cells after the definer that used this value, in order. */
  readonly readers: CellState[];
}

interface RankedFinding {
  readonly position: number;
  readonly finding: Finding;
}

interface Walk {
  readonly states: readonly CellState[];
  readonly definers: ReadonlyMap<string, readonly CellState[]>;
  readonly bindings: Map<string, Binding>;
  readonly edges: DataflowEdge[];
  readonly findings: RankedFinding[];
  /** False when only the edges are wanted (dataflowEdges). */
  readonly withFindings: boolean;
}

/** `cells` in notebook order; `executionCounts` by cell id (missing or null: never ran). */
export function buildDataflow(
  cells: readonly CellAnalysis[],
  executionCounts: ReadonlyMap<string, number | null>,
): Dataflow {
  const walk = startWalk(cells, true);
  for (const state of walk.states) visitCell(walk, state);
  for (const state of walk.states) reportUnused(walk, state);
  const outOfOrder = findOutOfOrderExecution(walk.states, executionCounts);
  if (outOfOrder) walk.findings.push(outOfOrder);
  return { edges: walk.edges, findings: sortFindings(walk.findings) };
}

/**
 * The def-use edges alone, without the findings: what the planner needs of a notebook whose
 * divided cells stand as their parts, on every re-plan (the findings are the whole cells').
 */
export function dataflowEdges(cells: readonly CellAnalysis[]): Pick<Dataflow, "edges"> {
  const walk = startWalk(cells, false);
  for (const state of walk.states) visitCell(walk, state);
  return { edges: walk.edges };
}

/** Never written: the states of a walk without findings share them. */
const NOTHING_READ_LATER = new Set<string>();
const NOTHING_REPLACED = new Map<string, CellState>();

function startWalk(cells: readonly CellAnalysis[], withFindings: boolean): Walk {
  const states = cells.map(
    (cell, position): CellState => ({
      cell,
      position,
      defines: new Set(cell.defines),
      // Only findings need these (dataflowEdges walks without them).
      readLater: withFindings ? new Set<string>() : NOTHING_READ_LATER,
      replacedBy: withFindings ? new Map<string, CellState>() : NOTHING_REPLACED,
    }),
  );
  // Who defines each name, for the findings' "defined later" (the edges need only the bindings).
  const definers = new Map<string, CellState[]>();
  if (withFindings) {
    for (const state of states) {
      for (const name of state.defines) {
        const list = definers.get(name);
        if (list) list.push(state);
        else definers.set(name, [state]);
      }
    }
  }
  return { states, definers, bindings: new Map(), edges: [], findings: [], withFindings };
}

function visitCell(walk: Walk, state: CellState): void {
  for (const name of usesOf(state)) resolveUse(walk, state, name);
  for (const name of state.defines) bind(walk, state, name);
  for (const { name } of state.cell.mutates) {
    const binding = walk.bindings.get(name);
    if (binding && !state.defines.has(name)) binding.mutator = state;
  }
}

/** Reads, plus names changed in place without being defined here (which needs their value). */
function usesOf(state: CellState): ReadonlySet<string> {
  const uses = new Set(state.cell.reads);
  for (const { name } of state.cell.mutates) if (!state.defines.has(name)) uses.add(name);
  return uses;
}

function resolveUse(walk: Walk, reader: CellState, name: string): void {
  const binding = walk.bindings.get(name);
  if (!binding) {
    if (walk.withFindings) walk.findings.push(missingDefinition(walk, reader, name));
    return;
  }
  const to = reader.cell.cellId;
  walk.edges.push({ from: binding.definer.cell.cellId, to, name });
  if (binding.mutator) walk.edges.push({ from: binding.mutator.cell.cellId, to, name });
  if (!walk.withFindings) return;
  binding.definer.readLater.add(name);
  binding.readers.push(reader);
}

function bind(walk: Walk, state: CellState, name: string): void {
  const previous = walk.bindings.get(name);
  if (previous && walk.withFindings) {
    const between = previous.readers.filter((reader) => reader !== state);
    if (between.length > 0) walk.findings.push(redefinedWhileRead(state, name, previous.definer, between));
    else if (previous.readers.length === 0) previous.definer.replacedBy.set(name, state);
  }
  walk.bindings.set(name, { definer: state, mutator: undefined, readers: [] });
}

function reportUnused(walk: Walk, state: CellState): void {
  let usedHere: ReadonlySet<string> | undefined;
  for (const name of state.defines) {
    if (name.startsWith("_") || state.readLater.has(name)) continue;
    usedHere ??= usedInOwnCell(state.cell);
    if (usedHere.has(name)) continue;
    const message = unusedMessage(state, name, state.replacedBy.get(name));
    walk.findings.push(ranked(state, "unused-definition", name, message));
  }
}

/**
 * Names the cell binds and then uses itself: a later top-level statement reads them, or a
 * later line changes them in place. Such a value is used, even if no other cell reads it.
 */
function usedInOwnCell(cell: CellAnalysis): ReadonlySet<string> {
  // The analyser keeps an unchanged cell's statements array, so this is worked out once per cell content.
  const known = usedInOwnCellCache.get(cell.statements);
  if (known?.mutates === cell.mutates) return known.used;
  const used = findUsedInOwnCell(cell);
  usedInOwnCellCache.set(cell.statements, { mutates: cell.mutates, used });
  return used;
}

const usedInOwnCellCache = new WeakMap<CellAnalysis["statements"], { readonly mutates: CellAnalysis["mutates"]; readonly used: ReadonlySet<string> }>();

function findUsedInOwnCell(cell: CellAnalysis): Set<string> {
  const used = new Set<string>();
  const boundUntil = new Map<string, number>();
  for (const statement of cell.statements) {
    for (const name of statement.reads) if (boundUntil.has(name)) used.add(name);
    for (const name of statement.binds) if (!boundUntil.has(name)) boundUntil.set(name, statement.endLine);
  }
  for (const { name, line } of cell.mutates) {
    const until = boundUntil.get(name);
    if (until !== undefined && line > until) used.add(name);
  }
  return used;
}

function findOutOfOrderExecution(
  states: readonly CellState[],
  executionCounts: ReadonlyMap<string, number | null>,
): RankedFinding | undefined {
  let previous: { readonly state: CellState; readonly count: number } | undefined;
  for (const state of states) {
    const count = executionCounts.get(state.cell.cellId);
    if (count === undefined || count === null) continue;
    if (previous && count <= previous.count) {
      return ranked(state, "out-of-order-execution", undefined, outOfOrderMessage(state, count, previous));
    }
    previous = { state, count };
  }
  return undefined;
}

function sortFindings(findings: readonly RankedFinding[]): Finding[] {
  // Array.prototype.sort is stable: within a cell and kind, names keep their analysis order.
  return [...findings]
    .sort((a, b) => a.position - b.position || KIND_RANK[a.finding.kind] - KIND_RANK[b.finding.kind])
    .map((entry) => entry.finding);
}

function ranked(state: CellState, kind: FindingKind, name: string | undefined, message: string): RankedFinding {
  const finding: Finding = name === undefined
    ? { kind, cellId: state.cell.cellId, message }
    : { kind, cellId: state.cell.cellId, name, message };
  return { position: state.position, finding };
}

// ---- messages: say what happened, then what to do ----

function missingDefinition(walk: Walk, reader: CellState, name: string): RankedFinding {
  // No earlier cell defines `name`, so every definer is this cell or a later one.
  const later = walk.definers.get(name)?.find((state) => state.position > reader.position);
  if (later) {
    const where = cellLabel(later.cell.index);
    const message =
      `\`${name}\` is read here but first defined in ${where} below, so this cell works only if ${where} ran first. ` +
      `Move the definition above this cell, or move this cell below ${where}.`;
    return ranked(reader, "defined-later", name, message);
  }
  const message = reader.defines.has(name)
    ? `\`${name}\` is read here before this cell defines it and no earlier cell defines it, so the cell fails ` +
      `on a fresh kernel: it ran only with a value left in the kernel. Define \`${name}\` in an earlier cell.`
    : `\`${name}\` is read here but no cell defines it, so this cell fails on a fresh kernel. ` +
      `Define it in an earlier cell, or check the spelling.`;
  return ranked(reader, "undefined-name", name, message);
}

function redefinedWhileRead(
  state: CellState,
  name: string,
  definer: CellState,
  readers: readonly CellState[],
): RankedFinding {
  const many = readers.length > 1;
  const who = describeCells(readers);
  const message =
    `\`${name}\` is redefined here, but ${who} above ${many ? "read" : "reads"} the value from ${cellLabel(definer.cell.index)}: ` +
    `re-running ${many ? "them" : "it"} after this cell gives ${many ? "them" : "it"} this cell's value instead. ` +
    `Give the new value its own name.`;
  return ranked(state, "redefined-while-read", name, message);
}

function unusedMessage(state: CellState, name: string, replacedBy: CellState | undefined): string {
  const what = definitionKind(state.cell, name);
  const subject = {
    import: `\`${name}\` is imported here`,
    function: `Function \`${name}\` is defined here`,
    class: `Class \`${name}\` is defined here`,
    value: `\`${name}\` is defined here`,
  }[what];
  const verb = what === "value" ? "reads" : "uses";
  const reason = replacedBy
    ? `but ${cellLabel(replacedBy.cell.index)} redefines it before any cell ${verb} it`
    : `but no later cell ${verb} it`;
  const advice = what === "value" && !replacedBy
    ? "Remove it if nothing needs it; keep it if it is a result of the notebook."
    : "Remove it if nothing needs it.";
  return `${subject} ${reason}. ${advice}`;
}

function definitionKind(cell: CellAnalysis, name: string): "import" | "function" | "class" | "value" {
  if (cell.imports.some((record) => importedName(record) === name)) return "import";
  if (cell.functions.includes(name)) return "function";
  if (cell.classes.includes(name)) return "class";
  return "value";
}

/** The name an import binds: `import a.b` binds `a`; aliases win. */
function importedName(record: ImportRecord): string {
  return record.alias ?? record.name ?? record.module.split(".")[0] ?? record.module;
}

function outOfOrderMessage(
  state: CellState,
  count: number,
  previous: { readonly state: CellState; readonly count: number },
): string {
  const here = cellLabel(state.cell.index);
  const above = cellLabel(previous.state.cell.index);
  const what = count < previous.count
    ? `${capitalize(here)} (execution count ${count}) ran before ${above} above it (execution count ${previous.count})`
    : `${capitalize(here)} has the same execution count (${count}) as ${above} above it`;
  return `${what}, so the saved outputs come from running cells out of order. ` +
    "Restart the kernel and run all cells from the top to check the notebook works in order.";
}

/** `cell 4`, `cells 3 and 4`, `cells 3, 4 and 6`, `cells 3, 4, 6 and 2 more`. */
function describeCells(states: readonly CellState[]): string {
  const numbers = states.slice(0, 3).map((state) => String(state.cell.index + 1));
  const rest = states.length - numbers.length;
  if (states.length === 1) return `cell ${numbers.join("")}`;
  if (rest > 0) return `cells ${numbers.join(", ")} and ${rest} more`;
  return `cells ${numbers.slice(0, -1).join(", ")} and ${numbers.slice(-1).join("")}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
