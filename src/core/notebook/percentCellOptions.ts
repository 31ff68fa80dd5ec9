// The text after `# %%` on a percent-script cell marker, read the way Jupytext reads it:
// an optional title, an optional `[markdown]` / `[md]` / `[raw]` cell type, then either
// `key=value` pairs with JSON values (`tags=["parameters"]`) or one JSON object.
import { z } from "zod";
import type { CellKind } from "./notebookModel";

export interface PercentCellOptions {
  readonly kind: CellKind;
  readonly metadata: Record<string, unknown>;
}

const METADATA_KEY = /^[a-zA-Z0-9_.-]+$/;
const IDENTIFIER = /^[a-zA-Z_.][a-zA-Z0-9_.]*$/;
const CELL_TYPES: readonly (readonly [string, CellKind])[] = [
  ["[markdown]", "markdown"],
  ["[raw]", "raw"],
  ["[md]", "markdown"],
];

/** Jupytext keeps text it cannot parse under this key rather than dropping it. */
const unparsed = (text: string): Record<string, unknown> => ({ incorrectly_encoded_metadata: text });

export function parsePercentCellOptions(options: string): PercentCellOptions {
  const { title, metadata } = titleAndMetadata(options.trim());
  let rest = title;
  let kind: CellKind = "code";
  const cellType = CELL_TYPES.find(([marker]) => rest.includes(marker));
  if (cellType !== undefined) {
    rest = rest.replace(cellType[0], "").trim();
    kind = cellType[1];
  }
  // Spyder's sub-cells (`# %%%`) are plain cells for a notebook.
  rest = rest.replace(/^%+/, "").trim();
  return { kind, metadata: rest === "" ? metadata : { ...metadata, title: rest } };
}

function titleAndMetadata(text: string): { title: string; metadata: Record<string, unknown> } {
  const brace = text.indexOf("{");
  const equals = text.indexOf("=");
  if (brace >= 0 && (equals < 0 || brace < equals)) {
    return { title: text.slice(0, brace).trim(), metadata: jsonObject(text.slice(brace)) };
  }
  const words = (equals >= 0 ? text.slice(0, equals) : text).split(" ");
  if (equals >= 0) {
    while (words.length > 0 && words.at(-1) === "") words.pop();
    words.pop(); // the key before the first "="
  }
  while (words.length > 0 && (words.at(-1)?.trim() === "" || words.at(-1)?.startsWith("."))) words.pop();
  const title = words.join(" ");
  return { title, metadata: keyValues(text.slice(title.length)) };
}

const objectSchema = z.record(z.string(), z.unknown());

function jsonObject(text: string): Record<string, unknown> {
  const value = parseJson(text);
  const parsed = objectSchema.safeParse(value.ok ? value.value : undefined);
  return parsed.success ? parsed.data : unparsed(text);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** `a=1 tags=["x", "y"] flag`: from the right, so JSON values may contain spaces and "=". */
function keyValues(input: string): Record<string, unknown> {
  const text = input.trim();
  if (text === "") return {};
  const lastSpace = text.lastIndexOf(" ");
  const lastWord = text.slice(lastSpace + 1);
  if (!text.startsWith("--") && IDENTIFIER.test(lastWord)) {
    return { ...(lastSpace > 0 ? keyValues(text.slice(0, lastSpace)) : {}), [lastWord]: null };
  }
  for (let equals = text.lastIndexOf("="); equals >= 0; equals = equals > 0 ? text.lastIndexOf("=", equals - 1) : -1) {
    const keyStart = text.slice(0, equals).trimEnd().lastIndexOf(" ");
    const key = text.slice(keyStart + 1, equals).trim();
    const value = METADATA_KEY.test(key) ? parseJson(text.slice(equals + 1)) : { ok: false as const };
    if (value.ok) return { ...(keyStart > 0 ? keyValues(text.slice(0, keyStart)) : {}), [key]: value.value };
  }
  return unparsed(text);
}
