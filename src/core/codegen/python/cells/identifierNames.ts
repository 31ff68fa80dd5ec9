// The names a piece of code mentions: identifiers, except attribute names (`df.shape`
// mentions `df`, not `shape`), keyword-argument names (`f(x=1)` mentions `f`) and the
// names of nested import statements (they bind their own names).
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";

const IMPORTS = new Set(["import_statement", "import_from_statement", "future_import_statement"]);
/** Fields whose identifiers are bound, not read. */
const TARGET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  assignment: ["left"],
  for_statement: ["left"],
  for_in_clause: ["left"],
  named_expression: ["name"],
  function_definition: ["name", "parameters"],
  class_definition: ["name"],
  lambda: ["parameters"],
  as_pattern: ["alias"],
};
const PATTERNS = new Set(["identifier", "pattern_list", "tuple_pattern", "list_pattern", "parenthesized_expression", "as_pattern_target", "parameters", "lambda_parameters", "default_parameter", "typed_parameter", "typed_default_parameter", "list_splat_pattern", "dictionary_splat_pattern"]);

function skipped(parent: SyntaxNode, child: SyntaxNode): boolean {
  return (parent.type === "attribute" && child.field === "attribute") || (parent.type === "keyword_argument" && child.field === "name") || IMPORTS.has(child.type);
}

export function identifierNames(node: SyntaxNode, source: string, into: Set<string> = new Set()): Set<string> {
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    if (current.type === "identifier") into.add(source.slice(current.start, current.end));
    else for (const child of current.children) if (!skipped(current, child)) stack.push(child);
  }
  return into;
}

/** Identifiers read (not only bound): what decides whether a binding is ever used. */
export function loadedNames(node: SyntaxNode, source: string, into: Set<string> = new Set()): Set<string> {
  const stack: { readonly node: SyntaxNode; readonly target: boolean }[] = [{ node, target: false }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const current = item.node;
    if (current.type === "identifier") {
      if (!item.target) into.add(source.slice(current.start, current.end));
      continue;
    }
    const targetFields = TARGET_FIELDS[current.type] ?? [];
    for (const child of current.children) {
      if (skipped(current, child)) continue;
      const bindsHere = child.field !== undefined && targetFields.includes(child.field);
      const stillTarget = item.target && PATTERNS.has(current.type) && child.field !== "value" && child.field !== "type";
      stack.push({ node: child, target: bindsHere || stillTarget });
    }
  }
  return into;
}
