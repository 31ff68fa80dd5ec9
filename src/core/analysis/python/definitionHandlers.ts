// `def`, `class` and `lambda`: decorators, defaults, annotations and base classes run
// when the definition runs (top-level loads); the body runs later, in its own scope.
import { fieldOf } from "./bindingTargets";
import { classScope, functionScope, typeParameterScope } from "./scopeBindings";
import type { SyntaxNode } from "./syntaxTree";
import { bind, textOf } from "./walkContext";
import type { Handler, Visit, Walk } from "./walkContext";

/** Python 3.12 `def f[T](...)`: annotations and body see the type parameters. */
function annotationWalk(node: SyntaxNode, walk: Walk): Walk {
  const typeParameters = fieldOf(node, "type_parameters");
  if (typeParameters === undefined) return walk;
  return { ...walk, scope: typeParameterScope(typeParameters, walk.scope, (child) => textOf(walk, child)) };
}

function visitParameters(parameters: SyntaxNode | undefined, walk: Walk, annotations: Walk, visit: Visit): void {
  for (const parameter of parameters?.named ?? []) {
    visit(fieldOf(parameter, "value"), walk);
    visit(fieldOf(parameter, "type"), annotations);
  }
}

function bindDefinition(node: SyntaxNode, walk: Walk, into: string[]): void {
  const name = fieldOf(node, "name");
  if (name === undefined) return;
  const text = textOf(walk, name);
  // Only definitions written at top level are the cell's functions and classes; a nested
  // `def` that binds a global through `global` is not one.
  if (bind(walk, text) && walk.scope.kind === "module" && !into.includes(text)) into.push(text);
}

/** Everything the parser put in the node besides the fields handled (error recovery). */
function visitOthers(node: SyntaxNode, handled: readonly string[], walk: Walk, visit: Visit): void {
  for (const child of node.named) if (child.field === undefined || !handled.includes(child.field)) visit(child, walk);
}

const functionDefinition: Handler = (node, walk, visit) => {
  const annotations = annotationWalk(node, walk);
  visitParameters(fieldOf(node, "parameters"), walk, annotations, visit);
  visit(fieldOf(node, "return_type"), annotations);
  bindDefinition(node, walk, walk.state.functions);
  const scope = functionScope(node, annotations.scope, (child) => textOf(walk, child));
  const body = { ...walk, scope, deferred: true, inFunction: true };
  visitOthers(node, ["name", "parameters", "return_type", "type_parameters"], body, visit);
};

const classDefinition: Handler = (node, walk, visit) => {
  const annotations = annotationWalk(node, walk);
  visit(fieldOf(node, "superclasses"), annotations);
  const scope = classScope(node, annotations.scope, (child) => textOf(walk, child));
  visitOthers(node, ["name", "superclasses", "type_parameters"], { ...walk, scope, deferred: true }, visit);
  bindDefinition(node, walk, walk.state.classes);
};

const lambda: Handler = (node, walk, visit) => {
  const parameters = fieldOf(node, "parameters");
  visitParameters(parameters, walk, walk, visit);
  const scope = functionScope(node, walk.scope, (child) => textOf(walk, child));
  visit(fieldOf(node, "body"), { ...walk, scope, deferred: true, inFunction: true });
};

export const DEFINITION_HANDLERS: Readonly<Record<string, Handler>> = {
  function_definition: functionDefinition,
  class_definition: classDefinition,
  lambda,
};
