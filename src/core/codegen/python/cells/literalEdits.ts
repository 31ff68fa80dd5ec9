// Literals that must not stay in the generated code: credentials (read from the
// environment instead) and absolute file paths (turned into params, so the pipeline runs
// on another machine by changing params.yaml, not the code).
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";
import type { CodeEdit } from "./codeEdit";
import { environmentName, isSecretName, looksLikeCredential } from "./secretNames";
import type { SourceLines } from "./sourceLines";
import { childByField, walk } from "./sourceLines";
import { isAbsoluteFilePath, plainStringValue } from "./stringLiterals";

export interface LiteralFinding {
  readonly kind: "secret" | "path";
  /** Environment variable (secret) or suggested param name (path). */
  readonly suggestedName: string;
  readonly value: string;
  /** 1-based line in the cell. */
  readonly line: number;
  readonly node: SyntaxNode;
}

/** The name a literal is given to: an assignment target, keyword argument or dict key. */
function ownerName(node: SyntaxNode, parent: SyntaxNode | undefined, source: string): string | undefined {
  if (parent === undefined) return undefined;
  const text = (target: SyntaxNode | undefined): string | undefined => {
    if (target === undefined) return undefined;
    if (target.type === "identifier") return source.slice(target.start, target.end);
    if (target.type === "attribute") return text(childByField(target, "attribute"));
    if (target.type === "string") return plainStringValue(target, source);
    return undefined;
  };
  if (parent.type === "assignment" && childByField(parent, "right") === node) return text(childByField(parent, "left"));
  if (parent.type === "keyword_argument" && childByField(parent, "value") === node) return text(childByField(parent, "name"));
  if (parent.type === "pair" && childByField(parent, "value") === node) return text(childByField(parent, "key"));
  return undefined;
}

function classify(node: SyntaxNode, parent: SyntaxNode | undefined, source: string, lines: SourceLines): LiteralFinding | undefined {
  const value = plainStringValue(node, source);
  if (value === undefined || value === "") return undefined;
  const owner = ownerName(node, parent, source);
  const line = lines.lineOf(node.start) + 1;
  if ((owner !== undefined && isSecretName(owner)) || looksLikeCredential(value)) {
    return { kind: "secret", suggestedName: environmentName(owner ?? "secret"), value, line, node };
  }
  if (isAbsoluteFilePath(value)) return { kind: "path", suggestedName: pathParamName(owner, parent), value, line, node };
  return undefined;
}

function pathParamName(owner: string | undefined, parent: SyntaxNode | undefined): string {
  const base = owner ?? (parent?.type === "argument_list" ? "input_path" : "path");
  const snake = base.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().replace(/[^a-z0-9_]/g, "_");
  return /path|file|dir/.test(snake) ? snake : `${snake}_path`;
}

export function findLiterals(root: SyntaxNode, source: string, lines: SourceLines): LiteralFinding[] {
  const found: LiteralFinding[] = [];
  const parents = new Map<SyntaxNode, SyntaxNode>();
  walk(root, (node) => {
    for (const child of node.children) parents.set(child, node);
    if (node.type !== "string") return true;
    const finding = classify(node, parents.get(node), source, lines);
    if (finding !== undefined) found.push(finding);
    return false;
  });
  return found;
}

/** The edit replacing a finding's literal with `expression`. */
export function literalEdit(finding: LiteralFinding, expression: string): CodeEdit {
  return { start: finding.node.start, end: finding.node.end, text: expression };
}
