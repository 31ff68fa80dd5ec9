// Layout errors tree-sitter lets through but Python rejects: stray or missing
// indentation, two statements on one line without `;`, a statement broken across lines
// outside brackets.
import { report } from "./issueReport";
import type { IssueContext } from "./issueReport";
import { classifyLines } from "./logicalLines";
import type { SyntaxNode } from "./syntaxTree";

const SIMPLE_STATEMENTS: ReadonlySet<string> = new Set([
  "expression_statement", "return_statement", "import_statement", "import_from_statement", "future_import_statement",
  "assert_statement", "delete_statement", "raise_statement", "global_statement", "nonlocal_statement",
  "pass_statement", "break_statement", "continue_statement", "type_alias_statement",
]);

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

/** Checks the statements directly in `node` when it is the module or a block. */
export function checkLayout(node: SyntaxNode, parent: SyntaxNode | undefined, context: IssueContext): void {
  if (node.type !== "module" && node.type !== "block") return;
  checkSeparators(node, context);
  for (const statement of node.named) checkLineBreaks(statement, context);
  if (node.type === "module") checkIndentation(node, context);
  else if (parent !== undefined) checkBlockUnderHeader(node, parent, context);
}
