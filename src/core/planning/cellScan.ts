// One lexical scan per cell, shared by the stage rules, the shared-code lifter and the
// type hints, so no cell source is scanned twice.
import type { Assignment, CallSite } from "./pythonCalls";
import { findAssignments, findCalls } from "./pythonCalls";
import type { Statement } from "./sourceScan";
import { maskPython, statements } from "./sourceScan";

export interface CellScan {
  readonly source: string;
  readonly masked: string;
  readonly calls: readonly CallSite[];
  readonly assignments: readonly Assignment[];
  readonly statements: readonly Statement[];
}

const SCAN_CACHE_SIZE = 10_000;
const scanCache = new Map<string, CellScan>();

/**
 * The scan of a cell's source, remembered by source (least recently used dropped first):
 * re-planning after one edit, or planning a divided cell's parts, scans only new sources.
 */
export function scanCell(source: string): CellScan {
  const known = scanCache.get(source);
  if (known !== undefined) {
    scanCache.delete(source);
    scanCache.set(source, known);
    return known;
  }
  const masked = maskPython(source);
  const scan = { source, masked, calls: findCalls(masked, source), assignments: findAssignments(masked), statements: statements(masked) };
  scanCache.set(source, scan);
  if (scanCache.size > SCAN_CACHE_SIZE) {
    const oldest = scanCache.keys().next();
    if (oldest.done !== true) scanCache.delete(oldest.value);
  }
  return scan;
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
