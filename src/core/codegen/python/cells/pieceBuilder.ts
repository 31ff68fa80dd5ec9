// Walks a cell's top-level nodes and turns each into a piece (or nothing): imports are
// left to the module, displays become log lines or vanish, definitions are marked so the
// caller can lift them, comments stay with the statement they follow.
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";
import type { CodeEdit } from "./codeEdit";
import { applyEdits } from "./codeEdit";
import type { CodePiece } from "./codePiece";
import { pieceLines } from "./codePiece";
import { displayKind } from "./displayStatements";
import { identifierNames, loadedNames } from "./identifierNames";
import { topLevelBindings } from "./bindings";
import type { AnalysedCode, CellCodeContext } from "./readCellCode";
import { definitionName } from "./readCellCode";

export interface PieceNote {
  /** 0-based cell line the note stands for. */
  readonly line: number;
  readonly text: string;
}

const IMPORTS = new Set(["import_statement", "import_from_statement", "future_import_statement"]);

interface Walk {
  readonly code: AnalysedCode;
  readonly source: string;
  readonly edits: readonly CodeEdit[];
  readonly context: Pick<CellCodeContext, "logger">;
  readonly pieces: CodePiece[];
  /** End offset of the previous top-level node, kept or not. */
  previousEnd: number;
  /** Whether the previous top-level node was dropped (its trailing comment goes too). */
  previousDropped: boolean;
}

export function buildPieces(
  code: AnalysedCode | undefined,
  source: string,
  edits: readonly CodeEdit[],
  notes: readonly PieceNote[],
  context: Pick<CellCodeContext, "logger">,
): CodePiece[] {
  const pending = [...notes].sort((a, b) => a.line - b.line);
  if (code === undefined) return pending.map((note) => notePiece(note, false));
  const walk: Walk = { code, source, edits, context, pieces: [], previousEnd: 0, previousDropped: false };
  const statements = code.root.children.filter((node) => node.isNamed && node.type !== "comment");
  const last = statements[statements.length - 1];
  for (const node of code.root.children) {
    while (pending.length > 0 && (pending[0]?.line ?? 0) < code.lines.lineOf(node.start)) {
      const note = pending.shift();
      if (note !== undefined) walk.pieces.push(notePiece(note, blankBetween(walk, node.start)));
    }
    visitTopLevel(walk, node, node === last);
  }
  for (const note of pending) walk.pieces.push(notePiece(note, false));
  return walk.pieces;
}

function notePiece(note: PieceNote, blankBefore: boolean): CodePiece {
  return { kind: "note", lines: [`# ${note.text}`], rawLines: new Set(), blankBefore, names: new Set(), loads: new Set(), needs: new Set(), bindings: [], line: note.line + 1 };
}

function blankBetween(walk: Walk, start: number): boolean {
  return walk.pieces.length > 0 && /\n[ \t]*\n/.test(walk.source.slice(walk.previousEnd, start));
}

function visitTopLevel(walk: Walk, node: SyntaxNode, isLast: boolean): void {
  if (!node.isNamed) return;
  if (node.type === "comment") {
    visitComment(walk, node);
    return;
  }
  const kept = keptForm(walk, node, isLast);
  if (kept !== undefined) walk.pieces.push(kept);
  walk.previousDropped = kept === undefined;
  walk.previousEnd = node.end;
}

function visitComment(walk: Walk, node: SyntaxNode): void {
  const text = walk.source.slice(node.start, node.end);
  const sameLine = walk.previousEnd > 0 && walk.code.lines.lineOf(node.start) === walk.code.lines.lineOf(walk.previousEnd);
  if (sameLine) {
    const previous = walk.pieces[walk.pieces.length - 1];
    if (!walk.previousDropped && previous !== undefined) walk.pieces[walk.pieces.length - 1] = withTrailingComment(previous, text);
    return;
  }
  const blankBefore = blankBetween(walk, node.start);
  walk.pieces.push({ kind: "code", lines: [text], rawLines: new Set(), blankBefore, names: new Set(), loads: new Set(), needs: new Set(), bindings: [], line: walk.code.lines.lineOf(node.start) + 1 });
  walk.previousDropped = false;
  walk.previousEnd = node.end;
}

function withTrailingComment(piece: CodePiece, comment: string): CodePiece {
  const lastIndex = piece.lines.length - 1;
  if (piece.rawLines.has(lastIndex)) return piece;
  const lines = [...piece.lines];
  const line = lines[lastIndex] ?? "";
  const noqa = /\s+# noqa: [A-Z0-9, ]+$/.exec(line);
  lines[lastIndex] = noqa === null ? `${line}  ${comment}` : `${line.slice(0, noqa.index)}  ${comment}${noqa[0]}`;
  return { ...piece, lines };
}

/** The piece a top-level node becomes, or undefined when it is dropped. */
function keptForm(walk: Walk, node: SyntaxNode, isLast: boolean): CodePiece | undefined {
  if (IMPORTS.has(node.type)) return undefined;
  if (node.type === "ERROR") return unparsable(walk, node);
  const name = definitionName(node, walk.source);
  if (name !== undefined) return piece(walk, node, "definition", name);
  if (node.type !== "expression_statement" || node.named.length !== 1 || walk.code.reportStatements.has(node.start)) return piece(walk, node, "code");
  const expression = node.named[0];
  const kind = expression === undefined ? "none" : displayKind(expression, walk.source);
  if (kind === "none") return piece(walk, node, "code");
  if (kind === "show" || !isLast || expression === undefined) return undefined;
  return piece(walk, node, "code", undefined, { prefix: `${walk.context.logger}.debug("%s", `, suffix: ")", target: expression });
}

interface Wrap {
  readonly prefix: string;
  readonly suffix: string;
  readonly target: SyntaxNode;
}

function piece(walk: Walk, node: SyntaxNode, kind: CodePiece["kind"], name?: string, wrap?: Wrap): CodePiece {
  const { code, source } = walk;
  const start = wrap?.target.start ?? node.start;
  const end = wrap?.target.end ?? node.end;
  const edited = applyEdits(source, start, end, walk.edits);
  const text = wrap === undefined ? edited : `${wrap.prefix}${edited}${wrap.suffix}`;
  const firstLine = code.lines.lineOf(start);
  const verbatim = pieceLines(text, undefined, { firstLine, interior: code.interior, endsInString: code.endsInString, noqa: code.noqa });
  const needs = new Set(walk.edits.filter((edit) => edit.start >= start && edit.end <= end && edit.needs !== undefined).map((edit) => edit.needs ?? ""));
  if (wrap !== undefined) needs.add("logger");
  const names = identifierNames(node, source);
  const loads = loadedNames(node, source);
  const bindings = (kind === "code" ? topLevelBindings(node, source) : []).map((binding) => ({ ...binding, pieceLine: code.lines.lineOf(binding.offset) - firstLine }));
  return { kind, ...(name === undefined ? {} : { name }), ...verbatim, blankBefore: blankBetween(walk, node.start), names, loads, needs, bindings, line: firstLine + 1 };
}

function unparsable(walk: Walk, node: SyntaxNode): CodePiece {
  const lines = walk.source.slice(node.start, node.end).split("\n").map((line) => `# nb2prod: could not parse: ${line.trimEnd()}`);
  return { kind: "note", lines, rawLines: new Set(), blankBefore: false, names: new Set(), loads: new Set(), needs: new Set(), bindings: [], line: walk.code.lines.lineOf(node.start) + 1 };
}
