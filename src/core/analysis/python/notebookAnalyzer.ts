// Analyses a notebook's Python cells, remembering each result by cell source: after one
// cell is edited, re-analysing the notebook parses only that cell.
import type { NotebookCellModel, NotebookModel } from "../../notebook/notebookModel";
import type { CellAnalysis, CellSourceAnalysis } from "../cellAnalysis";
import { analyzePythonSource } from "./analyzePythonSource";
import type { PythonParser } from "./pythonParser";

export interface AnalyzerStats {
  /** Cells whose analysis was reused. */
  readonly hits: number;
  /** Cells analysed from source. */
  readonly misses: number;
  /** Distinct sources remembered. */
  readonly size: number;
}

const PYTHON_LANGUAGE = /^i?python\d*$/i;

/** A code cell in Python (or IPython), by its own language or else the notebook's. */
export function isPythonCodeCell(cell: NotebookCellModel, notebookLanguage: string): boolean {
  return cell.kind === "code" && PYTHON_LANGUAGE.test(cell.language === "" ? notebookLanguage : cell.language);
}

/**
 * The source's analysis for one cell. Written out rather than spread: V8's generic copy of
 * a spread object costs about a microsecond here, for every cell on every re-analysis.
 */
function withCell(analysis: CellSourceAnalysis, cell: NotebookCellModel): CellAnalysis {
  return {
    cellId: cell.id,
    index: cell.index,
    defines: analysis.defines,
    reads: analysis.reads,
    mutates: analysis.mutates,
    imports: analysis.imports,
    functions: analysis.functions,
    classes: analysis.classes,
    fileReads: analysis.fileReads,
    fileWrites: analysis.fileWrites,
    magics: analysis.magics,
    displayOnly: analysis.displayOnly,
    syntaxErrors: analysis.syntaxErrors,
    statements: analysis.statements,
  };
}

/**
 * How many distinct sources a cache keyed by cell source keeps for a notebook of `cells`
 * cells: four times its cells (room for other open notebooks, and for the latest sources
 * typed over, which undo brings back), at least 512. Older sources typed over are rarely
 * asked for again, and the planner keeps what it worked out for a source while the
 * source's analysis and scan are kept. The analyser and the planner's scans keep this many.
 */
export function sourcesKeptFor(cells: number): number {
  return Math.max(512, 4 * cells);
}

export class NotebookAnalyzer {
  private readonly entries = new Map<string, CellSourceAnalysis>();
  private hits = 0;
  private misses = 0;

  /** How many distinct sources are kept now: for the largest notebook analysed (sourcesKeptFor), at most `capacity`. */
  private kept = sourcesKeptFor(0);

  /** `capacity`: how many distinct sources to keep at most; the least recently used go first. */
  constructor(
    private readonly parser: PythonParser,
    private readonly capacity = 10_000,
  ) {}

  analyzeSource(source: string): CellSourceAnalysis {
    const known = this.entries.get(source);
    if (known !== undefined) {
      this.hits += 1;
      // Re-insert so that Map order is least-recently-used first.
      this.entries.delete(source);
      this.entries.set(source, known);
      return known;
    }
    this.misses += 1;
    const analysis = analyzePythonSource(this.parser, source);
    this.entries.set(source, analysis);
    if (this.entries.size > Math.min(this.kept, this.capacity)) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    return analysis;
  }

  /** One analysis per Python code cell, in notebook order; other cells are skipped. */
  analyze(notebook: NotebookModel): CellAnalysis[] {
    this.kept = Math.max(this.kept, sourcesKeptFor(notebook.cells.length));
    return notebook.cells.filter((cell) => isPythonCodeCell(cell, notebook.language)).map((cell) => withCell(this.analyzeSource(cell.source), cell));
  }

  get stats(): AnalyzerStats {
    return { hits: this.hits, misses: this.misses, size: this.entries.size };
  }

  clear(): void {
    this.entries.clear();
  }
}
