// The generated notebook the speed benchmarks and the memory tests type into, and the
// edit they make: `npm run bench analysis` and test/unit/planning/replanMemory.test.ts
// measure the same notebook and the same keystrokes.
import type { NotebookCellModel, NotebookModel } from "../src/core/notebook/notebookModel";

/** An .ipynb of `count` distinct code cells cycled from `sources` (distinct: no cache hits). */
export function generatedNotebookText(count: number, sources: readonly string[]): string {
  const cells = Array.from({ length: count }, (_, i) => ({
    cell_type: "code",
    id: `c${i}`,
    metadata: {},
    execution_count: null,
    outputs: [],
    source: `${sources[i % sources.length] ?? ""}\n# synthetic cell ${i}`,
  }));
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
}

/** The notebook with one cell changed as a user typing in it changes it: a new source every round. */
export function editedCell(notebook: NotebookModel, round: number): NotebookModel {
  const target = (round * 37) % notebook.cells.length;
  return {
    ...notebook,
    cells: notebook.cells.map((cell): NotebookCellModel => (cell.index === target ? { ...cell, source: `${cell.source}\nedited_${round} = ${round}` } : cell)),
  };
}
