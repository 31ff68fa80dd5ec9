// The names a top-level statement binds, and whether the binding is a plain
// `name = value` at the top level: only then can a type hint derived from `value` be
// trusted for the name (a loop, an unpacking or an `if` may bind anything).
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";
import { childByField } from "./sourceLines";

export interface Binding {
  readonly name: string;
  readonly simple: boolean;
  /** The assigned expression's text, for simple bindings. */
  readonly value?: string;
  /** A single-name assignment target (`x = ...`, chained or nested): what ruff's F841 checks. */
  readonly assigned: boolean;
  /** Offset of the target in the cell's Python text. */
  readonly offset: number;
  /** Line of the target within its piece (0-based), set when the piece is built. */
  readonly pieceLine?: number;
}

const NEW_SCOPES = new Set(["function_definition", "class_definition", "lambda", "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"]);
const TARGET_FIELDS: Readonly<Record<string, string>> = {
  assignment: "left",
  augmented_assignment: "left",
  for_statement: "left",
  named_expression: "name",
  as_pattern: "alias",
};

function targetNames(target: SyntaxNode, source: string, into: Binding[], assigned: boolean): void {
  if (target.type === "identifier") into.push({ name: source.slice(target.start, target.end), simple: false, assigned, offset: target.start });
  else if (target.type !== "attribute" && target.type !== "subscript") for (const child of target.named) targetNames(child, source, into, false);
}

/** Names a nested `import` binds: `import a.b` → a, `import a as b` → b, `from a import c as d` → d. */
function importedNames(node: SyntaxNode, source: string, into: Binding[]): void {
  for (const child of node.children) {
    if (child.field !== "name") continue;
    const alias = childByField(child, "alias");
    const dotted = child.type === "aliased_import" ? childByField(child, "name") : child;
    const text = alias ?? dotted;
    if (text === undefined) continue;
    const name = source.slice(text.start, text.end);
    const bound = alias === undefined && node.type === "import_statement" ? (name.split(".")[0] ?? name) : name;
    into.push({ name: bound, simple: false, assigned: false, offset: text.start });
  }
}

/** `x = value` and chains `x = y = value`, and `obj.a = x = value`: every name target is plainly bound. */
function simpleBindings(node: SyntaxNode, source: string): Binding[] | undefined {
  let assignment = node.type === "expression_statement" && node.named.length === 1 ? node.named[0] : undefined;
  const targets: SyntaxNode[] = [];
  while (assignment?.type === "assignment") {
    const left = childByField(assignment, "left");
    const right = childByField(assignment, "right");
    if (left === undefined || right === undefined || childByField(assignment, "type") !== undefined) return undefined;
    if (left.type === "identifier") targets.push(left);
    else if (left.type !== "attribute" && left.type !== "subscript") return undefined;
    if (right.type !== "assignment") {
      const value = source.slice(right.start, right.end);
      return targets.map((target) => ({ name: source.slice(target.start, target.end), simple: true, value, assigned: true, offset: target.start }));
    }
    assignment = right;
  }
  return undefined;
}

export function topLevelBindings(statement: SyntaxNode, source: string): Binding[] {
  const simple = simpleBindings(statement, source);
  if (simple !== undefined && simple.length > 0) return simple;
  const names: Binding[] = [];
  const stack: SyntaxNode[] = [statement];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node !== statement && NEW_SCOPES.has(node.type)) {
      if (node.type === "function_definition" || node.type === "class_definition") {
        const name = childByField(node, "name");
        if (name !== undefined) names.push({ name: source.slice(name.start, name.end), simple: false, assigned: false, offset: name.start });
      }
      continue;
    }
    if (node.type === "import_statement" || node.type === "import_from_statement") {
      importedNames(node, source, names);
      continue;
    }
    const field = TARGET_FIELDS[node.type];
    const target = field === undefined ? undefined : childByField(node, field);
    if (target !== undefined) {
      const value = childByField(node, "right");
      // ruff reads `a, b = x, y` as two assignments: each target counts as plainly assigned.
      const literalTuple = node.type === "assignment" && (value?.type === "expression_list" || value?.type === "tuple");
      if (literalTuple) for (const child of target.named) targetNames(child, source, names, child.type === "identifier");
      else targetNames(target, source, names, node.type === "assignment" || node.type === "named_expression");
    }
    for (let index = node.children.length - 1; index >= 0; index -= 1) {
      const child = node.children[index];
      if (child !== undefined) stack.push(child);
    }
  }
  return names;
}
