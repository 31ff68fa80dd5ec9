// A replacement of a byte range of a cell's Python text. Collectors propose edits over
// the syntax tree; the piece builder applies those that fall inside a kept statement.
export interface CodeEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** What the edit brings in that the module must provide: `logger`, `secret`, `param:<name>`. */
  readonly needs?: string;
}

/** Applies non-overlapping edits that lie within [start, end) to `text.slice(start, end)`. */
export function applyEdits(text: string, start: number, end: number, edits: readonly CodeEdit[]): string {
  const inside = edits.filter((edit) => edit.start >= start && edit.end <= end).sort((a, b) => a.start - b.start);
  let result = "";
  let cursor = start;
  for (const edit of inside) {
    if (edit.start < cursor) continue;
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor, end);
}
