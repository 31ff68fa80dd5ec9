// Calls and top-level assignments found in masked Python source (see sourceScan.ts).
import { LineCounter } from "./sourceScan";

export interface CallSite {
  /** Dotted name as written without spaces: `pd.read_csv`; `.sum` for a call on an expression. */
  readonly name: string;
  /** The callee as the user wrote it, for evidence: `pd.read_csv`, `df["a"].isna().sum`. */
  readonly text: string;
  /** Last segment: `read_csv`. */
  readonly method: string;
  /** First segment of a dotted name (`pd`), undefined for plain and chained calls. */
  readonly receiver?: string;
  /** The first argument when it is a bare name: `joblib.dump(model, ...)` → `model`. */
  readonly firstArg?: string;
  /** For a call on a call's result, the inner call's last segment: `StandardScaler().fit` → `StandardScaler`. */
  readonly chainedOn?: string;
  /** The start of its arguments (masked, at most 40 characters): `[[3, 5, 4, 2]])`. */
  readonly argsText: string;
  readonly line: number;
}

const FIRST_ARG = /\s*([A-Za-z_]\w*)\s*[,)]/y;
const NOT_CALLS = new Set([
  "if", "elif", "while", "for", "in", "not", "and", "or", "is", "return", "yield", "assert",
  "del", "lambda", "with", "except", "await", "import", "from", "print_function", "else", "raise",
]);

/** Every call in `masked`, in source order; `source` (same offsets) gives the text shown. */
export function findCalls(masked: string, source: string = masked): CallSite[] {
  const calls: CallSite[] = [];
  const lines = new LineCounter(masked);
  // Walk back from each `(` rather than matching every identifier: far fewer steps.
  for (let open = masked.indexOf("("); open !== -1; open = masked.indexOf("(", open + 1)) {
    const callee = calleeBefore(masked, open);
    if (callee === undefined) continue;
    const raw = masked.slice(callee.start, callee.end);
    const written = /\s/.test(raw) ? raw.replace(/\s+/g, "") : raw;
    if (NOT_CALLS.has(written) || followsWord(masked, callee.start, "def") || followsWord(masked, callee.start, "class")) continue;
    calls.push(callSite(masked, source, callee, written, lines.lineAt(callee.start), open));
  }
  return calls;
}

function callSite(masked: string, source: string, callee: { start: number; end: number }, written: string, line: number, open: number): CallSite {
  const dot = written.lastIndexOf(".");
  const chained = previousNonBlank(masked, callee.start) === ".";
  const site: { -readonly [K in keyof CallSite]: CallSite[K] } = {
    name: chained ? `.${written}` : written,
    text: chained ? shorten(source.slice(expressionStart(masked, callee.start), callee.end).replace(/\s+/g, "")) : written,
    method: written.slice(dot + 1),
    argsText: masked.slice(open + 1, open + 41),
    line,
  };
  if (!chained && dot !== -1) site.receiver = written.slice(0, written.indexOf("."));
  FIRST_ARG.lastIndex = open + 1;
  const firstArg = FIRST_ARG.exec(masked)?.[1];
  if (firstArg !== undefined) site.firstArg = firstArg;
  const chainedOn = chained ? innerCallName(masked, callee.start) : undefined;
  if (chainedOn !== undefined) site.chainedOn = chainedOn;
  return site;
}

const isBlank = (code: number): boolean => code === 32 || code === 9;
const isWord = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/** The dotted name right before `open` (blanks allowed around dots), if any. */
function calleeBefore(masked: string, open: number): { start: number; end: number } | undefined {
  let i = open - 1;
  while (i >= 0 && isBlank(masked.charCodeAt(i))) i -= 1;
  const end = i + 1;
  let start = end;
  for (;;) {
    let j = i;
    while (j >= 0 && isWord(masked.charCodeAt(j))) j -= 1;
    if (j === i) break;
    start = j + 1;
    let k = j;
    while (k >= 0 && isBlank(masked.charCodeAt(k))) k -= 1;
    if (masked.charCodeAt(k) !== 46) break;
    let m = k - 1;
    while (m >= 0 && isBlank(masked.charCodeAt(m))) m -= 1;
    if (m < 0 || !isWord(masked.charCodeAt(m))) break;
    i = m;
  }
  const first = masked.charCodeAt(start);
  return start === end || (first >= 48 && first <= 57) ? undefined : { start, end };
}

function previousNonBlank(text: string, before: number): string {
  let i = before - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i -= 1;
  return text.charAt(i);
}

/** `word` ends just before `before` (blanks between), as a whole word. */
function followsWord(text: string, before: number, word: string): boolean {
  let end = before;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end -= 1;
  if (end === before) return false;
  const start = end - word.length;
  return start >= 0 && text.startsWith(word, start) && !/\w/.test(text.charAt(start - 1));
}

/** Start of the expression a chained call is made on: `df["a"].isna()` in `df["a"].isna().sum(`. */
function expressionStart(masked: string, callee: number): number {
  let i = masked.lastIndexOf(".", callee - 1) - 1;
  let start = callee;
  for (;;) {
    while (i >= 0 && masked.charAt(i) === " ") i -= 1;
    const ch = masked.charAt(i);
    if (ch === ")" || ch === "]") {
      i = openerOf(masked, i);
      if (i < 0) return start;
      start = i;
      i -= 1;
      continue;
    }
    if (ch === '"' || ch === "'") i = masked.lastIndexOf(ch, i - 1);
    else if (!/\w/.test(ch)) return start;
    while (i > 0 && /\w/.test(masked.charAt(i - 1))) i -= 1;
    start = Math.max(0, i);
    let j = i - 1;
    while (j >= 0 && masked.charAt(j) === " ") j -= 1;
    if (masked.charAt(j) !== ".") return start;
    i = j - 1;
  }
}

function openerOf(masked: string, closer: number): number {
  let depth = 0;
  for (let i = closer; i >= 0; i -= 1) {
    const ch = masked.charAt(i);
    if (ch === ")" || ch === "]" || ch === "}") depth += 1;
    else if ((ch === "(" || ch === "[" || ch === "{") && --depth === 0) return i;
  }
  return -1;
}

function shorten(text: string): string {
  return text.length > 50 ? `${text.slice(0, 20)}...${text.slice(-27)}` : text;
}

/** `Inner(...)` right before the `.` at `before`: its last name segment, if the receiver is a call. */
function innerCallName(masked: string, before: number): string | undefined {
  let i = masked.lastIndexOf(".", before - 1) - 1;
  while (i >= 0 && /\s/.test(masked.charAt(i))) i -= 1;
  if (masked.charAt(i) !== ")") return undefined;
  const open = openerOf(masked, i);
  return /([A-Za-z_]\w*)\s*$/.exec(masked.slice(Math.max(0, open - 80), Math.max(0, open)))?.[1];
}

export interface Assignment {
  readonly name: string;
  /** The called name when the value is a call (`pd.read_csv`), else undefined. */
  readonly call?: string;
  /** Offset of the value in the source, to read a literal from the unmasked text. */
  readonly valueOffset: number;
  readonly line: number;
}

const TOP_LEVEL_ASSIGNMENT = /^([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=(?!=)[ \t]*/gm;
const CALLED_NAME = /([A-Za-z_][\w.]*)[ \t]*\(/y;

/** Simple top-level assignments `name = value` (one target, column 0), in source order. */
export function findAssignments(masked: string): Assignment[] {
  const found: Assignment[] = [];
  const lines = new LineCounter(masked);
  for (const match of masked.matchAll(TOP_LEVEL_ASSIGNMENT)) {
    const valueOffset = match.index + match[0].length;
    CALLED_NAME.lastIndex = valueOffset;
    const call = CALLED_NAME.exec(masked)?.[1];
    found.push({ name: match[1] ?? "", ...(call !== undefined ? { call } : {}), valueOffset, line: lines.lineAt(match.index) });
  }
  return found;
}
