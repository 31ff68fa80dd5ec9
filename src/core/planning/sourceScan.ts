// Lexical scan of a Python cell for the planner. CellAnalysis says what a cell binds and
// reads, not which calls it makes; the stage rules need the calls, so we find them here
// with a regex over the source with strings, comments and IPython lines blanked out.
// A lexical scan is enough for evidence ("calls pd.read_csv on line 2") and costs
// one pass per cell, where a second parse would double the analysis time.

const NEWLINE = 10;
const QUOTE = 34;
const APOSTROPHE = 39;
const HASH = 35;

/** The source with string contents, comments and `%`/`!` lines replaced by spaces (offsets kept). */
export function maskPython(source: string): string {
  // Built from slices, not characters: this runs on every cell of every plan.
  const parts: string[] = [];
  let copied = 0;
  const mask = (from: number, to: number): void => {
    parts.push(source.slice(copied, from), blank(source.slice(from, to)));
    copied = to;
  };
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < source.length; ) {
    if (lineStart && depth === 0 && startsIpythonLine(source, i)) {
      const end = lineEnd(source, i);
      mask(i, end);
      i = end;
      lineStart = false;
      continue;
    }
    const code = source.charCodeAt(i);
    lineStart = code === NEWLINE;
    if (code === HASH) {
      const end = lineEnd(source, i);
      mask(i, end);
      i = end;
    } else if (code === QUOTE || code === APOSTROPHE) {
      const { contentEnd, end } = stringEnd(source, i);
      mask(i + (source.startsWith(source.charAt(i).repeat(3), i) ? 3 : 1), contentEnd);
      i = end;
    } else {
      if (code === 40 || code === 91 || code === 123) depth += 1;
      else if ((code === 41 || code === 93 || code === 125) && depth > 0) depth -= 1;
      i += 1;
    }
  }
  parts.push(source.slice(copied));
  return parts.join("");
}

function startsIpythonLine(source: string, from: number): boolean {
  let i = from;
  while (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9) i += 1;
  const code = source.charCodeAt(i);
  return code === 37 || code === 33;
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf("\n", from);
  return end === -1 ? source.length : end;
}

function blank(text: string): string {
  return text.includes("\n") ? text.replace(/[^\n]/g, " ") : " ".repeat(text.length);
}

/** Where the string starting at `start` ends: its content, and just past its closing quote (or where it breaks off). */
function stringEnd(source: string, start: number): { contentEnd: number; end: number } {
  const quote = source.charAt(start);
  const closing = source.startsWith(quote.repeat(3), start) ? quote.repeat(3) : quote;
  let i = start + closing.length;
  while (i < source.length) {
    const code = source.charCodeAt(i);
    if (code === 92) i += 2;
    else if (closing.length === 1 && code === NEWLINE) return { contentEnd: i, end: i };
    else if (source.startsWith(closing, i)) return { contentEnd: i, end: i + closing.length };
    else i += 1;
  }
  return { contentEnd: source.length, end: source.length };
}

/** 1-based line of each offset, answered in increasing offset order without rescanning. */
export class LineCounter {
  private offset = 0;
  private line = 1;
  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
    }
    for (let i = this.offset; i < offset; i += 1) if (this.text.charCodeAt(i) === 10) this.line += 1;
    this.offset = offset;
    return this.line;
  }
}

export interface Statement {
  /** Offsets into the source: [start, end). */
  readonly start: number;
  readonly end: number;
  /** 1-based line of the first character. */
  readonly line: number;
  /** Leading spaces of its first line: 0 for a top-level statement. */
  readonly indent: number;
}

/** Logical lines of masked source (brackets and `\` joined, `;` split), blank ones left out. */
export function statements(masked: string): Statement[] {
  const found: Statement[] = [];
  let depth = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let sameLineIndent: number | undefined;
  const close = (end: number): void => {
    let first = start;
    while (first < end && /\s/.test(masked.charAt(first))) first += 1;
    if (first === end) return;
    // Statements start right after a line break or `;`: their leading blanks are the indent.
    const indent = sameLineIndent ?? first - start;
    found.push({ start: first, end, line: startLine, indent });
    sameLineIndent = indent;
  };
  for (let i = 0; i < masked.length; i += 1) {
    const code = masked.charCodeAt(i);
    if (code === 40 || code === 91 || code === 123) depth += 1;
    else if ((code === 41 || code === 93 || code === 125) && depth > 0) depth -= 1;
    const newline = code === NEWLINE;
    if (depth === 0 && ((newline && masked.charCodeAt(i - 1) !== 92) || code === 59)) {
      close(i);
      if (newline) sameLineIndent = undefined;
      start = i + 1;
      startLine = newline ? line + 1 : line;
    }
    if (newline) line += 1;
  }
  close(masked.length);
  return found;
}
