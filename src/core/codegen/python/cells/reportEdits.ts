// What a step keeps of what its cells show (SplitPlan step reports): the statement that
// displayed a value becomes an assignment to the report's name plus a log line, so the
// step can return the value (the flow records numbers as metrics, the rest as artifacts).
// `print("Accuracy:", acc)` → `accuracy = acc` + `LOGGER.info("accuracy: %s", accuracy)`.
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";
import type { StepReport } from "../../../planning/splitPlan";
import { pyString } from "../pythonText";
import type { CodeEdit } from "./codeEdit";
import { applyEdits } from "./codeEdit";
import type { SourceLines } from "./sourceLines";
import { childByField } from "./sourceLines";

interface StatementEdits {
  readonly edits: readonly CodeEdit[];
  /** The statement no longer shows its value itself (a print became an assignment and a log line). */
  readonly replacesStatement: boolean;
}

export interface PlacedReports {
  readonly edits: readonly CodeEdit[];
  /** Start offsets of the top-level statements replaced by reports: kept whatever they showed. */
  readonly statements: ReadonlySet<number>;
  /** The value reports that found their statement. */
  readonly placed: readonly StepReport[];
}

/** `reports`: the cell's value reports; one whose statement is not where the plan says is left out. */
export function reportEdits(root: SyntaxNode, source: string, lines: SourceLines, reports: readonly StepReport[], logger: string): PlacedReports {
  const edits: CodeEdit[] = [];
  const statements = new Set<number>();
  const placed: StepReport[] = [];
  for (const report of reports) {
    if (report.kind !== "value" || report.expression === undefined) continue;
    const node = root.named.find((candidate) => lines.lineOf(candidate.start) + 1 === report.line && candidate.type === "expression_statement");
    const found = node === undefined ? undefined : report.name === report.expression && IDENTIFIER.test(report.name) ? keptAsIs(node, source, report.name) : editsFor(node, source, report.name, report.expression, logger);
    if (node === undefined || found === undefined) continue;
    edits.push(...found.edits);
    if (found.replacesStatement) statements.add(node.start);
    placed.push(report);
  }
  return { edits, statements, placed };
}

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/**
 * A variable the statement shows, kept under its own name: the step returns it, and the
 * statement stays as it is (a print becomes a log line), unless it is the variable alone.
 */
function keptAsIs(statement: SyntaxNode, source: string, name: string): StatementEdits | undefined {
  const text = source.slice(statement.start, statement.end).trim();
  return new RegExp(`(^|[^\\w.])${name}($|[^\\w])`).test(text) ? { edits: [], replacesStatement: false } : undefined;
}

function logLine(name: string, logger: string): string {
  return `${logger}.info(${pyString(`${name}: %s`)}, ${name})`;
}

function editsFor(statement: SyntaxNode, source: string, name: string, expression: string, logger: string): StatementEdits | undefined {
  const edits = replacingEdits(statement, source, name, expression, logger);
  if (edits !== undefined) return { edits, replacesStatement: true };
  const call = statement.named.length === 1 ? statement.named[0] : undefined;
  const args = call?.type === "call" ? childByField(call, "arguments") : undefined;
  const positional = args?.named.filter((arg) => arg.type !== "keyword_argument" && arg.type !== "comment") ?? [];
  const fString = positional.length === 1 ? positional[0] : undefined;
  const interpolated = fString === undefined ? undefined : interpolationEdits(statement, fString, source, name, expression);
  return interpolated === undefined ? undefined : { edits: interpolated, replacesStatement: false };
}

function replacingEdits(statement: SyntaxNode, source: string, name: string, expression: string, logger: string): CodeEdit[] | undefined {
  const text = (node: SyntaxNode): string => source.slice(node.start, node.end);
  const log = { needs: "logger" } as const;
  const whole = text(statement).trim();
  if (whole === expression) {
    // A bare expression: `name = expression`, or only the log line when it is the name itself.
    if (name === expression) return [{ start: statement.start, end: statement.end, text: logLine(name, logger), ...log }];
    return [
      { start: statement.start, end: statement.start, text: `${name} = ` },
      { start: statement.end, end: statement.end, text: `\n${logLine(name, logger)}`, ...log },
    ];
  }
  const call = statement.named.length === 1 ? statement.named[0] : undefined;
  const args = call?.type === "call" ? childByField(call, "arguments") : undefined;
  if (args === undefined) return undefined;
  const positional = args.named.filter((arg) => arg.type !== "keyword_argument" && arg.type !== "comment");
  const value = positional.find((arg) => text(arg) === expression);
  if (value !== undefined) {
    // Out of the call's parentheses, a value written over several lines needs its own.
    const [open, close] = text(value).includes("\n") ? ["(", ")"] : ["", ""];
    return [
      { start: statement.start, end: value.start, text: `${name} = ${open}` },
      { start: value.end, end: statement.end, text: `${close}\n${logLine(name, logger)}`, ...log },
    ];
  }
  // Several values printed together: keep the text print would have written.
  const first = positional[0];
  const last = positional[positional.length - 1];
  if (first === undefined || last === undefined || !expression.startsWith('" ".join(')) return undefined;
  return [
    { start: statement.start, end: first.start, text: `${name} = " ".join(str(part) for part in (` },
    { start: last.end, end: statement.end, text: `,))\n${logLine(name, logger)}`, ...log },
  ];
}

/** `print(f"score={model.score(X, y):.2f}")` → `score = model.score(X, y)` first, then `{score:.2f}` in the f-string. */
function interpolationEdits(statement: SyntaxNode, fString: SyntaxNode, source: string, name: string, expression: string): CodeEdit[] | undefined {
  if (fString.type !== "string") return undefined;
  for (const interpolation of fString.named.filter((child) => child.type === "interpolation")) {
    const value = interpolation.named.find((child) => child.type !== "format_specifier" && child.type !== "type_conversion");
    if (value === undefined || source.slice(value.start, value.end).trim() !== expression) continue;
    return [
      { start: statement.start, end: statement.start, text: `${name} = ${expression}\n` },
      { start: value.start, end: value.end, text: name },
    ];
  }
  return undefined;
}

/**
 * A file a statement writes, kept as a run artifact: right after the statement, the path
 * it wrote (`written_model_path = pathlib.Path(model_path)`), its expression as the step's
 * code has it (`edits`: a literal path may have become a param).
 */
export function fileReportEdits(root: SyntaxNode, source: string, lines: SourceLines, reports: readonly StepReport[], edits: readonly CodeEdit[]): { edits: CodeEdit[]; placed: StepReport[] } {
  const found: CodeEdit[] = [];
  const placed: StepReport[] = [];
  for (const report of reports) {
    if (report.kind !== "file" || report.expression === undefined) continue;
    const statement = root.named.find((candidate) => lines.lineOf(candidate.start) + 1 === report.line);
    const path = statement === undefined ? undefined : nodeWithText(statement, source, report.expression);
    if (statement === undefined || path === undefined) continue;
    found.push({ start: statement.end, end: statement.end, text: `\n${report.name} = pathlib.Path(${applyEdits(source, path.start, path.end, edits)})`, needs: "pathlib" });
    placed.push(report);
  }
  return { edits: found, placed };
}

function nodeWithText(node: SyntaxNode, source: string, text: string): SyntaxNode | undefined {
  if (source.slice(node.start, node.end) === text) return node;
  for (const child of node.named) {
    const found = child.start <= node.end ? nodeWithText(child, source, text) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}
