// Value ranges the notebook itself asserts on the data a step hands on, so the data checks
// keep them: `assert X["age"].between(0, 120).all()`, `assert (y >= 0).all()`,
// `assert X["bmi"].min() > 0`. Only these exact one-line forms with plain number literals
// and simple column names are taken; anything else is left to the notebook's own assert.

/** One range a value (a DataFrame column, or a Series when `column` is undefined) must lie in. */
export type RangeCheck =
  | { readonly column?: string; readonly kind: "ge" | "le" | "gt" | "lt"; readonly bound: number }
  | { readonly column?: string; readonly kind: "in_range"; readonly min: number; readonly max: number };

const NUMBER = String.raw`(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)`;
// A column name without quotes or backslashes reads the same in Python and here.
const TARGET = String.raw`([A-Za-z_][A-Za-z0-9_]*)(?:\[(?:"([\w .-]*)"|'([\w .-]*)')\])?`;
const MESSAGE = String.raw`\s*(?:,.*)?$`;
const BETWEEN = new RegExp(String.raw`^assert\s+${TARGET}\.between\(\s*${NUMBER}\s*,\s*${NUMBER}\s*\)\.all\(\)${MESSAGE}`);
const COMPARED = new RegExp(String.raw`^assert\s+\(\s*${TARGET}\s*(>=|<=|>|<)\s*${NUMBER}\s*\)\.all\(\)${MESSAGE}`);
const EXTREME = new RegExp(String.raw`^assert\s+${TARGET}\.(min|max)\(\)\s*(>=|<=|>|<)\s*${NUMBER}${MESSAGE}`);

const OPERATORS: Readonly<Record<string, "ge" | "le" | "gt" | "lt">> = { ">=": "ge", "<=": "le", ">": "gt", "<": "lt" };

interface Found {
  readonly value: string;
  readonly check: RangeCheck;
}

function withColumn(column: string | undefined, check: RangeCheck): RangeCheck {
  return column === undefined ? check : { ...check, column };
}

function parseAssert(line: string): Found | undefined {
  const between = BETWEEN.exec(line);
  if (between?.[1] !== undefined) {
    return { value: between[1], check: withColumn(between[2] ?? between[3], { kind: "in_range", min: Number(between[4]), max: Number(between[5]) }) };
  }
  const compared = COMPARED.exec(line);
  const comparedKind = OPERATORS[compared?.[4] ?? ""];
  if (compared?.[1] !== undefined && comparedKind !== undefined) {
    return { value: compared[1], check: withColumn(compared[2] ?? compared[3], { kind: comparedKind, bound: Number(compared[5]) }) };
  }
  const extreme = EXTREME.exec(line);
  const extremeKind = OPERATORS[extreme?.[5] ?? ""];
  // min() >= n bounds every value from below, max() <= n from above; the other pairings bound nothing.
  const bounds = extremeKind !== undefined && (extreme?.[4] === "min" ? extremeKind === "ge" || extremeKind === "gt" : extremeKind === "le" || extremeKind === "lt");
  if (extreme?.[1] !== undefined && extremeKind !== undefined && bounds) {
    return { value: extreme[1], check: withColumn(extreme[2] ?? extreme[3], { kind: extremeKind, bound: Number(extreme[6]) }) };
  }
  return undefined;
}

/**
 * Whether `line` may change `value`: an assignment to it or through it (`X = ...`,
 * `X["a"] += 1`, `X.loc[0, "a"] = 5`), or anything in place. Errs on the side of yes
 * (a keyword argument after the name counts too); asserts and comments change nothing.
 */
function mayChange(line: string, value: string): boolean {
  if (line.startsWith("assert") || line.startsWith("#")) return false;
  return new RegExp(String.raw`(^|[^\w.])${value}\b[^=]*?(?<![<>!=])=(?!=)`).test(line) || /inplace\s*=\s*True/.test(line);
}

/**
 * The ranges the step's code (`source`, its cells in order) asserts on `values`, by value
 * name. A value the code may change after an assert keeps none of that assert's ranges.
 */
export function assertedRanges(source: string, values: ReadonlySet<string>): Map<string, RangeCheck[]> {
  const lines = source.split("\n").map((line) => line.trim());
  const ranges = new Map<string, RangeCheck[]>();
  lines.forEach((line, index) => {
    const found = parseAssert(line);
    if (found === undefined || !values.has(found.value)) return;
    if (lines.slice(index + 1).some((later) => mayChange(later, found.value))) return;
    ranges.set(found.value, [...(ranges.get(found.value) ?? []), found.check]);
  });
  return ranges;
}
