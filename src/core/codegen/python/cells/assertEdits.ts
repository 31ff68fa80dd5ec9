// `assert` is removed by `python -O`, so a data check written as an assert would vanish in
// production. Each `assert cond, message` becomes `assert_true(cond, message)`, a plain
// function (checks.py) that raises the same AssertionError whatever the interpreter's
// flags. The statement keeps its lines, so nothing else in the cell moves.
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";
import type { CodeEdit } from "./codeEdit";
import { walk } from "./sourceLines";

export const ASSERT_FUNCTION = "assert_true";

export function assertEdits(root: SyntaxNode, source: string): CodeEdit[] {
  const edits: CodeEdit[] = [];
  walk(root, (node) => {
    if (node.type !== "assert_statement") return true;
    const keyword = /^assert\s*/.exec(source.slice(node.start, node.end));
    if (keyword === null || node.named.length === 0) return false;
    edits.push({ start: node.start, end: node.start + keyword[0].length, text: `${ASSERT_FUNCTION}(`, needs: "assert" });
    edits.push({ start: node.end, end: node.end, text: ")" });
    return false;
  });
  return edits;
}
