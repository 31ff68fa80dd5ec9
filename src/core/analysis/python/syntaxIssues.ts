// Syntax errors as a person would want them: where, and what to fix. tree-sitter marks
// what it could not parse (ERROR) and what it had to invent (MISSING); it also accepts a
// few things Python 3 rejects (the Python 2 print statement, stray indentation).
import type { SyntaxIssue } from "../cellAnalysis";
import { classifyLines } from "./logicalLines";
import type { LineKind } from "./logicalLines";
import type { SourceText } from "./sourceText";
import type { SyntaxNode } from "./syntaxTree";

interface IssueContext {
  readonly text: SourceText;
  /** Cell column minus parsed column, for lines rewritten from IPython syntax. */
  readonly shifts: ReadonlyMap<number, number>;
  readonly issues: SyntaxIssue[];
  /** Which lines start a logical line, computed when first needed. */
  lineKinds?: readonly LineKind[];
}

const SIMPLE_STATEMENTS: ReadonlySet<string> = new Set([
  "expression_statement", "return_statement", "import_statement", "import_from_statement", "future_import_statement",
  "assert_statement", "delete_statement", "raise_statement", "global_statement", "nonlocal_statement",
  "pass_statement", "break_statement", "continue_statement", "type_alias_statement",
]);

const CLOSER_OF: ReadonlyMap<string, string> = new Map([
  ["(", ")"],
  ["[", "]"],
  ["{", "}"],
]);
const CLOSERS: ReadonlySet<string> = new Set(CLOSER_OF.values());

const PYTHON2_STATEMENTS: Readonly<Record<string, string>> = {
  print_statement: 'Missing parentheses in call to "print": write print(...)',
  exec_statement: 'Missing parentheses in call to "exec": write exec(...)',
};

function report(context: IssueContext, offset: number, message: string): void {
  const line = context.text.line(offset);
  const column = context.text.column(offset) + 1 + (context.shifts.get(line) ?? 0);
  if (context.issues.some((issue) => issue.line === line)) return;
  context.issues.push({ line, column, message });
}

interface BracketBalance {
  /** Brackets that no later token closes. */
  readonly unclosed: readonly SyntaxNode[];
  /** The first closing bracket that closes nothing. */
  readonly unmatched: SyntaxNode | undefined;
}

function bracketBalance(tokens: readonly SyntaxNode[]): BracketBalance {
  const open: SyntaxNode[] = [];
  let unmatched: SyntaxNode | undefined;
  for (const token of tokens) {
    if (token.isMissing) continue;
    if (CLOSER_OF.has(token.type)) open.push(token);
    else if (CLOSERS.has(token.type) && CLOSER_OF.get(open[open.length - 1]?.type ?? "") === token.type) open.pop();
    else if (CLOSERS.has(token.type)) unmatched ??= token;
  }
  return { unclosed: open, unmatched };
}

function reportError(node: SyntaxNode, context: IssueContext): void {
  const { unclosed, unmatched } = bracketBalance(node.children);
  const bracket = unclosed[0];
  if (bracket !== undefined) {
    report(context, bracket.start, `"${bracket.type}" is never closed`);
    return;
  }
  if (unmatched !== undefined) {
    report(context, unmatched.start, `Unmatched "${unmatched.type}"`);
    return;
  }
  const snippet = (context.text.text(node).split("\n")[0] ?? "").trim().slice(0, 40);
  report(context, node.start, snippet === "" ? "Invalid syntax" : `Invalid syntax near "${snippet}"`);
}

function reportMissing(node: SyntaxNode, parent: SyntaxNode | undefined, context: IssueContext): void {
  const bracket = CLOSERS.has(node.type) ? bracketBalance(parent?.children ?? []).unclosed[0] : undefined;
  if (bracket !== undefined) {
    report(context, bracket.start, `"${bracket.type}" is never closed`);
    return;
  }
  const what = node.type === "identifier" ? "a name" : node.isNamed ? `a ${node.type.replace(/_/g, " ")}` : `"${node.type}"`;
  report(context, node.start, `Expected ${what}`);
}

/** Statements of one block that start their line must start in the same column. */
function checkIndentation(block: SyntaxNode, context: IssueContext): number | undefined {
  let column: number | undefined;
  for (const statement of block.named) {
    if (statement.type === "ERROR" || !context.text.startsLine(statement.start)) continue;
    const own = context.text.column(statement.start);
    column ??= own;
    if (own > column) report(context, statement.start, "Unexpected indent: line this statement up with the one above");
    else if (own < column) report(context, statement.start, "Unindent does not match the indentation of the block");
  }
  return column;
}

/** A block on the lines after its header (`def f():`) must be indented deeper than the header. */
function checkBlockUnderHeader(block: SyntaxNode, header: SyntaxNode, context: IssueContext): void {
  const column = checkIndentation(block, context);
  const headerIndent = context.text.indentation(header.start);
  const first = block.named[0];
  if (first === undefined || (column !== undefined && column <= headerIndent)) {
    report(context, first?.start ?? block.start, 'Expected an indented block after the line ending with ":"');
  }
}

/** Statements sharing a line need a `;` between them (`import os import sys` is one error). */
function checkSeparators(container: SyntaxNode, context: IssueContext): void {
  let previous: SyntaxNode | undefined;
  for (const child of container.children) {
    if (child.type === ";") previous = undefined;
    if (!child.isNamed || child.type === "comment") continue;
    if (previous !== undefined && context.text.line(previous.end) === context.text.line(child.start)) {
      report(context, child.start, `Invalid syntax: separate "${context.text.text(child).slice(0, 30)}" from the statement before it`);
    }
    previous = child;
  }
}

/** A simple statement may span lines only inside brackets or after a backslash. */
function checkLineBreaks(statement: SyntaxNode, context: IssueContext): void {
  if (!SIMPLE_STATEMENTS.has(statement.type)) return;
  const first = context.text.line(statement.start);
  const last = context.text.line(statement.end);
  if (first === last) return;
  context.lineKinds ??= classifyLines(context.text.source.split("\n"), () => false);
  for (let line = first + 1; line <= last; line += 1) {
    if (context.lineKinds[line - 1] === "start") {
      report(context, statement.start, `Line ${first} ends before the statement is complete`);
      return;
    }
  }
}

function checkStatements(container: SyntaxNode, context: IssueContext): void {
  checkSeparators(container, context);
  for (const statement of container.named) checkLineBreaks(statement, context);
}

function check(node: SyntaxNode, parent: SyntaxNode | undefined, context: IssueContext): void {
  if (node.type === "ERROR") {
    reportError(node, context);
    return;
  }
  if (node.isMissing) {
    reportMissing(node, parent, context);
    return;
  }
  // `print >> f, x` also parses as Python 3 (a tuple expression); plain `print x` does not.
  const python2 = PYTHON2_STATEMENTS[node.type];
  if (python2 !== undefined && !node.named.some((child) => child.type === "chevron")) report(context, node.start, python2);
  if (node.type === "<>") report(context, node.start, 'Python 3 has no "<>" operator: use "!="');
  if (node.type === "assignment" && parent?.type === "assignment" && node.named.some((child) => child.field === "type")) {
    report(context, node.start, "Invalid syntax: only a single target can be annotated, and not after \"=\"");
  }
  if (node.type === "module" || node.type === "block") checkStatements(node, context);
  if (node.type === "module") checkIndentation(node, context);
  if (node.type === "block" && parent !== undefined) checkBlockUnderHeader(node, parent, context);
  for (const child of node.children) check(child, node, context);
}

export function syntaxIssues(root: SyntaxNode, text: SourceText, shifts: ReadonlyMap<number, number>): SyntaxIssue[] {
  const context: IssueContext = { text, shifts, issues: [] };
  check(root, undefined, context);
  return context.issues.sort((a, b) => a.line - b.line || a.column - b.column);
}
