// Which physical lines of a cell start a Python logical line. IPython only rewrites
// `%magic`, `!shell` and `obj?` at the start of a logical line: a line starting with `%`
// inside parentheses or a triple-quoted string is Python (`"%d" \n % x` in a call).

export type LineKind = "start" | "continuation" | "escaped" | "escaped-continuation";

interface ScanState {
  depth: number;
  /** The quote that opened a string still open at the end of the line. */
  quote: string | undefined;
  backslash: boolean;
}

const OPENERS = "([{";
const CLOSERS = ")]}";

/** Scans a string body from `from`; returns where it ends (after the quote) or -1 if it stays open. */
function skipString(line: string, from: number, quote: string): number {
  for (let index = from; index < line.length; index += 1) {
    if (line[index] === "\\") index += 1;
    else if (line.startsWith(quote, index)) return index + quote.length;
  }
  return -1;
}

function openString(line: string, index: number, state: ScanState): number {
  const char = line[index] ?? "";
  const quote = line.startsWith(char.repeat(3), index) ? char.repeat(3) : char;
  const end = skipString(line, index + quote.length, quote);
  if (end !== -1) return end;
  // A one-quote string only continues past the line after a backslash.
  state.quote = quote.length === 3 || line.endsWith("\\") ? quote : undefined;
  return line.length;
}

function scanCode(line: string, from: number, state: ScanState): void {
  for (let index = from; index < line.length; ) {
    const char = line[index] ?? "";
    if (char === "#") return;
    if (char === '"' || char === "'") {
      index = openString(line, index, state);
      continue;
    }
    if (OPENERS.includes(char)) state.depth += 1;
    else if (CLOSERS.includes(char)) state.depth = Math.max(0, state.depth - 1);
    else if (char === "\\" && index === line.length - 1) state.backslash = true;
    index += 1;
  }
}

function scanLine(line: string, state: ScanState): void {
  state.backslash = false;
  let from = 0;
  if (state.quote !== undefined) {
    const end = skipString(line, 0, state.quote);
    if (end === -1) {
      if (state.quote.length === 1 && !line.endsWith("\\")) state.quote = undefined;
      return;
    }
    state.quote = undefined;
    from = end;
  }
  scanCode(line, from, state);
}

/**
 * Classifies each line. `isEscaped` is asked about lines that start a logical line;
 * escaped lines (IPython syntax) are not scanned as Python, and a trailing backslash
 * continues them on the next line.
 */
export function classifyLines(
  lines: readonly string[],
  isEscaped: (line: string, index: number) => boolean,
): LineKind[] {
  const state: ScanState = { depth: 0, quote: undefined, backslash: false };
  let escapedContinues = false;
  return lines.map((line, index): LineKind => {
    if (escapedContinues) {
      escapedContinues = line.endsWith("\\");
      return "escaped-continuation";
    }
    const starts = state.depth === 0 && state.quote === undefined && !state.backslash;
    if (starts && isEscaped(line, index)) {
      escapedContinues = line.endsWith("\\");
      return "escaped";
    }
    scanLine(line, state);
    return starts ? "start" : "continuation";
  });
}
