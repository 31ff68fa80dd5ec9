import type { NotebookModel } from "./notebookModel";

export interface NotebookSummary {
  readonly totalCells: number;
  readonly codeCells: number;
  readonly markdownCells: number;
  readonly rawCells: number;
  /** Non-blank source lines across code cells. */
  readonly codeLines: number;
  /** Code cells that carry an execution count (they ran at least once). */
  readonly executedCells: number;
  /** Code cells whose source is empty or only whitespace. */
  readonly emptyCodeCells: number;
  /** Languages of the code cells, most frequent first. */
  readonly languages: readonly string[];
  /** Python code cells that do not parse (IPython magics aside); empty when not checked. */
  readonly syntaxErrorCellIds: readonly string[];
}

/** Tells whether a Python cell's source has a syntax error. */
export type SyntaxChecker = (source: string) => boolean;

export function summarizeNotebook(notebook: NotebookModel, hasSyntaxError?: SyntaxChecker): NotebookSummary {
  let codeCells = 0;
  let markdownCells = 0;
  let rawCells = 0;
  let codeLines = 0;
  let executedCells = 0;
  let emptyCodeCells = 0;
  const languageCounts = new Map<string, number>();
  const syntaxErrorCellIds: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.kind === "markdown") {
      markdownCells += 1;
      continue;
    }
    if (cell.kind === "raw") {
      rawCells += 1;
      continue;
    }
    codeCells += 1;
    const lines = cell.source.split(/\r?\n/).filter((line) => line.trim() !== "").length;
    codeLines += lines;
    if (lines === 0) emptyCodeCells += 1;
    if (cell.executionCount !== null) executedCells += 1;
    if (hasSyntaxError !== undefined && cell.language === "python" && hasSyntaxError(cell.source)) {
      syntaxErrorCellIds.push(cell.id);
    }
    languageCounts.set(cell.language, (languageCounts.get(cell.language) ?? 0) + 1);
  }
  const languages = [...languageCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([language]) => language);
  return {
    totalCells: notebook.cells.length,
    codeCells,
    markdownCells,
    rawCells,
    codeLines,
    executedCells,
    emptyCodeCells,
    languages,
    syntaxErrorCellIds,
  };
}
