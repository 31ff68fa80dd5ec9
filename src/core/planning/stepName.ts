// Step names become Python module and function names in the generated package, so they
// must be snake_case identifiers that are not Python keywords.

const PYTHON_KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
  "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
  "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield", "match", "case", "type", "_",
]);

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

// Keywords that can never name a variable (`match`, `case`, `type` and `_` are soft keywords).
const HARD_KEYWORDS = new Set([...PYTHON_KEYWORDS].filter((word) => !["match", "case", "type", "_"].includes(word)));
// Python identifiers may be Unicode (PEP 3131): XID_Start then XID_Continue characters.
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/** Returns why `name` cannot be a Python variable or parameter name, or undefined when it can. */
export function pythonNameProblem(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return `"${name}" is not a Python identifier.`;
  if (HARD_KEYWORDS.has(name)) return `"${name}" is a Python keyword.`;
  return undefined;
}

/** Returns why `name` cannot be a step name, or undefined when it can. */
export function stepNameProblem(name: string): string | undefined {
  if (name.length === 0) return "A step name cannot be empty.";
  if (name.length > 64) return "A step name must be at most 64 characters long.";
  if (!SNAKE_CASE.test(name)) {
    return "Use snake_case: lower-case letters, digits and underscores, starting with a letter (for example load_data).";
  }
  if (PYTHON_KEYWORDS.has(name)) return `"${name}" is a Python keyword; choose another name.`;
  return undefined;
}

/** Turns free text ("Train the model!") into a valid step name ("train_the_model"). */
export function toStepName(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 6);
  let name = words.join("_");
  if (name === "" || !/^[a-z]/.test(name)) name = `step_${name}`.replace(/_+$/, "");
  if (PYTHON_KEYWORDS.has(name)) name = `${name}_step`;
  return name.slice(0, 64);
}

/** The first `step_N` (N ≥ 1) that is not taken. */
export function nextFreeStepName(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n += 1) {
    const candidate = `step_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * `base`, else `base_2`, `base_3`, …: the first not in `taken`, kept within 64 characters.
 * `tried` remembers, per base, the suffixes already found taken: names are only ever added
 * to `taken`, so naming many steps after one base stays linear.
 */
export function uniqueStepName(base: string, taken: ReadonlySet<string>, tried?: Map<string, number>): string {
  if (!taken.has(base)) return base;
  for (let n = tried?.get(base) ?? 2; ; n += 1) {
    tried?.set(base, n);
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
