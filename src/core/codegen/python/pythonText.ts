// Small pieces of Python text built from data: literals, identifiers, class names.

export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
  "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
  "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

export function isPythonIdentifier(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && !PYTHON_KEYWORDS.has(text);
}


/** A double-quoted Python string literal that evaluates to `value`. */
export function pyString(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(/[^\x20-\x7e\u0080-\uffff]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return `"${escaped}"`;
}

/** A JSON-like value as a Python literal; objects become dicts with string keys. */
export function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "string") return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${pyString(key)}: ${pyLiteral(item)}`).join(", ")}}`;
  }
  return typeof value === "bigint" ? value.toString() : "None";
}

function pyNumber(value: number): string {
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
  return String(value);
}

/** `train_model` → `TrainModel`, the prefix of a step's outputs class. */
export function pascalCase(snake: string): string {
  const pascal = snake
    .split(/_+/)
    .filter((part) => part !== "")
    .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
    .join("");
  return /^[A-Za-z_]/.test(pascal) ? pascal : `Step${pascal}`;
}

/** A Python package name (snake_case, valid identifier) from any text, e.g. a notebook stem. */
export function toPackageName(text: string): string {
  const snake = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const named = snake === "" ? "pipeline" : snake;
  const prefixed = /^[0-9]/.test(named) ? `nb_${named}` : named;
  return PYTHON_KEYWORDS.has(prefixed) ? `${prefixed}_pipeline` : prefixed;
}

/** A Python tuple of strings: `()`, `("a",)`, `("a", "b")`. */
export function pyTuple(values: readonly string[]): string {
  if (values.length === 0) return "()";
  return `(${values.map(pyString).join(", ")}${values.length === 1 ? "," : ""})`;
}

/**
 * `from module import a, b` as isort (ruff's I001) lays it out: on one line when it fits
 * 88 columns with its indentation, else one name per line in parentheses.
 */
export function fromImport(module: string, names: readonly string[], indent = ""): string {
  const line = `${indent}from ${module} import ${names.join(", ")}`;
  if (line.length <= 88) return line;
  return [`${indent}from ${module} import (`, ...names.map((name) => `${indent}    ${name},`), `${indent})`].join("\n");
}
