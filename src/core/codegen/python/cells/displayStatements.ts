// What happens to statements that only show something in a notebook. In a pipeline a
// value the notebook displayed becomes a debug log line, `print` becomes an info log line,
// `plt.show()` and expressions nobody sees are dropped.
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";
import type { CodeEdit } from "./codeEdit";
import { childByField, walk } from "./sourceLines";

/** Methods whose call only looks at its receiver (data; extend here). */
export const LOOK_METHODS: ReadonlySet<string> = new Set(["head", "tail", "describe", "info", "summary", "summary2", "print_summary", "value_counts", "nunique", "memory_usage", "get_params"]);
/** Calls dropped wherever they stand at the top level of a cell: they only show a figure. */
export const SHOW_CALLS: ReadonlySet<string> = new Set(["plt.show", "pyplot.show", "fig.show", "plt.draw"]);

const PURE_LEAVES = new Set(["identifier", "integer", "float", "string", "concatenated_string", "true", "false", "none", "ellipsis"]);
const PURE_CONTAINERS = new Set(["attribute", "subscript", "tuple", "list", "parenthesized_expression", "slice", "expression_list", "unary_operator"]);

export type DisplayKind = "pure" | "look" | "show" | "none";

function isPure(node: SyntaxNode): boolean {
  if (PURE_LEAVES.has(node.type)) return node.type !== "string" || !node.children.some((child) => child.type === "interpolation");
  return PURE_CONTAINERS.has(node.type) && node.named.every(isPure);
}

/** How the expression of a top-level expression statement displays, if it only does. */
export function displayKind(expression: SyntaxNode, source: string): DisplayKind {
  if (isPure(expression)) return "pure";
  if (expression.type !== "call") return "none";
  const callee = childByField(expression, "function");
  if (callee === undefined) return "none";
  const name = source.slice(callee.start, callee.end);
  if (SHOW_CALLS.has(name)) return "show";
  const method = callee.type === "attribute" ? childByField(callee, "attribute") : undefined;
  const receiver = callee.type === "attribute" ? childByField(callee, "object") : undefined;
  const looks = method !== undefined && LOOK_METHODS.has(source.slice(method.start, method.end)) && receiver !== undefined && isPure(receiver);
  const args = childByField(expression, "arguments");
  return looks && (args === undefined || args.named.every(isPure)) ? "look" : "none";
}

/** `print(a, b)` → `LOGGER.info("%s %s", a, b)`; `display(x)` → `LOGGER.debug("%s", x)`, anywhere in the cell. */
export function loggingEdits(root: SyntaxNode, source: string, logger: string): CodeEdit[] {
  const edits: CodeEdit[] = [];
  walk(root, (node) => {
    if (node.type !== "expression_statement") return true;
    const call = node.named[0];
    if (node.named.length !== 1 || call?.type !== "call") return true;
    const callee = childByField(call, "function");
    const args = childByField(call, "arguments");
    const name = callee === undefined ? "" : source.slice(callee.start, callee.end);
    if (callee === undefined || args === undefined || (name !== "print" && name !== "display")) return true;
    if (args.type !== "argument_list" || args.named.some((arg) => arg.type === "keyword_argument" || arg.type.endsWith("splat"))) return true;
    edits.push({ start: callee.start, end: callee.end, text: `${logger}.${name === "print" ? "info" : "debug"}`, needs: "logger" });
    const single = args.named.length === 1 && args.named[0]?.type === "string" && name === "print";
    if (!single) edits.push({ start: args.start + 1, end: args.start + 1, text: formatArgument(args.named.length) });
    return true;
  });
  return edits;
}

function formatArgument(count: number): string {
  if (count === 0) return '""';
  return `"${Array.from({ length: count }, () => "%s").join(" ")}", `;
}
