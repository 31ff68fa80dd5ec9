// Step boundaries where the notebook says nothing: a new step starts where the stage
// changes. Cells without stage evidence between two stages can go either way; the cut
// goes where the fewest values cross it (ties: at a heading, else as late as possible),
// so steps pass few values to each other. The same runs over a cell's statements when a
// cell is divided (cellDivision.ts).
import type { Stage } from "./stages";

export interface SequenceCell {
  readonly stage: Stage;
  /** The cell showed evidence for its stage; otherwise it may join either neighbour. */
  readonly anchored: boolean;
  /** For a cell that is not anchored: the stage its weak evidence leans to, if any. */
  readonly lean?: Stage;
}

/** A value the cell at `to` reads from the cell at `from` (indexes into the sequence). */
export interface Pass {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export interface Segment {
  /** Indexes into the sequence: [start, end). */
  readonly start: number;
  readonly end: number;
  /** Set for every segment but the first: the stages on both sides and the values the cut passes. */
  readonly cut?: { readonly from: Stage; readonly to: Stage; readonly passes: readonly string[] };
}

/**
 * `preferred[k]`: a cut just before index k falls where the author put a heading; among
 * the cheapest cuts between two stages, such a place wins.
 */
export function autoSegments(cells: readonly SequenceCell[], passes: readonly Pass[], preferred: readonly boolean[] = []): Segment[] {
  if (cells.length === 0) return [];
  const spans = crossingSpans(passes);
  const cost = crossingCounts(cells.length, spans);
  const cuts: { at: number; from: Stage; to: Stage }[] = [];
  let lastAnchor: number | undefined;
  cells.forEach((cell, index) => {
    if (!cell.anchored) return;
    const previous = lastAnchor === undefined ? undefined : cells[lastAnchor];
    if (lastAnchor !== undefined && previous !== undefined && previous.stage !== cell.stage) {
      const from = lastAnchor;
      // A heading outweighs one extra value crossing the cut, not two.
      const rank = (at: number): [number, number] => [-(cost[at] ?? 0) + (preferred[at] === true ? HEADING_BONUS : 0), leaningAgreement(cells, from, at, index)];
      let best = index;
      let bestRank = rank(best);
      for (let at = index - 1; at > lastAnchor; at -= 1) {
        const candidate = rank(at);
        if (isBetter(candidate, bestRank)) [best, bestRank] = [at, candidate];
      }
      cuts.push({ at: best, from: previous.stage, to: cell.stage });
    }
    lastAnchor = index;
  });
  const names = namesAtCuts(spans, cuts.map((cut) => cut.at));
  const bounds = [0, ...cuts.map((cut) => cut.at), cells.length];
  return bounds.slice(0, -1).map((start, i) => {
    const end = bounds[i + 1] ?? cells.length;
    const cut = i === 0 ? undefined : cuts[i - 1];
    return cut === undefined ? { start, end } : { start, end, cut: { from: cut.from, to: cut.to, passes: names.get(cut.at) ?? [] } };
  });
}

/** How many values crossing a cut a heading there is worth. */
const HEADING_BONUS = 1.5;

/** Lexicographic comparison: fewer values crossing (a heading counts for some), then cells leaning to their side. */
function isBetter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

/** How many unanchored cells between the anchors `from` and `to` lean to the side a cut at `at` puts them on. */
function leaningAgreement(cells: readonly SequenceCell[], from: number, at: number, to: number): number {
  const before = cells[from]?.stage;
  const after = cells[to]?.stage;
  let agree = 0;
  for (let k = from + 1; k < to; k += 1) {
    const lean = cells[k]?.lean;
    if (lean !== undefined && lean === (k < at ? before : after)) agree += 1;
  }
  return agree;
}

/** Per name, the merged ranges [low, high] of cut positions k (cut just before index k) it crosses. */
function crossingSpans(passes: readonly Pass[]): Map<string, [number, number][]> {
  const byName = new Map<string, [number, number][]>();
  for (const pass of passes) {
    if (pass.to <= pass.from) continue;
    const list = byName.get(pass.name);
    if (list === undefined) byName.set(pass.name, [[pass.from + 1, pass.to]]);
    else list.push([pass.from + 1, pass.to]);
  }
  for (const [name, ranges] of byName) {
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [low, high] of ranges) {
      const last = merged[merged.length - 1];
      if (last !== undefined && low <= last[1]) last[1] = Math.max(last[1], high);
      else merged.push([low, high]);
    }
    byName.set(name, merged);
  }
  return byName;
}

/** cost[k]: distinct names passed across a cut just before sequence index k. */
function crossingCounts(length: number, spans: ReadonlyMap<string, [number, number][]>): number[] {
  const delta = new Array<number>(length + 1).fill(0);
  for (const ranges of spans.values()) {
    for (const [low, high] of ranges) {
      delta[low] = (delta[low] ?? 0) + 1;
      delta[high + 1] = (delta[high + 1] ?? 0) - 1;
    }
  }
  let running = 0;
  return delta.slice(0, length).map((change) => (running += change));
}

/** The sorted names crossing each chosen cut (cuts ascend). */
function namesAtCuts(spans: ReadonlyMap<string, [number, number][]>, cuts: readonly number[]): Map<number, string[]> {
  const found = new Map<number, string[]>(cuts.map((at) => [at, []]));
  for (const [name, ranges] of spans) {
    for (const [low, high] of ranges) {
      for (let i = firstAtLeast(cuts, low); i < cuts.length && (cuts[i] ?? Infinity) <= high; i += 1) {
        found.get(cuts[i] ?? -1)?.push(name);
      }
    }
  }
  for (const names of found.values()) names.sort();
  return found;
}

function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
