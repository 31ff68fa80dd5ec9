// Which lines of a Python script begin inside a multi-line string, so that a `# %%`
// written inside a docstring is not taken for a cell marker (a port of Jupytext's
// StringParser, which percent-script readers are expected to agree with).

interface QuoteState {
  /** The quote character of an open triple-quoted string. */
  readonly triple: string | undefined;
}

function isComment(line: string): boolean {
  return line.trimStart().startsWith("#");
}

function advance(state: QuoteState, line: string): QuoteState {
  if (state.triple === undefined && isComment(line)) return state;
  let triple = state.triple;
  let single: string | undefined;
  let tripleEnd = -1;
  for (let i = 0; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (single === undefined && triple === undefined && char === "#") break;
    if ((char !== '"' && char !== "'") || line.charAt(i - 1) === "\\") continue;
    if (single !== undefined) {
      if (single === char) single = undefined;
      continue;
    }
    // The two quotes before this one were read as an empty string; together they open or close a triple.
    if (i >= 2 && line.slice(i - 2, i + 1) === char.repeat(3) && i >= tripleEnd + 3) {
      if (triple === undefined || triple === char) {
        triple = triple === undefined ? char : undefined;
        tripleEnd = i;
      }
      continue;
    }
    if (triple === undefined) single = char;
  }
  return { triple };
}

/** `result[i]` is true when line `i` starts inside a triple-quoted string. */
export function linesStartingInString(lines: readonly string[]): boolean[] {
  let state: QuoteState = { triple: undefined };
  return lines.map((line) => {
    const quoted = state.triple !== undefined;
    state = advance(state, line);
    return quoted;
  });
}
