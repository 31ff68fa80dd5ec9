// Per-step results remembered across re-plans. cellFacts.ts keeps a cell's facts object
// while the cell is unchanged, so a step whose cells are the same objects, and whose other
// inputs are equal, gets the result it got last time: after an edit only the steps around
// the edited cell are worked out again.
import type { CellFacts } from "./cellFacts";

interface Entry<D, T> {
  readonly cells: readonly (CellFacts | undefined)[];
  readonly inputs: D;
  readonly value: T;
}

/** Entries kept per first cell: planning builds steps twice when it merges empty ones. */
const ENTRIES_PER_CELL = 2;

export class StepMemo<D, T> {
  private readonly byFirstCell = new WeakMap<CellFacts, Entry<D, T>[]>();

  /** `same` compares what the value depends on besides the cells; it is called often, so it should stop at the first difference. */
  constructor(private readonly same: (a: D, b: D) => boolean) {}

  /** The value for the step made of `cells` with `inputs`, made by `make` when not known. */
  get(cells: readonly (CellFacts | undefined)[], inputs: D, make: () => T): T {
    const first = cells[0];
    if (first === undefined) return make();
    const entries = this.byFirstCell.get(first) ?? [];
    const known = entries.find((entry) => sameItems(entry.cells, cells) && this.same(entry.inputs, inputs));
    if (known !== undefined) return known.value;
    const value = make();
    this.byFirstCell.set(first, [{ cells, inputs, value }, ...entries].slice(0, ENTRIES_PER_CELL));
    return value;
  }
}

/** Same length and the same items (`===`), or items `equal` says are the same. */
export function sameItems<T>(a: readonly T[], b: readonly T[], equal?: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  // Indexed reads, no destructuring: this runs for every step on every re-plan.
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index] as T;
    const y = b[index] as T;
    if (x !== y && (equal === undefined || !equal(x, y))) return false;
  }
  return true;
}

/** The value `map` holds for `key`, made by `make` and kept there the first time it is asked for. */
export function remembered<K, V>(map: { get(key: K): V | undefined; has(key: K): boolean; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  const known = map.get(key);
  if (known !== undefined || map.has(key)) return known as V;
  const value = make();
  map.set(key, value);
  return value;
}

/**
 * A function that returns its key, or the equal key it was given last time. Keys made anew
 * on every re-plan are compared once per cell: two references to one string compare at
 * once, however long it is.
 */
export function keyKeeper(): (key: string) => string {
  let last = "";
  return (key) => {
    if (key === last) return last;
    last = key;
    return key;
  };
}
