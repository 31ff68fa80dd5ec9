// The parameters cell (papermill `parameters`, Kale `pipeline-parameters`) becomes typed
// params: each simple `name = literal` line is one param; anything else is reported,
// because params.yaml can only hold plain values.
import type { LiteralValue } from "./pythonLiteral";
import { parsePythonLiteral } from "./pythonLiteral";
import { maskPython, statements } from "./sourceScan";

export interface ParsedParam {
  readonly name: string;
  readonly value: LiteralValue;
  readonly type: string;
  readonly line: number;
}

export interface ParsedParameters {
  readonly params: readonly ParsedParam[];
  readonly problems: readonly { readonly line: number; readonly text: string }[];
}

const ASSIGNMENT = /^([A-Za-z_]\w*)[ \t]*(?::[ \t]*([^=\n]+?)[ \t]*)?=(?!=)([\s\S]*)$/;

export function parseParametersCell(source: string): ParsedParameters {
  const masked = maskPython(source);
  const byName = new Map<string, ParsedParam>();
  const problems: { line: number; text: string }[] = [];
  for (const statement of statements(masked)) {
    const text = source.slice(statement.start, statement.end).trim();
    const match = ASSIGNMENT.exec(text);
    const literal = match === null ? undefined : parsePythonLiteral(match[3] ?? "");
    if (match === null || literal === undefined) {
      problems.push({ line: statement.line, text: text.split("\n")[0] ?? text });
      continue;
    }
    const name = match[1] ?? "";
    byName.delete(name);
    byName.set(name, { name, value: literal.value, type: declaredType(match[2], literal.type, literal.value), line: statement.line });
  }
  return { params: [...byName.values()], problems };
}

/**
 * An annotation wins when the literal fits it: it widens (`x: float = 1`) or names the
 * items of an empty list (`xs: list[str] = []`). Otherwise the literal's own type stands.
 */
function declaredType(annotation: string | undefined, inferred: string, value: LiteralValue): string {
  const declared = annotation?.replace(/\s+/g, "");
  if (declared === undefined || declared === inferred) return inferred;
  if (declared === "float" && inferred === "int") return declared;
  if (declared === "list[float]" && inferred === "list[int]") return declared;
  if (Array.isArray(value) && value.length === 0 && /^list\[\w+\]$/.test(declared)) return declared;
  return inferred;
}
