// Each top-level statement of a cell: its lines, the module names it binds and reads, and
// what it shows as Jupyter would (`print(...)`, `display(...)`, the trailing expression).
// The planner divides cells between steps at these statements and keeps what they show.
import type { StatementDisplay, TopLevelStatement } from "../cellAnalysis";
import { fieldOf } from "./bindingTargets";
import { dottedName } from "./expressionShape";
import { BUILTIN_NAMES } from "./pythonBuiltins";
import type { SourceText } from "./sourceText";
import type { SyntaxNode } from "./syntaxTree";
import type { StatementNames } from "./walkContext";

/** Statements that only stand in for IPython syntax blanked out before parsing. */
const PLACEHOLDERS = new Set(["pass_statement"]);

export function statementRecords(walked: readonly { readonly node: SyntaxNode; readonly names: StatementNames }[], text: SourceText): TopLevelStatement[] {
  const real = walked.filter((entry) => !PLACEHOLDERS.has(entry.node.type) && entry.node.type !== "ERROR");
  const last = real[real.length - 1]?.node;
  return real.map(({ node, names }) => {
    const reads = new Set([...names.reads].filter((name) => !BUILTIN_NAMES.has(name)));
    for (const name of names.deferredLoads) if (!names.binds.has(name) && !BUILTIN_NAMES.has(name)) reads.add(name);
    const display = displayOf(node, node === last, text);
    return {
      line: text.line(node.start),
      endLine: text.line(Math.max(node.start, node.end - 1)),
      binds: [...names.binds],
      assigns: plainAssignments(node, text),
      reads: [...reads],
      ...(COMPOUND.has(node.type) ? { compound: true as const } : {}),
      ...(names.writes.length > 0 ? { writes: [...names.writes] } : {}),
      ...(display !== undefined ? { display } : {}),
    };
  });
}

const COMPOUND = new Set(["for_statement", "while_statement", "if_statement", "with_statement", "try_statement", "function_definition", "class_definition", "decorated_definition", "match_statement"]);

function displayOf(node: SyntaxNode, last: boolean, text: SourceText): StatementDisplay | undefined {
  if (node.type !== "expression_statement") return undefined;
  // `a, b` as the last statement shows the tuple.
  if (node.named.length > 1) return last && node.named.every((child) => child.type !== "assignment" && child.type !== "augmented_assignment" && child.type !== "yield") ? { kind: "expression", args: [text.text(node)] } : undefined;
  const expression = node.named[0];
  if (expression === undefined || expression.type === "assignment" || expression.type === "augmented_assignment" || expression.type === "yield") return undefined;
  if (expression.type === "call") {
    const callee = dottedName(fieldOf(expression, "function"), (child) => text.text(child));
    const args = fieldOf(expression, "arguments");
    if ((callee === "print" || callee === "display") && args?.type === "argument_list") {
      const positional = args.named.filter((arg) => arg.type !== "keyword_argument" && arg.type !== "comment");
      if (positional.some((arg) => arg.type.endsWith("splat"))) return undefined;
      return { kind: callee, args: positional.map((arg) => text.text(arg)) };
    }
  }
  return last ? { kind: "expression", args: [text.text(expression)] } : undefined;
}

/** `x = value`, `x = y = value`: the names bound as whole values (not unpacked, not in a loop). */
function plainAssignments(node: SyntaxNode, text: SourceText): string[] {
  if (node.type !== "expression_statement" || node.named.length !== 1) return [];
  const names: string[] = [];
  let assignment = node.named[0];
  while (assignment?.type === "assignment") {
    const left = fieldOf(assignment, "left");
    if (left?.type === "identifier") names.push(text.text(left));
    assignment = fieldOf(assignment, "right");
  }
  return names;
}
