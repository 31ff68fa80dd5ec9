// Syntax errors as a person would want them: where, and what to fix. tree-sitter marks
// what it could not parse (ERROR) and what it had to invent (MISSING); it also accepts a
// few things Python 3 rejects (the Python 2 print statement, layout errors).
import type { SyntaxIssue } from "../cellAnalysis";
import { bracketBalance, CLOSERS } from "./brackets";
import { report } from "./issueReport";
import type { IssueContext } from "./issueReport";
import { checkLayout } from "./layoutIssues";
import type { SourceText } from "./sourceText";
import type { SyntaxNode } from "./syntaxTree";

const PYTHON2_STATEMENTS: ReadonlyMap<string, string> = new Map([
  ["print_statement", 'Missing parentheses in call to "print": write print(...)'],
  ["exec_statement", 'Missing parentheses in call to "exec": write exec(...)'],
]);

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

/** Forms tree-sitter parses that Python 3 does not. */
function checkPython3(node: SyntaxNode, parent: SyntaxNode | undefined, context: IssueContext): void {
  // `print >> f, x` also parses as Python 3 (a tuple expression); plain `print x` does not.
  const python2 = PYTHON2_STATEMENTS.get(node.type);
  if (python2 !== undefined && !node.named.some((child) => child.type === "chevron")) report(context, node.start, python2);
  if (node.type === "<>") report(context, node.start, 'Python 3 has no "<>" operator: use "!="');
  if (node.type === "assignment" && parent?.type === "assignment" && node.named.some((child) => child.field === "type")) {
    report(context, node.start, 'Invalid syntax: only a single target can be annotated, and not after "="');
  }
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
  checkPython3(node, parent, context);
  checkLayout(node, parent, context);
  for (const child of node.children) check(child, node, context);
}

/** Syntax issues of a parsed cell, in line order, at most one per line. */
export function syntaxIssues(root: SyntaxNode, text: SourceText, shifts: ReadonlyMap<number, number>): SyntaxIssue[] {
  const context: IssueContext = { text, shifts, issues: [] };
  check(root, undefined, context);
  return context.issues.sort((a, b) => a.line - b.line || a.column - b.column);
}
