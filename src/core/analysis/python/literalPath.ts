// The path a file-access call names, when it is written out literally: a string, or
// literal parts joined by `os.path.join(...)`, `Path(...)` or `/`.
import { fieldOf } from "./bindingTargets";
import { dottedName, positionalArguments } from "./expressionShape";
import { PATH_BUILDERS } from "./ioRules";
import type { SyntaxNode } from "./syntaxTree";

type Text = (node: SyntaxNode) => string;

const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r", "\n": "" };

function stringLiteral(node: SyntaxNode, text: Text): string | undefined {
  if (node.named.some((child) => child.type === "interpolation")) return undefined;
  const start = node.named.find((child) => child.type === "string_start");
  const raw = /r/i.test(start === undefined ? "" : text(start));
  const content = node.named
    .filter((child) => child.type === "string_content")
    .map((child) => text(child))
    .join("");
  return raw ? content : content.replace(/\\([\s\S])/g, (escape, char: string) => ESCAPES[char] ?? escape);
}

/** The value of a string literal (concatenated or parenthesized too); undefined otherwise. */
export function literalString(node: SyntaxNode | undefined, text: Text): string | undefined {
  switch (node?.type) {
    case "string":
      return stringLiteral(node, text);
    case "concatenated_string": {
      const parts = node.named.map((part) => stringLiteral(part, text));
      return parts.every((part) => part !== undefined) ? parts.join("") : undefined;
    }
    case "parenthesized_expression":
      return node.named.length === 1 ? literalString(node.named[0], text) : undefined;
    default:
      return undefined;
  }
}

function joinPaths(parts: readonly (string | undefined)[]): string | undefined {
  if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
  return parts.join("/").replace(/\/{2,}/g, "/");
}

export function literalPath(node: SyntaxNode | undefined, text: Text): string | undefined {
  if (node?.type === "call") {
    const callee = dottedName(fieldOf(node, "function"), text);
    if (callee === undefined || !PATH_BUILDERS.has(callee)) return undefined;
    return joinPaths(positionalArguments(fieldOf(node, "arguments")).map((arg) => literalPath(arg, text)));
  }
  if (node?.type === "binary_operator" && node.children.some((child) => child.type === "/")) {
    return joinPaths([literalPath(fieldOf(node, "left"), text), literalPath(fieldOf(node, "right"), text)]);
  }
  return literalString(node, text);
}
