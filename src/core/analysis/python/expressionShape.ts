// Shapes of expressions the rule tables match on: dotted callee names and the variable at
// the root of an attribute/subscript chain.
import { fieldOf } from "./bindingTargets";
import type { SyntaxNode } from "./syntaxTree";

type Text = (node: SyntaxNode) => string;

/** `np.random.seed` for `np.random.seed`; undefined when any part is not a plain name. */
export function dottedName(node: SyntaxNode | undefined, text: Text): string | undefined {
  if (node === undefined) return undefined;
  if (node.type === "identifier") return text(node);
  if (node.type !== "attribute") return undefined;
  const object = dottedName(fieldOf(node, "object"), text);
  const attribute = fieldOf(node, "attribute");
  return object === undefined || attribute === undefined ? undefined : `${object}.${text(attribute)}`;
}

/**
 * The variable whose object an attribute/subscript chain reaches into: `df` for
 * `df.loc[i, "a"]` and `df["a"].values`. Undefined when the chain goes through a call
 * (`df.copy()[0]` changes a new object).
 */
export function chainRoot(node: SyntaxNode | undefined): SyntaxNode | undefined {
  switch (node?.type) {
    case "identifier":
      return node;
    case "attribute":
      return chainRoot(fieldOf(node, "object"));
    case "subscript":
      return chainRoot(fieldOf(node, "value"));
    case "parenthesized_expression":
      return node.named.length === 1 ? chainRoot(node.named[0]) : undefined;
    default:
      return undefined;
  }
}

/** The method name of `receiver.method(...)`, with the receiver. */
export function methodOf(callee: SyntaxNode | undefined, text: Text): { readonly name: string; readonly receiver: SyntaxNode } | undefined {
  if (callee?.type !== "attribute") return undefined;
  const attribute = fieldOf(callee, "attribute");
  const receiver = fieldOf(callee, "object");
  return attribute === undefined || receiver === undefined ? undefined : { name: text(attribute), receiver };
}

/** Positional arguments of a call (`f(x for x in y)` has one: the generator). */
export function positionalArguments(args: SyntaxNode | undefined): SyntaxNode[] {
  if (args === undefined) return [];
  if (args.type === "generator_expression") return [args];
  return args.named.filter((arg) => arg.type !== "keyword_argument" && arg.type !== "list_splat" && arg.type !== "dictionary_splat");
}

export function keywordArgument(args: SyntaxNode | undefined, keyword: string, text: Text): SyntaxNode | undefined {
  for (const arg of args?.named ?? []) {
    if (arg.type === "keyword_argument" && text(fieldOf(arg, "name") ?? arg) === keyword) return fieldOf(arg, "value");
  }
  return undefined;
}

/** The argument at `index`, or given by `keyword`. */
export function argument(args: SyntaxNode | undefined, index: number, keyword: string, text: Text): SyntaxNode | undefined {
  return positionalArguments(args)[index] ?? keywordArgument(args, keyword, text);
}
