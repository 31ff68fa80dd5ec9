// The most common syntax error in a notebook cell is a bracket left open: `x = f(a`. The
// parser then swallows the rest of the cell into one error node, and every later
// statement is lost. Closing the bracket at the end of its line lets the rest of the cell
// be analysed; the syntax error is still reported from the original parse.
import { bracketBalance, CLOSER_OF } from "./brackets";
import type { SourceText } from "./sourceText";
import type { SyntaxNode } from "./syntaxTree";

/** Lines holding a bracket that an error node leaves open. */
function openBracketLines(node: SyntaxNode, text: SourceText, into: Set<number>): void {
  if (node.type !== "ERROR") {
    for (const child of node.children) openBracketLines(child, text, into);
    return;
  }
  for (const bracket of bracketBalance(node.children).unclosed) into.add(text.line(bracket.start));
}

/** The closers a line needs and where they go: before a trailing comment, else at the end. */
function closersFor(line: string): { readonly closers: string; readonly at: number } {
  const open: string[] = [];
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] ?? "";
    if (char === "#") return { closers: open.reverse().join(""), at: index };
    if (char === '"' || char === "'") {
      const end = line.indexOf(char, index + 1);
      // An unterminated string: nothing after it can be read as brackets.
      if (end === -1) return { closers: "", at: line.length };
      index = end;
    }
    const closer = CLOSER_OF.get(char);
    if (closer !== undefined) open.push(closer);
    else if (char === open[open.length - 1]) open.pop();
  }
  return { closers: open.reverse().join(""), at: line.length };
}

/** The source with brackets closed where error nodes leave them open; undefined if nothing to do. */
export function closeOpenBrackets(root: SyntaxNode, text: SourceText): string | undefined {
  const lines = new Set<number>();
  openBracketLines(root, text, lines);
  if (lines.size === 0) return undefined;
  const source = text.source.split("\n");
  let changed = false;
  for (const line of lines) {
    const content = source[line - 1] ?? "";
    const { closers, at } = closersFor(content);
    if (closers === "") continue;
    source[line - 1] = `${content.slice(0, at).trimEnd()}${closers}${content.slice(at)}`;
    changed = true;
  }
  return changed ? source.join("\n") : undefined;
}
