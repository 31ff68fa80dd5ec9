// An indentation-aware writer for Python text. Printers say what to write (a line, a
// block under a header, a verbatim piece of notebook code) and the writer owns the
// indentation, so no printer ever counts spaces or concatenates indented strings.

const INDENT = "    ";

/** Code kept as written (a notebook cell's statements), to be placed at some depth. */
export interface VerbatimCode {
  readonly lines: readonly string[];
  /** Indices of lines inside a multi-line string: their text is data, never re-indented. */
  readonly rawLines: ReadonlySet<number>;
}

export class PythonWriter {
  private readonly out: string[] = [];
  private depth = 0;

  /** One line at the current depth; an empty line stays empty (no trailing spaces). */
  line(text = ""): this {
    this.out.push(text === "" ? "" : `${INDENT.repeat(this.depth)}${text}`);
    return this;
  }

  lines(texts: readonly string[]): this {
    for (const text of texts) this.line(text);
    return this;
  }

  /** A blank line, unless the previous line is already blank or nothing was written. */
  blank(): this {
    const last = this.out[this.out.length - 1];
    if (last !== undefined && last !== "") this.out.push("");
    return this;
  }

  /** `header:` followed by `body` one level deeper; `pass` when the body wrote nothing. */
  block(header: string, body: () => void): this {
    this.line(`${header}:`);
    const before = this.out.length;
    this.indented(body);
    if (this.out.length === before) this.indented(() => this.line("pass"));
    return this;
  }

  indented(body: () => void): this {
    this.depth += 1;
    try {
      body();
    } finally {
      this.depth -= 1;
    }
    return this;
  }

  /** Notebook code at the current depth; lines inside multi-line strings keep their text. */
  verbatim(code: VerbatimCode): this {
    code.lines.forEach((text, index) => {
      if (code.rawLines.has(index)) this.out.push(text);
      else this.line(text);
    });
    return this;
  }

  /** The text with exactly one trailing newline and no trailing blank lines. */
  toString(): string {
    let end = this.out.length;
    while (end > 0 && this.out[end - 1] === "") end -= 1;
    return `${this.out.slice(0, end).join("\n")}\n`;
  }
}
