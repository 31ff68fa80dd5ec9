// Reading plain string literals off the syntax tree: `"abc"`, `r'C:\data'`; not
// f-strings, bytes or strings spanning lines, whose value is not simply their text.
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r", "0": "\0" };

/** The value of a single-line plain string literal, or undefined for anything else. */
export function plainStringValue(node: SyntaxNode, source: string): string | undefined {
  if (node.type !== "string") return undefined;
  const start = node.children.find((child) => child.type === "string_start");
  if (start === undefined || node.children.some((child) => child.type === "interpolation" || child.type === "escape_interpolation")) return undefined;
  const prefix = source.slice(start.start, start.end).replace(/["']+$/, "").toLowerCase();
  if (prefix.includes("f") || prefix.includes("b") || prefix.includes("t")) return undefined;
  const raw = source.slice(start.end, node.children.find((child) => child.type === "string_end")?.start ?? node.end);
  if (raw.includes("\n")) return undefined;
  return prefix.includes("r") ? raw : raw.replace(/\\(.)/g, (whole, ch: string) => ESCAPES[ch] ?? whole);
}

const WINDOWS_ABSOLUTE = /^[A-Za-z]:[\\/][^\\/]/;
const POSIX_ABSOLUTE = /^\/[^/\s][^/]*\/[^/]/;
const HOME_RELATIVE = /^~[\\/][^\\/]/;

/** An absolute file path written into the code: `/home/me/data.csv`, `C:\data\x.csv`, `~/data`. */
export function isAbsoluteFilePath(value: string): boolean {
  if (value.includes("\n") || value.includes("://")) return false;
  return WINDOWS_ABSOLUTE.test(value) || POSIX_ABSOLUTE.test(value) || HOME_RELATIVE.test(value);
}
