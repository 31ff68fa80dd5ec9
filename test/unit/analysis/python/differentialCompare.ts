// Compares the analyser with the reference, cell by cell, into the report the
// differential test writes and asserts on.
import type { CellSourceAnalysis } from "../../../../src/core/analysis/cellAnalysis";
import type { CorpusCell } from "./corpusCells";
import { explainDisagreement } from "./knownDifferences";
import type { FieldDiff } from "./knownDifferences";
import { sorted } from "./parserFixture";
import type { ReferenceResult } from "./referenceRunner";

export interface DisagreementEntry {
  readonly id: string;
  readonly source: string;
  readonly defines?: FieldDiff;
  readonly reads?: FieldDiff;
  readonly explanation?: string;
}

export interface DifferentialReport {
  readonly compared: number;
  /** Exact-agreement percentages; syntaxErrors: the analyser reports errors exactly where Python does. */
  readonly agreement: { readonly defines: number; readonly reads: number; readonly syntaxErrors: number };
  readonly excludedPythonSyntax: readonly { id: string; error: string; analyserSyntaxErrors: number }[];
  readonly syntaxErrorsOnValidPython: readonly string[];
  readonly disagreements: readonly DisagreementEntry[];
}

function diff(analyser: readonly string[], reference: readonly string[]): FieldDiff | undefined {
  const onlyAnalyser = sorted(analyser.filter((name) => !reference.includes(name)));
  const onlyReference = sorted(reference.filter((name) => !analyser.includes(name)));
  return onlyAnalyser.length === 0 && onlyReference.length === 0 ? undefined : { onlyAnalyser, onlyReference };
}

function percent(agreeing: number, total: number): number {
  return total === 0 ? 100 : Math.round((agreeing / total) * 10_000) / 100;
}

function disagreement(cell: CorpusCell, analysis: CellSourceAnalysis, reference: { defines: string[]; reads: string[] }): DisagreementEntry | undefined {
  const defines = diff(analysis.defines, reference.defines);
  const reads = diff(analysis.reads, reference.reads);
  if (defines === undefined && reads === undefined) return undefined;
  const explanation = explainDisagreement({ source: cell.source, analyserSyntaxErrors: analysis.syntaxErrors.length, defines, reads });
  return { id: cell.id, source: cell.source, ...(defines && { defines }), ...(reads && { reads }), ...(explanation && { explanation }) };
}

export function compareWithReference(
  cells: readonly CorpusCell[],
  results: ReadonlyMap<string, ReferenceResult>,
  analyze: (source: string) => CellSourceAnalysis,
): DifferentialReport {
  const excludedPythonSyntax: { id: string; error: string; analyserSyntaxErrors: number }[] = [];
  const syntaxErrorsOnValidPython: string[] = [];
  const disagreements: DisagreementEntry[] = [];
  for (const cell of cells) {
    const result = results.get(cell.id);
    const analysis = analyze(cell.source);
    if (result?.ok !== true) {
      excludedPythonSyntax.push({ id: cell.id, error: result?.error ?? "no result", analyserSyntaxErrors: analysis.syntaxErrors.length });
      continue;
    }
    if (analysis.syntaxErrors.length > 0) syntaxErrorsOnValidPython.push(cell.id);
    const entry = disagreement(cell, analysis, result);
    if (entry !== undefined) disagreements.push(entry);
  }
  const compared = cells.length - excludedPythonSyntax.length;
  const syntaxAgree = compared - syntaxErrorsOnValidPython.length + excludedPythonSyntax.filter((cell) => cell.analyserSyntaxErrors > 0).length;
  const agreement = {
    defines: percent(compared - disagreements.filter((entry) => entry.defines !== undefined).length, compared),
    reads: percent(compared - disagreements.filter((entry) => entry.reads !== undefined).length, compared),
    syntaxErrors: percent(syntaxAgree, cells.length),
  };
  return { compared, agreement, excludedPythonSyntax, syntaxErrorsOnValidPython, disagreements };
}
