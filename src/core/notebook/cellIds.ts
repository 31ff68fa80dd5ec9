// Stable cell ids for notebooks whose cells have none (nbformat < 4.5, percent scripts).
// An id derived from the cell's source does not depend on the cell's position, so the
// same notebook always yields the same ids and inserting a cell renumbers no other.
import { createHash } from "node:crypto";

/** First 8 hex digits of the SHA-1 of the source. */
export function sourceHashId(source: string): string {
  return createHash("sha1").update(source, "utf8").digest("hex").slice(0, 8);
}

/**
 * Returns a function to call once per cell, in notebook order, with the cell's own id
 * (if any) and its source. A cell keeps its own id the first time it appears; otherwise
 * its id is derived from its source. Repeats get `-2`, `-3`, ... in order. A derived id
 * never takes an id that a cell carries explicitly, wherever that cell is.
 */
export function cellIdAllocator(
  explicitIds: Iterable<string | undefined>,
): (explicitId: string | undefined, source: string) => string {
  const reserved = new Set([...explicitIds].filter((id): id is string => id !== undefined && id !== ""));
  const used = new Set<string>();
  return (explicitId, source) => {
    const own = explicitId === "" ? undefined : explicitId;
    if (own !== undefined && !used.has(own)) {
      used.add(own);
      return own;
    }
    const base = own ?? sourceHashId(source);
    let id = base;
    for (let repeat = 2; used.has(id) || (id !== own && reserved.has(id)); repeat += 1) id = `${base}-${repeat}`;
    used.add(id);
    return id;
  };
}

/** The ids {@link cellIdAllocator} gives a whole list of cells. */
export function assignCellIds(cells: readonly { readonly id?: string; readonly source: string }[]): string[] {
  const allocate = cellIdAllocator(cells.map((cell) => cell.id));
  return cells.map((cell) => allocate(cell.id, cell.source));
}
