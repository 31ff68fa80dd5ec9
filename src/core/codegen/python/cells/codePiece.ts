// A top-level statement of a cell, as text ready to print: edits applied, `# noqa`
// appended where needed, trailing spaces stripped and leading tabs expanded on code lines
// (never on lines inside a multi-line string, whose text is data).
import type { VerbatimCode } from "../pythonWriter";
import type { Binding } from "./bindings";

export interface CodePiece extends VerbatimCode {
  readonly kind: "code" | "definition" | "note";
  /** The function or class name of a definition. */
  readonly name?: string;
  /** Whether a blank line separated it from the previous statement in the cell. */
  readonly blankBefore: boolean;
  /** Names the piece reads or binds (identifiers outside attribute and keyword names). */
  readonly names: ReadonlySet<string>;
  /** Names the piece reads (a binding nobody reads is returned by the step). */
  readonly loads: ReadonlySet<string>;
  /** What its edits need from the module (see CodeEdit.needs). */
  readonly needs: ReadonlySet<string>;
  /** Names the piece binds in the step's scope, in order. */
  readonly bindings: readonly Binding[];
  /** 1-based line in the cell, for messages. */
  readonly line: number;
}

export interface PieceLineInfo {
  /** Absolute (0-based) cell line of the piece's first line. */
  readonly firstLine: number;
  readonly interior: ReadonlySet<number>;
  readonly endsInString: ReadonlySet<number>;
  readonly noqa: ReadonlyMap<number, ReadonlySet<string>>;
}

function expandTabs(line: string): string {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
  if (!indent.includes("\t")) return line;
  let width = 0;
  for (const ch of indent) width = ch === "\t" ? width + 8 - (width % 8) : width + 1;
  return " ".repeat(width) + line.slice(indent.length);
}

/** Splits `text` into lines and finishes each as described above. */
export function pieceLines(text: string, trailingComment: string | undefined, info: PieceLineInfo): VerbatimCode {
  const lines = text.split("\n");
  const rawLines = new Set<number>();
  const finished = lines.map((line, index) => {
    const absolute = info.firstLine + index;
    if (info.interior.has(absolute)) {
      rawLines.add(index);
      return line;
    }
    if (info.endsInString.has(absolute)) return expandTabs(line);
    let code = expandTabs(line).trimEnd();
    if (index === lines.length - 1 && trailingComment !== undefined) code += `  ${trailingComment}`;
    const codes = info.noqa.get(absolute);
    if (codes !== undefined && codes.size > 0) code += `  # noqa: ${[...codes].sort().join(", ")}`;
    return code;
  });
  return { lines: finished, rawLines };
}
