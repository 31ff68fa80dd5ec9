// Bracket tokens among a node's children: which are left open, which close nothing.
import type { SyntaxNode } from "./syntaxTree";

export const CLOSER_OF: ReadonlyMap<string, string> = new Map([
  ["(", ")"],
  ["[", "]"],
  ["{", "}"],
]);

export const CLOSERS: ReadonlySet<string> = new Set(CLOSER_OF.values());

export interface BracketBalance {
  /** Brackets that no later token closes. */
  readonly unclosed: readonly SyntaxNode[];
  /** The first closing bracket that closes nothing. */
  readonly unmatched: SyntaxNode | undefined;
}

export function bracketBalance(tokens: readonly SyntaxNode[]): BracketBalance {
  const open: SyntaxNode[] = [];
  let unmatched: SyntaxNode | undefined;
  for (const token of tokens) {
    if (token.isMissing) continue;
    if (CLOSER_OF.has(token.type)) open.push(token);
    else if (CLOSERS.has(token.type) && CLOSER_OF.get(open[open.length - 1]?.type ?? "") === token.type) open.pop();
    else if (CLOSERS.has(token.type)) unmatched ??= token;
  }
  return { unclosed: open, unmatched };
}
