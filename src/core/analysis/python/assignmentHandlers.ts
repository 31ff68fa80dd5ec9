// Statements and expressions that bind names, visited in Python's evaluation order: the
// value before the targets, so `x = x + 1` reads `x` and `for x in xs: f(x)` does not.
import { fieldOf, fieldsOf, forEachTarget } from "./bindingTargets";
import { chainRoot } from "./expressionShape";
import type { SyntaxNode } from "./syntaxTree";
import { bind, load, recordMutation, textOf } from "./walkContext";
import type { Handler, Visit, Walk } from "./walkContext";

/** Evaluates what a non-name target loads: `d[k] = v` loads `d` and `k`. */
function visitTargetLoads(target: SyntaxNode, walk: Walk, visit: Visit): void {
  for (const child of target.named) if (child.field !== "attribute") visit(child, walk);
}

/** ... and, since the target is then stored into, notes the change of its object. */
function visitStoredInto(target: SyntaxNode, walk: Walk, visit: Visit): void {
  visitTargetLoads(target, walk, visit);
  if (target.type === "attribute" || target.type === "subscript") recordMutation(walk, chainRoot(target));
}

export function bindTargets(target: SyntaxNode | undefined, walk: Walk, visit: Visit): void {
  if (target === undefined) return;
  forEachTarget(
    target,
    (identifier) => bind(walk, textOf(walk, identifier)),
    (other) => {
      visitStoredInto(other, walk, visit);
    },
  );
}

/** `a = b = value` is one node nested to the right; its value is evaluated first. */
const assignment: Handler = (node, walk, visit) => {
  const targets: SyntaxNode[] = [];
  let value: SyntaxNode = node;
  while (value.type === "assignment") {
    const left = fieldOf(value, "left");
    if (left !== undefined) targets.push(left);
    const annotation = fieldOf(value, "type");
    const right = fieldOf(value, "right");
    if (right === undefined) {
      // `x: int` declares without binding; `obj.a: int` evaluates `obj` but stores nothing.
      for (const target of targets) if (target.type !== "identifier") visitTargetLoads(target, walk, visit);
      visit(annotation, walk);
      return;
    }
    if (annotation !== undefined) targets.push(annotation);
    value = right;
  }
  visit(value, walk);
  for (const target of targets) {
    if (target.type === "type") visit(target, walk);
    else bindTargets(target, walk, visit);
  }
};

/** `x += 1` loads `x`, evaluates the value, then binds `x`. */
const augmentedAssignment: Handler = (node, walk, visit) => {
  const left = fieldOf(node, "left");
  if (left?.type === "identifier") load(walk, textOf(walk, left));
  else if (left !== undefined) visitStoredInto(left, walk, visit);
  visit(fieldOf(node, "right"), walk);
  if (left?.type === "identifier") bind(walk, textOf(walk, left));
};

const namedExpression: Handler = (node, walk, visit) => {
  visit(fieldOf(node, "value"), walk);
  const name = fieldOf(node, "name");
  if (name !== undefined) bind(walk, textOf(walk, name), true);
};

/** `del x` reads `x`; `del x[k]` and `del x.a` change `x`. */
const deleteStatement: Handler = (node, walk, visit) => {
  for (const target of node.named) {
    forEachTarget(
      target,
      (identifier) => {
        load(walk, textOf(walk, identifier));
      },
      (other) => {
        visitStoredInto(other, walk, visit);
      },
    );
  }
};

const forStatement: Handler = (node, walk, visit) => {
  for (const iterable of fieldsOf(node, "right")) visit(iterable, walk);
  bindTargets(fieldOf(node, "left"), walk, visit);
  // The body, `else`, and anything the parser could not place (after an error).
  for (const child of node.named) if (child.field !== "left" && child.field !== "right") visit(child, walk);
};

/** `with open(p) as f`, `except E as e`: the expression, then the target. */
const asPattern: Handler = (node, walk, visit) => {
  const [value, ...targets] = node.named;
  visit(value, walk);
  for (const target of targets) bindTargets(target, walk, visit);
};

export const ASSIGNMENT_HANDLERS: Readonly<Record<string, Handler>> = {
  assignment,
  augmented_assignment: augmentedAssignment,
  named_expression: namedExpression,
  delete_statement: deleteStatement,
  for_statement: forStatement,
  as_pattern: asPattern,
};
