// Separates a cell's IPython syntax (magics, shell escapes, help) from its Python, the
// way IPython's input transformers do, but keeping every line where it was so that
// lines of the Python map back to lines of the cell.
import type { FileAccess, MagicRecord } from "../cellAnalysis";
import { classifyLines } from "./logicalLines";
import type { LineKind } from "./logicalLines";
import { MAGIC_FILE_ACCESS, PYTHON_BODY_CELL_MAGICS } from "./magicRules";
import { readEscapeLine } from "./escapeLine";
import type { EscapeLine } from "./escapeLine";

export interface IpythonCell {
  /** The cell's Python: IPython-only lines blanked (or `pass` where a block needs one). */
  readonly python: string;
  /** False when a cell magic (`%%bash`, `%%writefile`) makes the body something else. */
  readonly isPython: boolean;
  readonly magics: readonly MagicRecord[];
  /** Files named by magics: `%run prep.py`, `%%writefile train.py`. */
  readonly fileReads: readonly FileAccess[];
  readonly fileWrites: readonly FileAccess[];
  /** For rewritten lines (`%time x = f()` → `x = f()`): cell column minus Python column. 1-based lines. */
  readonly columnShifts: ReadonlyMap<number, number>;
}

const CELL_MAGIC = /^\s*%%([A-Za-z_][\w.]*)(.*)$/;
/** Cheap test for anything IPython would rewrite; most cells have none. */
const MAYBE_IPYTHON = /^\s*[%!]|\?|=\s*[!%]|^\s*(?:pip|conda|mamba)\s/m;

interface Builder {
  readonly lines: string[];
  readonly magics: MagicRecord[];
  readonly fileReads: FileAccess[];
  readonly fileWrites: FileAccess[];
  readonly columnShifts: Map<number, number>;
}

function firstArgument(text: string): string | undefined {
  const words = text.trim().split(/\s+/).slice(1);
  const path = words.find((word) => !word.startsWith("-"));
  return path?.replace(/^(["'])(.*)\1$/, "$2");
}

function recordMagic(builder: Builder, magic: MagicRecord): void {
  builder.magics.push(magic);
  if (magic.kind === "shell") return;
  const access = MAGIC_FILE_ACCESS.get(magic.name);
  const path = access === undefined ? undefined : firstArgument(magic.text);
  if (path === undefined || path === "") return;
  const record = { path, call: `${magic.kind === "cell-magic" ? "%%" : "%"}${magic.name}`, line: magic.line };
  (access === "read" ? builder.fileReads : builder.fileWrites).push(record);
}

/** The cell magic on the first non-blank line, if any, and that line's index. */
function cellMagic(lines: readonly string[]): { readonly index: number; readonly name: string; readonly text: string } | undefined {
  const index = lines.findIndex((line) => line.trim() !== "");
  const match = CELL_MAGIC.exec(lines[index] ?? "");
  if (match === null) return undefined;
  const name = match[1] ?? "";
  return { index, name, text: `${name}${match[2] ?? ""}`.trimEnd() };
}

function applyEscape(builder: Builder, index: number, escape: EscapeLine): void {
  builder.lines[index] = escape.python;
  if (escape.shift !== 0) builder.columnShifts.set(index + 1, escape.shift);
  recordMagic(builder, { kind: escape.kind, name: escape.name, text: escape.text, line: index + 1 });
}

function continueMagic(builder: Builder, index: number, line: string): void {
  builder.lines[index] = "";
  const last = builder.magics.pop();
  if (last !== undefined) builder.magics.push({ ...last, text: `${last.text.replace(/\\$/, "")} ${line.trim()}` });
}

function rewriteLines(builder: Builder, kinds: readonly LineKind[], escapes: ReadonlyMap<number, EscapeLine>): void {
  kinds.forEach((kind, index) => {
    const escape = escapes.get(index);
    if (kind === "escaped" && escape !== undefined) applyEscape(builder, index, escape);
    else if (kind === "escaped-continuation") continueMagic(builder, index, builder.lines[index] ?? "");
  });
}

export function splitIpython(source: string): IpythonCell {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const builder: Builder = { lines, magics: [], fileReads: [], fileWrites: [], columnShifts: new Map() };
  const cell = cellMagic(lines);
  let isPython = true;
  if (cell !== undefined) {
    recordMagic(builder, { kind: "cell-magic", name: cell.name, text: cell.text, line: cell.index + 1 });
    isPython = PYTHON_BODY_CELL_MAGICS.has(cell.name);
    lines.fill("", isPython ? cell.index : 0, isPython ? cell.index + 1 : lines.length);
  }
  if (isPython && MAYBE_IPYTHON.test(source)) {
    const escapes = new Map<number, EscapeLine>();
    const kinds = classifyLines(lines, (line, index) => {
      const escape = readEscapeLine(line);
      if (escape !== undefined) escapes.set(index, escape);
      return escape !== undefined;
    });
    rewriteLines(builder, kinds, escapes);
  }
  const { magics, fileReads, fileWrites, columnShifts } = builder;
  return { python: lines.join("\n"), isPython, magics, fileReads, fileWrites, columnShifts };
}
