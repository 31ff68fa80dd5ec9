// Where syntax issues of one cell are collected, one per line, with columns mapped back
// to the cell (1-based, as Python reports them).
import type { SyntaxIssue } from "../cellAnalysis";
import type { LineKind } from "./logicalLines";
import type { SourceText } from "./sourceText";

export interface IssueContext {
  readonly text: SourceText;
  /** Cell column minus parsed column, for lines rewritten from IPython syntax. */
  readonly shifts: ReadonlyMap<number, number>;
  readonly issues: SyntaxIssue[];
  /** Which lines start a logical line, computed when first needed. */
  lineKinds?: readonly LineKind[];
}

/** Records an issue at `offset` unless its line already has one (the first is the cause). */
export function report(context: IssueContext, offset: number, message: string): void {
  const line = context.text.line(offset);
  const column = context.text.column(offset) + 1 + (context.shifts.get(line) ?? 0);
  if (context.issues.some((issue) => issue.line === line)) return;
  context.issues.push({ line, column, message });
}
