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
  private readonly reads: ValueRead[][];
  private readonly unresolvedReads: string[][];

  constructor(facts: readonly CellFacts[], dataflow: Dataflow) {
    const positionOf = new Map(facts.map((fact) => [fact.cell.id, fact.position]));
    this.reads = facts.map(() => []);
    // The dataflow may also link the last in-place changer to the reader; the definer is the
    // earliest source of each (reader, name), and Providers finds the changers itself.
    const definers = facts.map(() => new Map<string, number>());
    for (const edge of dataflow.edges) {
      const from = positionOf.get(edge.from);
      const to = positionOf.get(edge.to);
      const known = to === undefined ? undefined : definers[to];
      if (from === undefined || known === undefined || from >= (to ?? 0)) continue;
      known.set(edge.name, Math.min(from, known.get(edge.name) ?? from));
    }
    definers.forEach((byName, to) => {
      const names = [...byName.keys()].sort();
      this.reads[to] = names.map((name) => ({ name, definer: byName.get(name) ?? 0 }));
    });
    this.unresolvedReads = facts.map((fact) => {
      const resolved = new Set((this.reads[fact.position] ?? []).map((read) => read.name));
      return [...new Set(fact.analysis.reads)].filter((name) => !resolved.has(name)).sort();
    });
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
