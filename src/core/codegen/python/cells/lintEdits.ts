// Notebook code kept as written must still pass the generated project's ruff rules. What
// can be changed without changing behaviour is changed (an f-string without placeholders
// loses its `f`); what cannot (`df[df.flag == True]` is element-wise in pandas) keeps its
// form and gets a `# noqa` naming the one rule, on the one line.
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";
import type { CodeEdit } from "./codeEdit";
import type { SourceLines } from "./sourceLines";
import { childByField, walk } from "./sourceLines";

export interface LintFindings {
  readonly edits: CodeEdit[];
  /** 0-based line → ruff codes to silence there. */
  readonly noqa: Map<number, Set<string>>;
}

const AMBIGUOUS = new Set(["l", "O", "I"]);
const COMPOUND = new Set(["if_statement", "for_statement", "while_statement", "with_statement", "try_statement", "elif_clause", "else_clause", "except_clause", "finally_clause", "class_definition"]);

interface RuleContext {
  readonly source: string;
  readonly lines: SourceLines;
  readonly parent: SyntaxNode | undefined;
  readonly note: (offset: number, code: string, reportedAt?: number) => void;
  readonly edits: CodeEdit[];
}

type Rule = (node: SyntaxNode, context: RuleContext) => void;

const BINDING_PARENTS = new Set(["pattern_list", "tuple_pattern", "list_pattern", "parameters", "lambda_parameters", "default_parameter", "typed_parameter", "typed_default_parameter", "as_pattern_target", "global_statement", "nonlocal_statement"]);

const comparisonWithConstant: Rule = (node, { note }) => {
  if (node.type !== "comparison_operator") return;
  if (!node.children.some((child) => child.type === "==" || child.type === "!=")) return;
  const operands = node.named.map((child) => child.type);
  if (operands.includes("none")) note(node.start, "E711");
  if (operands.includes("true") || operands.includes("false")) note(node.start, "E712");
};

const negatedMembership: Rule = (node, { note }) => {
  if (node.type !== "not_operator") return;
  const argument = childByField(node, "argument");
  const operators = argument?.type === "comparison_operator" ? argument.children.filter((child) => !child.isNamed).map((child) => child.type) : [];
  if (operators.length !== 1) return;
  if (operators[0] === "in") note(node.start, "E713");
  else if (operators[0] === "is") note(node.start, "E714");
};

const lambdaAssignment: Rule = (node, { note }) => {
  if (node.type === "assignment" && childByField(node, "right")?.type === "lambda" && childByField(node, "left")?.type === "identifier") note(node.start, "E731");
};

const ambiguousName: Rule = (node, { source, parent, note }) => {
  if (node.type !== "identifier" || parent === undefined || !AMBIGUOUS.has(source.slice(node.start, node.end))) return;
  const binds = BINDING_PARENTS.has(parent.type) || (node.field === "left" && parent.type !== "keyword_argument") || node.field === "alias";
  if (binds) note(node.start, "E741");
};

const bareExcept: Rule = (node, { note }) => {
  if (node.type === "except_clause" && node.named.filter((child) => child.type !== "block").length === 0) note(node.start, "E722");
};

const typeComparison: Rule = (node, { source, note }) => {
  if (node.type !== "comparison_operator") return;
  const isTypeCall = (child: SyntaxNode): boolean => child.type === "call" && source.slice(child.start, child.end).startsWith("type(");
  if (node.named.some(isTypeCall) && node.children.some((child) => child.type === "==" || child.type === "!=")) note(node.start, "E721");
};

const oneLineCompound: Rule = (node, { lines, note }) => {
  if (!COMPOUND.has(node.type) && node.type !== "function_definition") return;
  const colon = node.children.find((child) => child.type === ":");
  const body = node.children.find((child) => child.type === "block");
  if (colon === undefined || body === undefined || body.start === body.end) return;
  if (lines.lineOf(body.start) !== lines.lineOf(colon.start)) return;
  note(body.start, node.type === "function_definition" ? "E704" : "E701", colon.start);
};

const semicolons: Rule = (node, { source, parent, note }) => {
  // Top-level statements are printed one per line, so only nested semicolons remain.
  if (node.type !== ";" || parent === undefined || parent.type === "module") return;
  const rest = source.slice(node.end, source.indexOf("\n", node.end) === -1 ? source.length : source.indexOf("\n", node.end));
  note(node.start, rest.trim() === "" || rest.trim().startsWith("#") ? "E703" : "E702");
};

const fStringWithoutPlaceholders: Rule = (node, { source, edits }) => {
  if (node.type !== "string") return;
  const start = node.children.find((child) => child.type === "string_start");
  if (start === undefined || node.children.some((child) => child.type === "interpolation")) return;
  const prefix = source.slice(start.start, start.end);
  const position = prefix.search(/[fF]/);
  const body = source.slice(start.end, node.end);
  if (position === -1 || body.includes("{") || body.includes("}")) return;
  edits.push({ start: start.start + position, end: start.start + position + 1, text: "" });
};

const RULES: readonly Rule[] = [comparisonWithConstant, negatedMembership, lambdaAssignment, ambiguousName, bareExcept, typeComparison, oneLineCompound, semicolons, fStringWithoutPlaceholders];

export function findLintIssues(root: SyntaxNode, source: string, lines: SourceLines): LintFindings {
  const findings: LintFindings = { edits: [], noqa: new Map() };
  const note = (offset: number, code: string, reportedAt?: number): void => {
    const line = lines.lineOf(reportedAt ?? offset);
    const codes = findings.noqa.get(line) ?? new Set<string>();
    codes.add(code);
    findings.noqa.set(line, codes);
  };
  const parents = new Map<SyntaxNode, SyntaxNode>();
  walk(root, (node) => {
    for (const child of node.children) parents.set(child, node);
    const context: RuleContext = { source, lines, parent: parents.get(node), note, edits: findings.edits };
    for (const rule of RULES) rule(node, context);
    return true;
  });
  return findings;
}
