// Comprehensions run at once, in a scope of their own: the first iterable is evaluated
// outside it, the `for` targets are local to it, `:=` inside binds outside it.
import { bindTargets } from "./assignmentHandlers";
import { fieldsOf } from "./bindingTargets";
import { comprehensionScope } from "./scopeBindings";
import type { SyntaxNode } from "./syntaxTree";
import { textOf } from "./walkContext";
import type { Handler, Visit, Walk } from "./walkContext";

function visitClause(clause: SyntaxNode, walk: Walk, inner: Walk, visit: Visit): void {
  if (clause.type !== "for_in_clause") {
    visit(clause, inner);
    return;
  }
  for (const iterable of fieldsOf(clause, "right")) visit(iterable, walk);
  for (const target of fieldsOf(clause, "left")) bindTargets(target, inner, visit);
}

const comprehension: Handler = (node, walk, visit) => {
  const scope = comprehensionScope(node, walk.scope, (child) => textOf(walk, child));
  const inner = { ...walk, scope };
  let first = true;
  for (const clause of node.named) {
    if (clause.field === "body") continue;
    // Only the first iterable is evaluated in the enclosing scope.
    visitClause(clause, first ? walk : inner, inner, visit);
    first = false;
  }
  for (const body of fieldsOf(node, "body")) visit(body, inner);
};

export const COMPREHENSION_HANDLERS: Readonly<Record<string, Handler>> = {
  list_comprehension: comprehension,
  set_comprehension: comprehension,
  dictionary_comprehension: comprehension,
  generator_expression: comprehension,
};
