// A cell the planner divided between steps stands, in every later stage (codegen, verify,
// drift), as its parts: each part is a cell of its own whose source holds the part's lines
// at their place in the cell (earlier lines left blank), so line numbers in messages and
// tracebacks stay those of the notebook cell.
import type { CellPartOf, NotebookCellModel, NotebookModel } from "./notebookModel";

export interface CellPart extends CellPartOf {
  /** The id the part goes by. */
  readonly id: string;
}

/** The id of the `ordinal`-th part (1-based) of a cell. */
export function cellPartId(cellId: string, ordinal: number): string {
  return `${cellId}/${ordinal}`;
}

/** Lines `fromLine`..`toLine` of `source`, each earlier line left empty. */
export function partSource(source: string, fromLine: number, toLine: number): string {
  const lines = source.split("\n");
  return "\n".repeat(fromLine - 1) + lines.slice(fromLine - 1, toLine).join("\n");
}

/** The notebook with each divided cell replaced by its parts, in line order. Unknown cells are ignored. */
export function notebookWithParts(notebook: NotebookModel, parts: readonly CellPart[]): NotebookModel {
  if (parts.length === 0) return notebook;
  const byCell = new Map<string, CellPart[]>();
  for (const part of parts) byCell.set(part.cellId, [...(byCell.get(part.cellId) ?? []), part]);
  const cells = notebook.cells.flatMap((cell): NotebookCellModel[] => {
    const own = byCell.get(cell.id);
    if (own === undefined || cell.kind !== "code") return [cell];
    return [...own].sort((a, b) => a.fromLine - b.fromLine).map((part) => partCell(cell, part));
  });
  return { ...notebook, cells };
}

/** The part of `cell` as a cell, the same object while the cell and the part are (the planner re-plans on every edit). */
function partCell(cell: NotebookCellModel, part: CellPart): NotebookCellModel {
  const known = partCells.get(part);
  if (known?.cell === cell) return known.made;
  const made = {
    ...cell,
    id: part.id,
    source: partSource(cell.source, part.fromLine, part.toLine),
    partOf: { cellId: cell.id, fromLine: part.fromLine, toLine: part.toLine },
  };
  partCells.set(part, { cell, made });
  return made;
}

const partCells = new WeakMap<CellPart, { readonly cell: NotebookCellModel; readonly made: NotebookCellModel }>();

/** How messages name a cell or a part: `cell 7` or `cell 7, lines 4–9`. */
export function cellLabelOf(cell: Pick<NotebookCellModel, "index" | "partOf">): string {
  return cell.partOf === undefined ? `cell ${cell.index + 1}` : `cell ${cell.index + 1}, lines ${cell.partOf.fromLine}–${cell.partOf.toLine}`;
}
