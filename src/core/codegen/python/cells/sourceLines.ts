// Offsets ↔ lines in a cell's Python text, and which lines lie inside a multi-line string
// (their text is data: never re-indented, stripped or commented).
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";

export class SourceLines {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) this.starts.push(index + 1);
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    return next === undefined ? this.text.length : next - 1;
  }
}

/** Calls `visit` on every node below `node` (pre-order); `visit` returning false skips children. */
export function walk(node: SyntaxNode, visit: (node: SyntaxNode) => boolean | undefined): void {
  const stack: SyntaxNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    if (visit(current) === false) continue;
    for (let index = current.children.length - 1; index >= 0; index -= 1) {
      const child = current.children[index];
      if (child !== undefined) stack.push(child);
    }
  }
}

export function childByField(node: SyntaxNode, field: string): SyntaxNode | undefined {
  return node.children.find((child) => child.field === field);
}

/** Lines strictly after the first line of each multi-line string, up to its last line. */
export function stringInteriorLines(root: SyntaxNode, lines: SourceLines): Set<number> {
  const interior = new Set<number>();
  walk(root, (node) => {
    if (node.type !== "string") return true;
    const first = lines.lineOf(node.start);
    const last = lines.lineOf(node.end);
    for (let line = first + 1; line <= last; line += 1) interior.add(line);
    return false;
  });
  return interior;
}

/** Lines that end inside a string (a comment appended there would become string data). */
export function linesEndingInString(root: SyntaxNode, lines: SourceLines): Set<number> {
  const open = new Set<number>();
  walk(root, (node) => {
    if (node.type !== "string") return true;
    const last = lines.lineOf(node.end);
    for (let line = lines.lineOf(node.start); line < last; line += 1) open.add(line);
    return false;
  });
  return open;
}
