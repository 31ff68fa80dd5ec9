// One lexical scan per cell, shared by the stage rules, the shared-code lifter and the
// type hints, so no cell source is scanned twice.
import type { Assignment, CallSite } from "./pythonCalls";
import { findAssignments, findCalls } from "./pythonCalls";
import type { Statement } from "./sourceScan";
import { maskPython, statements } from "./sourceScan";
import { sourcesKeptFor } from "../analysis/python/notebookAnalyzer";

export interface CellScan {
  readonly source: string;
  readonly masked: string;
  readonly calls: readonly CallSite[];
  readonly assignments: readonly Assignment[];
  readonly statements: readonly Statement[];
}

/** Sources scanned since the cache last turned over, and those of the turn before. */
let recentScans = new Map<string, CellScan>();
let olderScans = new Map<string, CellScan>();

/**
 * How many sources a generation holds: as many as the analyser keeps for the largest
 * notebook planned (sourcesKeptFor: each cell, its divided cells' parts, and some typed
 * over), at most 5,000. Enough that a re-plan never loses a source it is about to ask for
 * again, and no more: the planner keeps what it worked out for a cell (about 18 KB) while
 * the cell's scan is kept.
 */
const MAX_GENERATION = 5_000;
let generationSize = sourcesKeptFor(0);

/** Sizes the cache for a notebook of `codeCells` code cells, before a plan scans them. */
export function expectScans(codeCells: number): void {
  generationSize = Math.min(MAX_GENERATION, Math.max(generationSize, sourcesKeptFor(codeCells)));
}

/**
 * The scan of a cell's source, remembered by source: re-planning after one edit, or
 * planning a divided cell's parts, scans only new sources. Two generations rather than a
 * least-recently-used list, so a hit costs one lookup: when the recent one is full it
 * becomes the older one, and sources used in neither are dropped.
 */
export function scanCell(source: string): CellScan {
  const recent = recentScans.get(source);
  if (recent !== undefined) return recent;
  const scan = olderScans.get(source) ?? newScan(source);
  if (recentScans.size >= generationSize) {
    olderScans = recentScans;
    recentScans = new Map();
  }
  recentScans.set(source, scan);
  return scan;
}

function newScan(source: string): CellScan {
  const masked = maskPython(source);
  return { source, masked, calls: findCalls(masked, source), assignments: findAssignments(masked), statements: statements(masked) };
}

const DEFINITION_START = /^(?:(?:import|from|def|class|async\s+def)\b|@)/;

/** An import, a def, a class or a decorator (masked statement text). */
export function isDefinitionStatement(text: string): boolean {
  return DEFINITION_START.test(text);
}

export interface DefinitionBlock {
  readonly name: string;
  readonly kind: "function" | "class";
  readonly line: number;
  /** Masked text of the whole block, decorators included. */
  readonly text: string;
}

const DEFINITION = /^(?:async\s+)?(def|class)\s+([A-Za-z_]\w*)/;

/** Top-level `def` and `class` blocks, each with its indented body. */
export function definitionBlocks(scan: CellScan): DefinitionBlock[] {
  const blocks: DefinitionBlock[] = [];
  const list = scan.statements;
  let decoratorStart: number | undefined;
  for (let i = 0; i < list.length; i += 1) {
    const statement = list[i];
    if (statement === undefined || statement.indent > 0) continue;
    const head = scan.masked.slice(statement.start, statement.end);
    if (head.startsWith("@")) {
      decoratorStart ??= statement.start;
      continue;
    }
    const match = DEFINITION.exec(head);
    const start = decoratorStart ?? statement.start;
    decoratorStart = undefined;
    if (match === null) continue;
    let end = statement.end;
    while (i + 1 < list.length && (list[i + 1]?.indent ?? 0) > 0) {
      i += 1;
      end = list[i]?.end ?? end;
    }
    blocks.push({ name: match[2] ?? "", kind: match[1] === "class" ? "class" : "function", line: statement.line, text: scan.masked.slice(start, end) });
  }
  return blocks;
}

/** Names a masked text reads as plain identifiers (attribute names after `.` left out). */
export function identifiersIn(masked: string): Set<string> {
  const names = new Set<string>();
  for (const match of masked.matchAll(/(?<![\w.])[A-Za-z_]\w*/g)) names.add(match[0]);
  return names;
}
