// Which cell provides each value a cell reads. The dataflow says which earlier cell
// defined it; a cell in between that changes it in place (`df.dropna(inplace=True)`)
// provides the changed value instead, so the planner passes it from there.
import type { Dataflow } from "../analysis/dataflowTypes";
import type { CellFacts } from "./cellFacts";

export interface ValueRead {
  readonly name: string;
  /** Position of the cell whose definition the read resolves to. */
  readonly definer: number;
}

export class ValueGraph {
  private readonly reads: (readonly ValueRead[])[];
  private readonly unresolvedReads: (readonly string[])[];

  constructor(facts: readonly CellFacts[], dataflow: Pick<Dataflow, "edges">) {
    const positionOf = new Map(facts.map((fact) => [fact.cell.id, fact.position]));
    // The dataflow may also link the last in-place changer to the reader; the definer is the
    // earliest source of each (reader, name), and Providers finds the changers itself.
    const definers: (Map<string, number> | undefined)[] = new Array<Map<string, number> | undefined>(facts.length);
    for (const edge of dataflow.edges) {
      const from = positionOf.get(edge.from);
      const to = positionOf.get(edge.to);
      if (from === undefined || to === undefined || from >= to) continue;
      const known = (definers[to] ??= new Map<string, number>());
      known.set(edge.name, Math.min(from, known.get(edge.name) ?? from));
    }
    this.reads = [];
    this.unresolvedReads = [];
    for (const fact of facts) {
      const { reads, unresolved } = cellReads(fact, definers[fact.position]);
      this.reads[fact.position] = reads;
      this.unresolvedReads[fact.position] = unresolved;
    }
  }

  /** Reads of the cell at `position` that resolve to an earlier cell, by name. */
  readsOf(position: number): readonly ValueRead[] {
    return this.reads[position] ?? [];
  }

  /** Names the cell reads that no earlier cell defines. */
  unresolvedOf(position: number): readonly string[] {
    return this.unresolvedReads[position] ?? [];
  }
}

/**
 * A cell's reads and unresolved names, the same arrays as last time while they are equal:
 * the planner re-plans on every edit, and what it remembers per step compares these.
 */
function cellReads(fact: CellFacts, byName: ReadonlyMap<string, number> | undefined): { readonly reads: readonly ValueRead[]; readonly unresolved: readonly string[] } {
  const known = readsOf.get(fact);
  // The same names with the same definers: known's names are byName's keys then, so nothing needs sorting.
  if (known !== undefined && known.reads.length === (byName?.size ?? 0) && known.reads.every((read) => read.definer === byName?.get(read.name))) return known;
  const names = byName === undefined ? [] : [...byName.keys()].sort();
  const reads = names.map((name) => ({ name, definer: byName?.get(name) ?? 0 }));
  const resolved = new Set(names);
  const unresolved = [...new Set(fact.analysis.reads)].filter((name) => !resolved.has(name)).sort();
  const made = { reads, unresolved };
  readsOf.set(fact, made);
  return made;
}

const readsOf = new WeakMap<CellFacts, { readonly reads: readonly ValueRead[]; readonly unresolved: readonly string[] }>();

/** Resolves the provider of a read, counting in-place changes by the cells `counts` accepts. */
export class Providers {
  private readonly mutators = new Map<string, number[]>();

  constructor(facts: readonly CellFacts[], counts: (position: number) => boolean) {
    for (const fact of facts) {
      if (!counts(fact.position)) continue;
      for (const name of new Set(fact.analysis.mutates.map((mutation) => mutation.name))) {
        const list = this.mutators.get(name);
        if (list === undefined) this.mutators.set(name, [fact.position]);
        else list.push(fact.position);
      }
    }
  }

  /** The last cell before `reader` that changed the value, or the cell that defined it. */
  providerOf(reader: number, read: ValueRead): number {
    const list = this.mutators.get(read.name);
    if (list === undefined) return read.definer;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((list[middle] ?? Infinity) < reader) low = middle + 1;
      else high = middle;
    }
    const latest = list[low - 1];
    return latest !== undefined && latest > read.definer ? latest : read.definer;
  }
}
