// Offsets → lines and columns of one parsed cell (tree-sitter offsets are UTF-16 units,
// the same units as JavaScript strings).

export class SourceText {
  private readonly lineStarts: number[] = [0];
  private readonly ascii: boolean;

  constructor(readonly source: string) {
    // eslint-disable-next-line no-control-regex -- the ASCII range is the point
    this.ascii = /^[\x00-\x7f]*$/.test(source);
    for (let index = source.indexOf("\n"); index !== -1; index = source.indexOf("\n", index + 1)) {
      this.lineStarts.push(index + 1);
    }
  }

  /** The node's text; identifiers NFKC-normalized as Python does (`ｗｉｄｔｈ` is `width`). */
  text(node: { readonly type?: string; readonly start: number; readonly end: number }): string {
    const text = this.source.slice(node.start, node.end);
    return this.ascii || node.type !== "identifier" ? text : text.normalize("NFKC");
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** 0-based column (UTF-16 units) of an offset. */
  column(offset: number): number {
    return offset - (this.lineStarts[this.line(offset) - 1] ?? 0);
  }

  /** Column of the first non-blank character on the offset's line. */
  indentation(offset: number): number {
    const lineStart = this.lineStarts[this.line(offset) - 1] ?? 0;
    let index = lineStart;
    while (this.source[index] === " " || this.source[index] === "\t") index += 1;
    return index - lineStart;
  }

  /** Whether only blanks precede the offset on its line. */
  startsLine(offset: number): boolean {
    const lineStart = this.lineStarts[this.line(offset) - 1] ?? 0;
    return this.source.slice(lineStart, offset).trim() === "";
  }
}
