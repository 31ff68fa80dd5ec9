// The places where Python binds a name, shared by the scope collector (which only needs
// the names) and the evaluation-order walker (which also evaluates what targets load).
import type { SyntaxNode } from "./syntaxTree";

/** Nodes that group targets: `a, (b, *c) = ...`, `with f() as (x, y)`. */
const TARGET_GROUPS: ReadonlySet<string> = new Set([
  "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "parenthesized_expression", "expression_list",
  "list_splat_pattern", "list_splat", "as_pattern_target",
]);

/**
 * The identifiers a target binds: `a, (b, *c)` → a, b, c. Attribute and subscript
 * targets (`x.a = 1`, `x[0] = 1`) bind nothing; `onOther` receives them.
 */
export function forEachTarget(node: SyntaxNode, onName: (identifier: SyntaxNode) => void, onOther?: (node: SyntaxNode) => void): void {
  if (node.isMissing) return;
  if (node.type === "identifier") onName(node);
  else if (TARGET_GROUPS.has(node.type)) for (const child of node.named) forEachTarget(child, onName, onOther);
  else onOther?.(node);
}

export function fieldOf(node: SyntaxNode, field: string): SyntaxNode | undefined {
  return node.children.find((child) => child.field === field);
}

export function fieldsOf(node: SyntaxNode, field: string): SyntaxNode[] {
  return node.children.filter((child) => child.field === field);
}

/** A dotted module name as Python reads it: `os . path`, even split by a backslash line break, is `os.path`. */
export function dottedText(node: SyntaxNode, text: (node: SyntaxNode) => string): string {
  return text(node).replace(/[\s\\]+/g, "");
}

/** `import a.b` binds `a`; `import a.b as c` and `from a import b as c` bind `c`; `*` binds nothing. */
export function importedNames(statement: SyntaxNode, text: (node: SyntaxNode) => string): string[] {
  const names: string[] = [];
  for (const item of fieldsOf(statement, "name")) {
    const alias = item.type === "aliased_import" ? fieldOf(item, "alias") : undefined;
    const name = dottedText(alias ?? (item.type === "aliased_import" ? (fieldOf(item, "name") ?? item) : item), text);
    const bound = statement.type === "import_statement" && alias === undefined ? (name.split(".")[0] ?? name) : name;
    // After a syntax error the parser may leave a name empty.
    if (bound !== "") names.push(bound);
  }
  return names;
}

export interface CasePatternVisitor {
  readonly text: (node: SyntaxNode) => string;
  /** An identifier the pattern binds (`case [a, *rest]`, `case {"k": v}`, `case x as y`). */
  capture(identifier: SyntaxNode): void;
  /** An expression the pattern evaluates (`case Color.RED`, the class of `case Point(x=0)`). */
  load(node: SyntaxNode): void;
}

function dottedPattern(node: SyntaxNode, visitor: CasePatternVisitor, isClass: boolean): void {
  const [first] = node.named;
  if (first === undefined) return;
  // A bare name captures; a dotted name (and a class name) is a value looked up.
  if (node.named.length === 1 && !isClass) capture(first, visitor);
  else visitor.load(first);
}

export function walkCasePattern(node: SyntaxNode, visitor: CasePatternVisitor): void {
  switch (node.type) {
    case "dotted_name":
      dottedPattern(node, visitor, false);
      return;
    case "class_pattern":
      node.named.forEach((child, index) => {
        if (index === 0 && child.type === "dotted_name") dottedPattern(child, visitor, true);
        else walkCasePattern(child, visitor);
      });
      return;
    case "keyword_pattern":
      // `x=px`: the keyword names an attribute, the pattern after `=` may capture.
      for (const child of node.named.slice(1)) walkCasePattern(child, visitor);
      return;
    case "splat_pattern":
    case "identifier":
      forEachCapture(node, visitor);
      return;
    case "dict_pattern":
      for (const child of node.named) walkDictEntry(child, visitor);
      return;
    default:
      walkPatternChildren(node, visitor);
  }
}

function capture(identifier: SyntaxNode, visitor: CasePatternVisitor): void {
  // `_` is the wildcard: it matches without binding.
  if (!identifier.isMissing && visitor.text(identifier) !== "_") visitor.capture(identifier);
}

function forEachCapture(node: SyntaxNode, visitor: CasePatternVisitor): void {
  const identifier = node.type === "identifier" ? node : node.named.find((child) => child.type === "identifier");
  if (identifier !== undefined) capture(identifier, visitor);
}

function walkDictEntry(child: SyntaxNode, visitor: CasePatternVisitor): void {
  if (child.field === "key") {
    if (child.type === "dotted_name") visitor.load(child.named[0] ?? child);
    return;
  }
  walkCasePattern(child, visitor);
}

function walkPatternChildren(node: SyntaxNode, visitor: CasePatternVisitor): void {
  if (node.type === "as_pattern") {
    const [pattern, ...rest] = node.named;
    if (pattern !== undefined) walkCasePattern(pattern, visitor);
    for (const alias of rest) forEachCapture(alias, visitor);
    return;
  }
  for (const child of node.named) walkCasePattern(child, visitor);
}
