// Functions and classes defined in the notebook go to a shared module (common.py) when
// they can live there: a definition that reads a notebook variable (`mod` in
// `def fit(q): return mod.fit(q)`) would break outside the notebook, so it stays in its
// step and the plan says why. Cells holding only imports, liftable definitions and literal
// constants (`THRESHOLD = 0.5`, defined in no other cell) are shared as a whole, so the
// definitions may read those constants.
import type { CellFacts } from "./cellFacts";
import type { DefinitionBlock } from "./cellScan";
import { definitionBlocks, identifiersIn, isDefinitionStatement } from "./cellScan";
import type { ImportIndex } from "./importIndex";
import { parsePythonLiteral } from "./pythonLiteral";

export interface Definition extends DefinitionBlock {
  readonly position: number;
  /** Notebook variables the definition reads; empty when it can be lifted. */
  readonly notebookReads: readonly string[];
  /** Other notebook definitions it calls or names. */
  readonly uses: readonly string[];
}

export interface DefinitionAnalysis {
  /** Liftable definitions, in notebook order. */
  readonly liftable: readonly Definition[];
  /** Definitions that stay in their step, with the variables that keep them there. */
  readonly kept: readonly Definition[];
  /** Cells whose whole content is shared code. */
  readonly wholeCells: ReadonlySet<number>;
  /** Literal constants of those cells, in notebook order. */
  readonly constants: readonly { readonly name: string; readonly position: number }[];
}

export function analyseDefinitions(
  facts: readonly CellFacts[],
  candidate: (position: number) => boolean,
  imports: ImportIndex,
): DefinitionAnalysis {
  const cells = facts.filter((fact) => candidate(fact.position) && fact.analysed);
  const withConstants = cells.filter((fact) => ownDefinitions(fact).constants !== undefined);
  const definers = definerCounts(facts, new Set(withConstants.flatMap((fact) => ownDefinitions(fact).constants ?? [])));
  const shareable = new Map<number, readonly string[]>();
  for (const fact of withConstants) {
    const constants = constantsOfDefinitionCell(fact, definers);
    if (constants !== undefined) shareable.set(fact.position, constants);
  }
  const definitions = cells.flatMap((fact) => definitionsOf(fact, imports, shareable.get(fact.position) ?? []));
  const names = new Set(definitions.map((definition) => definition.name));
  const all = definitions.map((definition) => splitUses(definition, names));
  const liftableNames = liftableFixpoint(all);
  const forced = new Set(cells.filter((fact) => fact.markers.shared !== undefined).map((fact) => fact.position));
  const isLiftable = (definition: Definition): boolean => forced.has(definition.position) || liftableNames.has(definition.name);
  const wholeCells = new Set(forced);
  for (const [position] of shareable) {
    const own = all.filter((definition) => definition.position === position);
    if (own.every(isLiftable) && facts[position]?.analysis.mutates.length === 0) wholeCells.add(position);
  }
  const constants = [...shareable]
    .filter(([position]) => wholeCells.has(position))
    .flatMap(([position, list]) => list.map((name) => ({ name, position })));
  return { liftable: all.filter(isLiftable), kept: all.filter((definition) => !isLiftable(definition)), wholeCells, constants };
}

/** How many cells define each of `names` (only those: this runs on every re-plan). */
function definerCounts(facts: readonly CellFacts[], names: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  if (names.size === 0) return counts;
  for (const fact of facts) {
    const defined = fact.analysis.defines.filter((name) => names.has(name));
    for (const name of defined.length < 2 ? defined : new Set(defined)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

const CONSTANT = /^([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=(?!=)/;

/**
 * The literal constants of a cell made only of imports, definitions and such constants
 * (each defined in no other cell, so sharing it cannot change what a reader sees);
 * undefined for any other cell.
 */
function constantsOfDefinitionCell(fact: CellFacts, definers: ReadonlyMap<string, number>): readonly string[] | undefined {
  const constants = ownDefinitions(fact).constants;
  return constants?.every((name) => definers.get(name) === 1) === true ? constants : undefined;
}

/** What a cell alone says (remembered per facts object, kept while the cell is unchanged): re-planning reads it for every cell. */
const ownCache = new WeakMap<CellFacts, { constants: readonly string[] | undefined; blocks: readonly DeclaredBlock[] }>();

interface DeclaredBlock {
  readonly block: DefinitionBlock;
  /** Names the block reads that the cell reads or defines (before imports and constants are taken out). */
  readonly names: readonly string[];
  readonly global: boolean;
}

function ownDefinitions(fact: CellFacts): { constants: readonly string[] | undefined; blocks: readonly DeclaredBlock[] } {
  const known = ownCache.get(fact);
  if (known !== undefined) return known;
  const declared = new Set([...fact.analysis.functions, ...fact.analysis.classes]);
  const visible = new Set([...fact.analysis.reads, ...fact.analysis.defines]);
  const blocks = definitionBlocks(fact.scan)
    .filter((block) => declared.has(block.name))
    .map((block) => ({
      block,
      names: [...identifiersIn(block.text)].filter((name) => name !== block.name && visible.has(name)),
      global: /(?<![\w.])global\s/.test(block.text),
    }));
  const own = { constants: findLiteralConstants(fact), blocks };
  ownCache.set(fact, own);
  return own;
}

/** The names a cell of only imports, definitions and literal constants binds to constants; undefined for any other cell. */
function findLiteralConstants(fact: CellFacts): string[] | undefined {
  const constants: string[] = [];
  for (const statement of fact.scan.statements) {
    const text = fact.scan.masked.slice(statement.start, statement.end);
    if (statement.indent > 0 || isDefinitionStatement(text)) continue;
    const match = CONSTANT.exec(text);
    const name = match?.[1];
    if (match === null || name === undefined) return undefined;
    if (parsePythonLiteral(fact.scan.source.slice(statement.start + match[0].length, statement.end)) === undefined) return undefined;
    constants.push(name);
  }
  return constants;
}

function definitionsOf(fact: CellFacts, imports: ImportIndex, constants: readonly string[]): Definition[] {
  const shared = new Set(constants);
  return ownDefinitions(fact).blocks.map(({ block, names, global }) => {
    const reads = names.filter((name) => !shared.has(name) && imports.resolve(name, fact.position) === undefined);
    if (global) reads.push("global");
    return { ...block, position: fact.position, notebookReads: reads.sort(), uses: [] };
  });
}

function splitUses(definition: Definition, names: ReadonlySet<string>): Definition {
  return {
    ...definition,
    notebookReads: definition.notebookReads.filter((name) => !names.has(name)),
    uses: definition.notebookReads.filter((name) => names.has(name)),
  };
}

/** Names whose every definition reads no notebook variable and uses only liftable definitions. */
function liftableFixpoint(definitions: readonly Definition[]): Set<string> {
  const blocked = new Set(definitions.filter((definition) => definition.notebookReads.length > 0).map((definition) => definition.name));
  for (let changed = true; changed; ) {
    changed = false;
    for (const definition of definitions) {
      if (!blocked.has(definition.name) && definition.uses.some((name) => blocked.has(name))) {
        blocked.add(definition.name);
        changed = true;
      }
    }
  }
  return new Set(definitions.map((definition) => definition.name).filter((name) => !blocked.has(name)));
}
