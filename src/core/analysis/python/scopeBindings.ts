// Which names a function, lambda, class body or comprehension binds for itself, found
// before its code is walked: in Python a name assigned anywhere in a function is local
// everywhere in it (`print(x); x = 1` inside a def does not read a global `x`).
import { fieldOf, forEachTarget, importedNames, walkCasePattern } from "./bindingTargets";
import type { Scope, ScopeKind } from "./scope";
import type { SyntaxNode } from "./syntaxTree";

type Text = (node: SyntaxNode) => string;

interface Collected {
  readonly bound: Set<string>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  readonly text: Text;
}

const COMPREHENSIONS: ReadonlySet<string> = new Set([
  "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression",
]);

function bindTargets(node: SyntaxNode | undefined, into: Collected): void {
  if (node !== undefined) forEachTarget(node, (identifier) => into.bound.add(into.text(identifier)));
}

function collectChildren(node: SyntaxNode, into: Collected): void {
  for (const child of node.named) collect(child, into);
}

/** Collects what a statement binds; true when nothing inside it remains to be collected. */
function collectStatement(node: SyntaxNode, into: Collected): boolean {
  switch (node.type) {
    case "function_definition":
    case "class_definition":
      bindTargets(fieldOf(node, "name"), into);
      return true;
    case "import_statement":
    case "import_from_statement":
      for (const name of importedNames(node, into.text)) into.bound.add(name);
      return true;
    case "global_statement":
    case "nonlocal_statement":
      for (const name of node.named) (node.type === "global_statement" ? into.globals : into.nonlocals).add(into.text(name));
      return true;
    case "delete_statement":
      collectChildren(node, into);
      for (const target of node.named) bindTargets(target, into);
      return true;
    case "type_alias_statement":
      bindTargets(fieldOf(node, "left")?.named[0], into);
      return true;
    default:
      return false;
  }
}

/** Collects what a binding node binds; true when its children were handled too. */
function collectBinding(node: SyntaxNode, into: Collected): boolean {
  switch (node.type) {
    case "assignment":
      // `(x): int` without a value is not a declaration of `x` (PEP 526); `x: int` is.
      if (fieldOf(node, "right") !== undefined || fieldOf(node, "left")?.type === "identifier") bindTargets(fieldOf(node, "left"), into);
      return false;
    case "augmented_assignment":
    case "for_statement":
      bindTargets(fieldOf(node, "left"), into);
      return false;
    case "named_expression":
      bindTargets(fieldOf(node, "name"), into);
      return false;
    case "as_pattern":
      bindTargets(node.named[1], into);
      collect(node.named[0], into);
      return true;
    case "case_clause":
      collectCase(node, into);
      return true;
    case "lambda":
      return true;
    default:
      return collectStatement(node, into);
  }
}

function collectCase(node: SyntaxNode, into: Collected): void {
  for (const child of node.named) {
    if (child.type === "case_pattern") {
      walkCasePattern(child, { text: into.text, capture: (id) => into.bound.add(into.text(id)), load: () => undefined });
    } else {
      collect(child, into);
    }
  }
}

function collect(node: SyntaxNode | undefined, into: Collected): void {
  if (node === undefined || collectBinding(node, into)) return;
  if (COMPREHENSIONS.has(node.type)) {
    // Comprehension targets are the comprehension's own; only `:=` inside binds here.
    for (const child of node.named) {
      const parts = child.type === "for_in_clause" ? child.named.filter((part) => part.field !== "left") : [child];
      for (const part of parts) collect(part, into);
    }
    return;
  }
  collectChildren(node, into);
}

function makeScope(kind: ScopeKind, parent: Scope, into: Collected): Scope {
  const locals = new Set([...into.bound].filter((name) => !into.globals.has(name) && !into.nonlocals.has(name)));
  return { kind, parent, locals, globals: into.globals, nonlocals: into.nonlocals };
}

function empty(text: Text): Collected {
  return { bound: new Set(), globals: new Set(), nonlocals: new Set(), text };
}

function collectParameter(parameter: SyntaxNode, into: Collected): void {
  const name = fieldOf(parameter, "name") ?? parameter.named.find((child) => child.field !== "type" && child.field !== "value");
  const target = parameter.type === "identifier" || parameter.type === "tuple_pattern" ? parameter : name;
  if (target === undefined) return;
  if (target.type === "list_splat_pattern" || target.type === "dictionary_splat_pattern") bindTargets(target.named[0], into);
  else bindTargets(target, into);
}

/** The scope of a `def` or `lambda`: its parameters and what its body binds. */
export function functionScope(node: SyntaxNode, parent: Scope, text: Text): Scope {
  const into = empty(text);
  for (const parameter of fieldOf(node, "parameters")?.named ?? []) collectParameter(parameter, into);
  collect(fieldOf(node, "body"), into);
  return makeScope("function", parent, into);
}

export function classScope(node: SyntaxNode, parent: Scope, text: Text): Scope {
  const into = empty(text);
  collect(fieldOf(node, "body"), into);
  return makeScope("class", parent, into);
}

/** All `for` targets of a comprehension are local to it, even those of later clauses. */
export function comprehensionScope(node: SyntaxNode, parent: Scope, text: Text): Scope {
  const into = empty(text);
  for (const clause of node.named) if (clause.type === "for_in_clause") bindTargets(fieldOf(clause, "left"), into);
  return makeScope("comprehension", parent, into);
}

/** `def f[T](x: T)` (Python 3.12): the type parameters are visible in annotations and body. */
export function typeParameterScope(node: SyntaxNode, parent: Scope, text: Text): Scope {
  const into = empty(text);
  for (const parameter of node.named) {
    const identifier = parameter.type === "identifier" ? parameter : findIdentifier(parameter);
    if (identifier !== undefined) into.bound.add(text(identifier));
  }
  return makeScope("function", parent, into);
}

function findIdentifier(node: SyntaxNode): SyntaxNode | undefined {
  for (const child of node.named) {
    const found = child.type === "identifier" ? child : findIdentifier(child);
    if (found !== undefined) return found;
  }
  return undefined;
}
