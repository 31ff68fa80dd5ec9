// Everything the planner knows about one code cell, gathered once: the analysis, the
// lexical scan, the author's markers and the stage evidence.
import type { CellAnalysis, CellSourceAnalysis } from "../analysis/cellAnalysis";
import type { NotebookCellModel, NotebookModel } from "../notebook/notebookModel";
import type { StageEvidence } from "./cellEvidence";
import { buildEvidenceContext, collectEvidence } from "./cellEvidence";
import type { CellMarkers } from "./cellMarkers";
import { readCellMarkers } from "./cellMarkers";
import type { CellScan } from "./cellScan";
import { scanCell } from "./cellScan";
import type { StageScore } from "./stageScore";
import { scoreEvidence } from "./stageScore";

export interface CellFacts {
  readonly cell: NotebookCellModel;
  /** Position among the notebook's code cells (0-based). */
  readonly position: number;
  /** 1-based position in the whole notebook, as messages name cells ("cell 5"). */
  readonly number: number;
  readonly analysis: CellSourceAnalysis;
  /** False when the analysis had nothing for this cell (another language, or a gap). */
  readonly analysed: boolean;
  readonly scan: CellScan;
  readonly markers: CellMarkers;
  readonly evidence: readonly StageEvidence[];
  /** The evidence added up per stage. */
  readonly score: StageScore;
}

const EMPTY_ANALYSIS: CellSourceAnalysis = {
  defines: [], reads: [], mutates: [], imports: [], functions: [], classes: [],
  fileReads: [], fileWrites: [], magics: [], displayOnly: false, syntaxErrors: [],
};

export function buildCellFacts(notebook: NotebookModel, analyses: readonly CellAnalysis[]): CellFacts[] {
  const byId = new Map(analyses.map((analysis) => [analysis.cellId, analysis]));
  const codeCells = notebook.cells.filter((cell) => cell.kind === "code");
  const scans = codeCells.map((cell) => scanCell(cell.source));
  const context = buildEvidenceContext(scans);
  return codeCells.map((cell, position) => {
    const analysis = byId.get(cell.id);
    const scan = scans[position] ?? scanCell(cell.source);
    const evidence = collectEvidence(scan, analysis, context);
    return {
      cell,
      position,
      number: cell.index + 1,
      analysis: analysis ?? EMPTY_ANALYSIS,
      analysed: analysis !== undefined,
      scan,
      markers: readCellMarkers(cell),
      evidence,
      score: scoreEvidence(evidence),
    };
  });
}
