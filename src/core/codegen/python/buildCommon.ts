// The notebook's lifted functions and classes → common.py's structure: the definitions in
// notebook order, with the imports they use.
import { ASSERT_FUNCTION } from "./cells/assertEdits";
import type { CodePiece } from "./cells/codePiece";
import type { CellCode } from "./cells/readCellCode";
import type { ImportSpec } from "./importBlock";
import type { CellBlock, CommonStructure } from "./structures";

export interface CommonContext {
  readonly packageName: string;
  readonly logger: string;
  readonly cells: readonly CellCode[];
  readonly lifted: ReadonlySet<string>;
  readonly importsByName: ReadonlyMap<string, ImportSpec>;
  readonly plannedImports: readonly ImportSpec[];
}

export function buildCommon(context: CommonContext): CommonStructure | undefined {
  const blocks: CellBlock[] = [];
  const pieces: CodePiece[] = [];
  for (const cell of context.cells) {
    const lifted = cell.pieces.filter((piece) => piece.kind === "definition" && context.lifted.has(piece.name ?? ""));
    if (lifted.length === 0) continue;
    blocks.push({ cellId: cell.cellId, pieces: lifted });
    pieces.push(...lifted);
  }
  if (pieces.length === 0) return undefined;
  const needs = new Set(pieces.flatMap((piece) => [...piece.needs]));
  return {
    imports: commonImports(pieces, needs, context),
    ...(needs.has("logger") ? { logger: context.logger } : {}),
    cells: blocks,
    names: pieces.map((piece) => piece.name ?? ""),
  };
}

function commonImports(pieces: readonly CodePiece[], needs: ReadonlySet<string>, context: CommonContext): ImportSpec[] {
  const used = new Set(pieces.flatMap((piece) => [...piece.names]));
  const defined = new Set(pieces.map((piece) => piece.name ?? ""));
  const planned = new Map(context.plannedImports.map((spec) => [spec.alias ?? spec.name ?? spec.module.split(".")[0] ?? "", spec]));
  const imports: ImportSpec[] = [];
  for (const name of [...used].sort()) {
    if (defined.has(name)) continue;
    const spec = planned.get(name) ?? context.importsByName.get(name);
    if (spec !== undefined) imports.push(spec);
  }
  if (needs.has("secret")) imports.push({ module: `${context.packageName}.params`, name: "read_secret" });
  if (needs.has("assert")) imports.push({ module: `${context.packageName}.checks`, name: ASSERT_FUNCTION });
  if (needs.has("logger")) imports.push({ module: "logging" });
  return imports;
}
