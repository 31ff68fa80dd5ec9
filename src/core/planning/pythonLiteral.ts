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
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", a: "\u0007", b: "\b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "\n": "" };

/**
 * The escape at `text[index]` (just after a backslash) as Python decodes it in a str
 * literal: its value and length; undefined for one this reader does not decode
 * (`\N{...}`, an invalid `\x`), so the literal is not taken as a plain value.
 */
function pythonEscape(text: string, index: number): { value: string; length: number } | undefined {
  const next = text.charAt(index);
  const simple = ESCAPES[next];
  if (simple !== undefined) return { value: simple, length: 1 };
  const octal = /^[0-7]{1,3}/.exec(text.slice(index, index + 3));
  if (octal !== null) return { value: String.fromCodePoint(parseInt(octal[0], 8)), length: octal[0].length };
  const digits = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
  if (digits > 0) {
    const hex = text.slice(index + 1, index + 1 + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return undefined;
    const code = parseInt(hex, 16);
    // A lone surrogate has no UTF-8 form in params.yaml: not a plain value.
    return code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? undefined : { value: String.fromCodePoint(code), length: 1 + digits };
  }
  if (next === "N") return undefined;
  // Python keeps an unknown escape as written, backslash included.
  return { value: `\\${next}`, length: 1 };
}

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
        if (raw) {
          value += ch + this.text.charAt(i + 1);
          i += 2;
          continue;
        }
        const escape = pythonEscape(this.text, i + 1);
        if (escape === undefined) return undefined;
        value += escape.value;
        i += 1 + escape.length;
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
