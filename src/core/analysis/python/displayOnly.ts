// Whether a cell only shows things (issue 3): every statement is a display call or the
// trailing expression, and the cell binds, changes and writes nothing.
import { fieldOf } from "./bindingTargets";
import { DISPLAY_FUNCTIONS, DISPLAY_METHODS, DISPLAY_MODULES, STATEFUL_CALLS } from "./displayRules";
import { dottedName, methodOf } from "./expressionShape";
import type { SourceText } from "./sourceText";
import type { SyntaxNode } from "./syntaxTree";
import type { AnalysisState } from "./walkContext";

type Text = (node: SyntaxNode) => string;

function isDisplayCall(callee: SyntaxNode | undefined, text: Text): boolean {
  const name = dottedName(callee, text);
  if (name !== undefined && !name.includes(".")) return DISPLAY_FUNCTIONS.has(name);
  const module = name?.slice(0, name.lastIndexOf("."));
  if (module !== undefined && DISPLAY_MODULES.has(module)) return true;
  const method = methodOf(callee, text);
  return method !== undefined && DISPLAY_METHODS.has(method.name);
}

/** Only the last expression's value is shown; earlier bare calls run for what they do. */
function isDisplayStatement(statement: SyntaxNode, last: boolean, text: Text): boolean {
  if (statement.type !== "expression_statement") return false;
  return statement.named.every((expression) => {
    if (expression.type === "assignment" || expression.type === "augmented_assignment" || expression.type === "yield") return false;
    if (expression.type !== "call") return true;
    const callee = fieldOf(expression, "function");
    const name = dottedName(callee, text);
    if (name !== undefined && STATEFUL_CALLS.has(name)) return false;
    return last || isDisplayCall(callee, text);
  });
}

export function isDisplayOnly(root: SyntaxNode, state: AnalysisState, text: SourceText): boolean {
  if (state.defines.size > 0 || state.mutates.length > 0 || state.fileWrites.length > 0) return false;
  // `pass` stands in for masked magics.
  const statements = root.named.filter((statement) => statement.type !== "pass_statement");
  return (
    statements.length > 0 &&
    statements.every((statement, index) => isDisplayStatement(statement, index === statements.length - 1, (node) => text.text(node)))
  );
}
