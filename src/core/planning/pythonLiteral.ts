// A Python literal (int, float, str, bool, list of these) read from source text, with the
// Python type name the generated params dataclass will use. Anything else — None, dicts,
// tuples, expressions — is not a parameter value, so the parser returns undefined.

export type LiteralValue = number | string | boolean | LiteralValue[];

export interface TypedLiteral {
  readonly value: LiteralValue;
  /** `int`, `float`, `str`, `bool`, `list[int]`, `list[list[str]]`, or `list` when mixed or empty. */
  readonly type: string;
}

export function parsePythonLiteral(text: string): TypedLiteral | undefined {
  const parser = new LiteralParser(text);
  const literal = parser.literal();
  return literal !== undefined && parser.atEnd() ? literal : undefined;
}

const NUMBER = /^[+-]?(?:\d[\d_]*(\.[\d_]*)?|(\.)\d[\d_]*)([eE][+-]?\d+)?(?![\w.])/;
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"' };

class LiteralParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  literal(): TypedLiteral | undefined {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("[")) return this.list();
    for (const [word, value] of [["True", true], ["False", false]] as const) {
      if (new RegExp(`^${word}(?!\\w)`).test(rest)) {
        this.pos += word.length;
        return { value, type: "bool" };
      }
    }
    const number = NUMBER.exec(rest);
    if (number !== null) {
      this.pos += number[0].length;
      const isFloat = number[1] !== undefined || number[2] !== undefined || number[3] !== undefined;
      return { value: Number(number[0].replace(/_/g, "")), type: isFloat ? "float" : "int" };
    }
    return this.strings();
  }

  private list(): TypedLiteral | undefined {
    this.pos += 1;
    const items: TypedLiteral[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text.charAt(this.pos) === "]") break;
      const item = this.literal();
      if (item === undefined) return undefined;
      items.push(item);
      this.skipSpace();
      if (this.text.charAt(this.pos) === ",") this.pos += 1;
      else if (this.text.charAt(this.pos) !== "]") return undefined;
    }
    this.pos += 1;
    return { value: items.map((item) => item.value), type: listType(items.map((item) => item.type)) };
  }

  /** One string, or adjacent strings concatenated as Python does. */
  private strings(): TypedLiteral | undefined {
    let value: string | undefined;
    for (let next = this.string(); next !== undefined; next = this.string()) {
      value = (value ?? "") + next;
      this.skipSpace();
    }
    return value === undefined ? undefined : { value, type: "str" };
  }

  private string(): string | undefined {
    const head = /^([rRuU]?)('''|"""|'|")/.exec(this.text.slice(this.pos));
    if (head === null) return undefined;
    const raw = (head[1] ?? "").toLowerCase() === "r";
    const quote = head[2] ?? "";
    let i = this.pos + head[0].length;
    let value = "";
    while (i < this.text.length && !this.text.startsWith(quote, i)) {
      const ch = this.text.charAt(i);
      if (quote.length === 1 && ch === "\n") return undefined;
      if (ch === "\\" && i + 1 < this.text.length) {
        const next = this.text.charAt(i + 1);
        value += raw ? ch + next : (ESCAPES[next] ?? ch + next);
        i += 2;
      } else {
        value += ch;
        i += 1;
      }
    }
    if (i >= this.text.length) return undefined;
    this.pos = i + quote.length;
    return value;
  }

  private skipSpace(): void {
    const match = /^(?:\s|#[^\n]*|\\\n)*/.exec(this.text.slice(this.pos));
    this.pos += match?.[0].length ?? 0;
  }
}

function listType(itemTypes: readonly string[]): string {
  const distinct = [...new Set(itemTypes)];
  if (distinct.length === 1) return `list[${distinct[0] ?? ""}]`;
  if (distinct.length === 2 && distinct.includes("int") && distinct.includes("float")) return "list[float]";
  return "list";
}
