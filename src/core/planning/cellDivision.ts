// Divides a cell that mixes stages (loads, splits, fits and scores in one cell) at its
// top-level statements, never inside one, so that each part can go to the step of its
// stage. The cut between two stages goes where the fewest values cross it, as between
// cells (autoSegments.ts). The parts' analyses are derived from the cell's own, statement
// by statement, so no cell is parsed twice.
import type { CellAnalysis, TopLevelStatement } from "../analysis/cellAnalysis";
import type { CellPart } from "../notebook/cellParts";
import { cellPartId } from "../notebook/cellParts";
import type { Pass } from "./autoSegments";
import { autoSegments } from "./autoSegments";
import type { CellFacts } from "./cellFacts";
import type { CellRole } from "./cellRoles";
import type { StatementFacts } from "./statementFacts";

/** A statement's own stage counts for dividing only with evidence at least this strong (one weak hint is not a stage). */
const MIN_STATEMENT_WEIGHT = 2;

/** The parts of every cell worth dividing, in notebook order. */
export function divideMixedCells(facts: readonly CellFacts[], fixed: readonly (CellRole | undefined)[]): CellPart[] {
  if (facts.some((fact) => fact.markers.step?.source === "kale")) return [];
  return facts.flatMap((fact) => (divisible(fact, fixed[fact.position]) ? partsOf(fact) : []));
}

function divisible(fact: CellFacts, role: CellRole | undefined): boolean {
  const { analysis, markers } = fact;
  if (role !== undefined || !fact.analysed || markers.step !== undefined || markers.stage !== undefined || markers.exclude === false) return false;
  if (analysis.syntaxErrors.length > 0 || analysis.magics.some((magic) => magic.kind === "cell-magic")) return false;
  return fact.statements.length >= 2;
}

function statementStage(statement: StatementFacts): { stage: StatementFacts["score"]["best"]; anchored: boolean } {
  const { best, bestScore } = statement.score;
  return best !== undefined && bestScore >= MIN_STATEMENT_WEIGHT ? { stage: best, anchored: true } : { stage: best, anchored: false };
}

/** Remembered per facts object (cellFacts.ts reuses an unchanged cell's). */
const partsByFacts = new WeakMap<CellFacts, CellPart[]>();

function partsOf(fact: CellFacts): CellPart[] {
  const known = partsByFacts.get(fact);
  if (known !== undefined) return known;
  const parts = divide(fact);
  partsByFacts.set(fact, parts);
  return parts;
}

function divide(fact: CellFacts): CellPart[] {
  const sequence = fact.statements.map((statement) => {
    const { stage, anchored } = statementStage(statement);
    return { stage: stage ?? "preprocessing", anchored, ...(!anchored && stage !== undefined ? { lean: stage } : {}) };
  });
  const stages = new Set(sequence.filter((entry) => entry.anchored).map((entry) => entry.stage));
  if (stages.size < 2) return [];
  const segments = autoSegments(sequence, statementPasses(fact.statements));
  if (segments.length < 2) return [];
  const lastLine = fact.cell.source.split("\n").length;
  return segments.map((segment, index) => {
    const previous = fact.statements[segment.start - 1];
    const last = fact.statements[segment.end - 1];
    return {
      id: cellPartId(fact.cell.id, index + 1),
      cellId: fact.cell.id,
      fromLine: index === 0 || previous === undefined ? 1 : previous.endLine + 1,
      toLine: index === segments.length - 1 || last === undefined ? lastLine : last.endLine,
    };
  });
}

/** A value one statement binds and a later one reads. */
function statementPasses(statements: readonly TopLevelStatement[]): Pass[] {
  const binder = new Map<string, number>();
  const passes: Pass[] = [];
  statements.forEach((statement, to) => {
    for (const name of statement.reads) {
      const from = binder.get(name);
      if (from !== undefined) passes.push({ name, from, to });
    }
    for (const name of statement.binds) binder.set(name, to);
  });
  return passes;
}

/** Part analyses, remembered per part (the division of an unchanged cell is the same object). */
const partAnalyses = new WeakMap<CellPart, { readonly statements: CellAnalysis["statements"]; readonly index: number; readonly analysis: CellAnalysis }>();

/** The analysis of lines `fromLine`..`toLine` of a cell, from the cell's own analysis. */
export function partAnalysis(analysis: CellAnalysis, part: CellPart): CellAnalysis {
  const known = partAnalyses.get(part);
  if (known?.statements === analysis.statements && known.index === analysis.index) return known.analysis;
  const made = analysePart(analysis, part);
  partAnalyses.set(part, { statements: analysis.statements, index: analysis.index, analysis: made });
  return made;
}

function analysePart(analysis: CellAnalysis, part: CellPart): CellAnalysis {
  const inPart = (line: number): boolean => line >= part.fromLine && line <= part.toLine;
  const statements = analysis.statements.filter((statement) => inPart(statement.line));
  const defines = [...new Set(statements.flatMap((statement) => statement.binds))];
  const bound = new Set<string>();
  const reads = new Set<string>();
  for (const statement of statements) {
    for (const name of statement.reads) if (!bound.has(name)) reads.add(name);
    for (const name of statement.binds) bound.add(name);
  }
  const mutates = analysis.mutates.filter((mutation) => inPart(mutation.line));
  const fileWrites = analysis.fileWrites.filter((access) => inPart(access.line));
  return {
    cellId: part.id,
    index: analysis.index,
    defines,
    reads: [...reads],
    mutates,
    imports: analysis.imports.filter((record) => inPart(record.line)),
    functions: analysis.functions.filter((name) => defines.includes(name)),
    classes: analysis.classes.filter((name) => defines.includes(name)),
    fileReads: analysis.fileReads.filter((access) => inPart(access.line)),
    fileWrites,
    magics: analysis.magics.filter((magic) => inPart(magic.line)),
    displayOnly: statements.length > 0 && defines.length === 0 && mutates.length === 0 && fileWrites.length === 0 && statements.every((statement) => statement.display !== undefined),
    syntaxErrors: analysis.syntaxErrors.filter((issue) => inPart(issue.line)),
    statements,
  };
}

/** The analyses with each divided cell's analysis replaced by its parts'. */
export function analysesWithParts(analyses: readonly CellAnalysis[], parts: readonly CellPart[]): CellAnalysis[] {
  const byCell = new Map<string, CellPart[]>();
  for (const part of parts) byCell.set(part.cellId, [...(byCell.get(part.cellId) ?? []), part]);
  return analyses.flatMap((analysis) => byCell.get(analysis.cellId)?.map((part) => partAnalysis(analysis, part)) ?? [analysis]);
}
