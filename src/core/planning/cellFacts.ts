// Everything the planner knows about one code cell, gathered once: the analysis, the
// lexical scan, the author's markers and the stage evidence.
import type { CellAnalysis, CellSourceAnalysis } from "../analysis/cellAnalysis";
import type { NotebookCellModel, NotebookModel } from "../notebook/notebookModel";
import type { EvidenceContext, EvidenceSite, StageEvidence } from "./cellEvidence";
import { buildEvidenceContext, evidenceContextKey, evidenceIn, evidenceSites } from "./cellEvidence";
import type { CellMarkers } from "./cellMarkers";
import { readCellMarkers } from "./cellMarkers";
import type { CellScan } from "./cellScan";
import { expectScans, scanCell } from "./cellScan";
import type { StageScore } from "./stageScore";
import { scoreEvidence } from "./stageScore";
import type { StatementFacts } from "./statementFacts";
import { traceStatements } from "./statementFacts";

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
  /** Its top-level statements, each with its own evidence. */
  readonly statements: readonly StatementFacts[];
}

const EMPTY_ANALYSIS: CellSourceAnalysis = {
  defines: [], reads: [], mutates: [], imports: [], functions: [], classes: [],
  fileReads: [], fileWrites: [], magics: [], displayOnly: false, syntaxErrors: [], statements: [],
};

/** A cell's evidence sites, remembered with its scan: re-planning after an edit matches only the edited cell against the rules. */
const sitesCache = new WeakMap<CellScan, { readonly ownKey: string; readonly contextKey: string; readonly sites: EvidenceSite[] }>();

/** The analysis' part of a sites key, remembered per analysis (the analyser reuses an unchanged cell's). */
const analysisKeys = new WeakMap<CellSourceAnalysis["imports"], { readonly analysis: CellSourceAnalysis; readonly key: string }>();

function analysisKey(analysis: CellSourceAnalysis): string {
  const known = analysisKeys.get(analysis.imports);
  if (known?.analysis.fileReads === analysis.fileReads && known.analysis.fileWrites === analysis.fileWrites) return known.key;
  const key = JSON.stringify([analysis.imports, analysis.fileReads, analysis.fileWrites]);
  analysisKeys.set(analysis.imports, { analysis, key });
  return key;
}

function cachedSites(scan: CellScan, analysis: CellSourceAnalysis | undefined, context: EvidenceContext, contextKey: string): EvidenceSite[] {
  // What the sites depend on besides the source: the analysis' imports and file accesses, and the notebook-wide names.
  const ownKey = analysis === undefined ? "-" : analysisKey(analysis);
  const known = sitesCache.get(scan);
  if (known?.ownKey === ownKey && known.contextKey === contextKey) return known.sites;
  const sites = evidenceSites(scan, analysis, context);
  sitesCache.set(scan, { ownKey, contextKey, sites });
  return sites;
}

export function buildCellFacts(notebook: NotebookModel, analyses: readonly CellAnalysis[]): CellFacts[] {
  const byId = new Map(analyses.map((analysis) => [analysis.cellId, analysis]));
  const codeCells = notebook.cells.filter((cell) => cell.kind === "code");
  expectScans(codeCells.length);
  const scans = codeCells.map((cell) => scanCell(cell.source));
  const context = buildEvidenceContext(scans);
  const contextKey = evidenceContextKey(context);
  const cells = codeCells.map((cell, position) => {
    const analysis = byId.get(cell.id);
    const scan = scans[position] ?? scanCell(cell.source);
    return { cell, analysis, scan, sites: cachedSites(scan, analysis, context, contextKey) };
  });
  const statements = traceStatements(cells.map((cell) => ({ ...cell, analysis: cell.analysis ?? EMPTY_ANALYSIS })), context, contextKey);
  return cells.map(({ cell, analysis, scan, sites }, position) => {
    const own = statements[position] ?? [];
    const known = factsCache.get(own);
    if (known !== undefined && sameCell(known, { cell, position, analysis: analysis ?? EMPTY_ANALYSIS, scan })) return known;
    const evidence = own.length > 0 ? cellEvidence(own) : evidenceIn(sites);
    const facts: CellFacts = {
      cell,
      position,
      number: cell.index + 1,
      analysis: analysis ?? EMPTY_ANALYSIS,
      analysed: analysis !== undefined,
      scan,
      markers: readCellMarkers(cell),
      evidence,
      score: scoreEvidence(evidence),
      statements: own,
    };
    factsCache.set(own, facts);
    return facts;
  });
}

/**
 * The facts made for a cell the last time, by its traced statements (statementFacts.ts
 * returns the same array while nothing they depend on changed). Reused while the cell is
 * the same: later phases remember their own results per facts object, so re-planning
 * after an edit works them out again for the edited cell only.
 */
const factsCache = new WeakMap<readonly StatementFacts[], CellFacts>();

function sameCell(known: CellFacts, now: { cell: NotebookCellModel; position: number; analysis: CellSourceAnalysis; scan: CellScan }): boolean {
  if (known.position !== now.position || known.scan !== now.scan || !sameSourceAnalysis(known.analysis, now.analysis)) return false;
  const [before, after] = [known.cell, now.cell];
  if (before === after) return true;
  // A live notebook's cells are new objects on every change: compare what the facts use.
  return (
    before.id === after.id &&
    before.index === after.index &&
    before.kind === after.kind &&
    before.language === after.language &&
    before.executionCount === after.executionCount &&
    before.source === after.source &&
    before.partOf === after.partOf &&
    JSON.stringify(before.tags) === JSON.stringify(after.tags) &&
    JSON.stringify(before.metadata) === JSON.stringify(after.metadata)
  );
}

/** The analyser gives each cell a new analysis object, around the same analysis of its source. */
function sameSourceAnalysis(before: CellSourceAnalysis, after: CellSourceAnalysis): boolean {
  return before === after || (before.statements === after.statements && before.imports === after.imports && before.mutates === after.mutates && before.syntaxErrors === after.syntaxErrors);
}

/** The cell's evidence from its statements': each kind of evidence once, at its first statement. */
function cellEvidence(statements: readonly StatementFacts[]): StageEvidence[] {
  const found = new Map<string, StageEvidence>();
  for (const item of statements.flatMap((statement) => statement.evidence)) {
    const key = `${item.stage}\u0000${item.says}`;
    if (!found.has(key)) found.set(key, item);
  }
  return [...found.values()];
}

/**
 * The facts of the notebook with divided cells as their parts, from the whole notebook's:
 * a part keeps its cell's markers and the facts of its own statements, so nothing is
 * scanned or traced twice.
 */
export function factsWithParts(whole: readonly CellFacts[], notebook: NotebookModel, analyses: readonly CellAnalysis[]): CellFacts[] {
  const byId = new Map(whole.map((fact) => [fact.cell.id, fact]));
  const analysisOf = new Map(analyses.map((analysis) => [analysis.cellId, analysis]));
  return notebook.cells
    .filter((cell) => cell.kind === "code")
    .map((cell, position): CellFacts => {
      const part = cell.partOf;
      const parent = byId.get(part?.cellId ?? cell.id);
      if (parent === undefined) throw new Error(`no facts for cell ${cell.id}`);
      if (part === undefined) return parent.position === position ? parent : shiftedFacts(parent, position);
      const analysis = analysisOf.get(cell.id) ?? parent.analysis;
      const known = partFacts.get(parent)?.get(cell.id);
      if (known !== undefined && known.position === position && sameSourceAnalysis(known.analysis, analysis) && known.cell.source === cell.source && samePart(known.cell, cell)) return known;
      const statements = parent.statements.filter((statement) => statement.line >= part.fromLine && statement.line <= part.toLine);
      const evidence = cellEvidence(statements);
      const facts: CellFacts = {
        ...parent,
        cell,
        position,
        analysis,
        scan: scanCell(cell.source),
        evidence,
        score: scoreEvidence(evidence),
        statements,
      };
      const byPart = partFacts.get(parent) ?? new Map<string, CellFacts>();
      byPart.set(cell.id, facts);
      partFacts.set(parent, byPart);
      return facts;
    });
}

/**
 * A whole cell's facts at its position among the parts (cells after a divided one move
 * down), remembered with the whole cell's facts: later phases remember their results per
 * facts object, which must stay the same while the cell does.
 */
const shifted = new WeakMap<CellFacts, CellFacts>();

function shiftedFacts(parent: CellFacts, position: number): CellFacts {
  const known = shifted.get(parent);
  if (known?.position === position) return known;
  const facts = { ...parent, position };
  shifted.set(parent, facts);
  return facts;
}

/** The facts of a divided cell's parts, per part id, remembered with the cell's facts. */
const partFacts = new WeakMap<CellFacts, Map<string, CellFacts>>();

function samePart(before: NotebookCellModel, after: NotebookCellModel): boolean {
  return before.partOf?.fromLine === after.partOf?.fromLine && before.partOf?.toLine === after.partOf?.toLine && before.index === after.index;
}
