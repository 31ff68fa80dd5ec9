// What each top-level statement of a cell does for the pipeline: its stage evidence (the
// stage rules, restricted to its lines) and whether it shows or draws something a fitted
// model produced. One pass over the notebook in order follows the values that come from
// fitted models ("model results": the model itself, its predictions, scores, summaries
// and whatever is computed from them), so a cell that prints `grid.best_score_` or plots
// residuals is evaluation, while `df.head()` before any model stays exploration.
import type { CellSourceAnalysis, TopLevelStatement } from "../analysis/cellAnalysis";
import type { EvidenceContext, EvidenceSite, StageEvidence } from "./cellEvidence";
import { evidenceIn } from "./cellEvidence";
import type { CellScan } from "./cellScan";
import type { CallSite } from "./pythonCalls";
import { EVALUATION_METHODS, FIT_METHODS, MODEL_RESULT_EVIDENCE, PLOT_LIBRARIES, PLOT_METHODS } from "./stageRules";
import type { StageScore } from "./stageScore";
import { scoreEvidence } from "./stageScore";

export interface StatementFacts extends TopLevelStatement {
  /** Its evidence: the stage rules' within its lines, then `modelEvidence`. */
  readonly evidence: readonly StageEvidence[];
  /** Evidence that it shows or draws a fitted model's results. */
  readonly modelEvidence: readonly StageEvidence[];
  readonly score: StageScore;
  /** It draws on a figure. */
  readonly plots: boolean;
  /** What it displays comes from a fitted model: a value the pipeline keeps as a report. */
  readonly showsModelResult: boolean;
  /** What it draws comes from a fitted model. */
  readonly plotsModelResult: boolean;
}

export interface StatementInput {
  readonly scan: CellScan;
  readonly analysis: CellSourceAnalysis;
  readonly sites: readonly EvidenceSite[];
}

const FITS = new Set(FIT_METHODS);
const PLOT_RECEIVERS = new Set(PLOT_LIBRARIES);
const DRAWS = new Set(PLOT_METHODS);
/** A bare trailing `model.fit(...)` or `plt.plot(...)` shows an estimator or artists, not a result. */
const NOT_A_RESULT = new RegExp(`^\\s*[\\w.]+\\.(${[...FIT_METHODS, ...PLOT_METHODS, "fit_transform", "set_\\w+"].join("|")})\\s*\\(|^\\s*(${PLOT_LIBRARIES.join("|")})\\.`);

/** Per cell, in notebook order, the facts of each of its top-level statements. */
export function traceStatements(cells: readonly StatementInput[], context: EvidenceContext): StatementFacts[][] {
  const modelResults = new Set<string>();
  const helpers = helperEffects(cells, context);
  return cells.map((cell) => {
    const calls = callsByStatement(cell.scan.calls, cell.analysis.statements);
    return cell.analysis.statements.map((statement, index) => {
      const own = calls[index] ?? [];
      const fits = own.some((call) => isFit(call, context) || helpers.fits.has(call.name));
      const judges = own.some((call) => EVALUATION_METHODS.test(call.method) || helpers.judges.has(call.name));
      const readsResult = statement.reads.some((name) => modelResults.has(name));
      const plots = own.some((call) => isPlotCall(call) || helpers.plots.has(call.name));
      const touchesModel = fits || judges || readsResult;
      const showsModelResult = statement.display !== undefined && touchesModel && !statement.display.args.every((arg) => NOT_A_RESULT.test(arg));
      const plotsModelResult = plots && touchesModel;
      if (touchesModel) {
        for (const name of statement.binds) modelResults.add(name);
        for (const mutation of cell.analysis.mutates) if (mutation.line >= statement.line && mutation.line <= statement.endLine) modelResults.add(mutation.name);
        for (const call of own) if (isFit(call, context) && call.receiver !== undefined) modelResults.add(call.receiver);
      } else {
        // Bound anew from something no model produced.
        for (const name of statement.binds) modelResults.delete(name);
      }
      const ruled = evidenceIn(cell.sites, { from: statement.line, to: statement.endLine });
      const predictsNew = ruled.some((item) => item.stage === "deployment");
      const fromModels = [
        ...(showsModelResult ? [modelEvidence(predictsNew ? "predicts" : "shows", statement, cell.scan)] : []),
        ...(plotsModelResult ? [modelEvidence("plots", statement, cell.scan)] : []),
      ];
      const evidence = [...ruled, ...fromModels];
      return { ...statement, evidence, modelEvidence: fromModels, score: scoreEvidence(evidence), plots, showsModelResult, plotsModelResult };
    });
  });
}

function modelEvidence(kind: keyof typeof MODEL_RESULT_EVIDENCE, statement: TopLevelStatement, scan: CellScan): StageEvidence {
  const rule = MODEL_RESULT_EVIDENCE[kind];
  const text = (scan.source.split("\n")[statement.line - 1] ?? "").trim();
  return { stage: rule.stage, weight: rule.weight, says: rule.says, text: text.length > 60 ? `${text.slice(0, 57)}...` : text, line: statement.line, keepsCell: true, marksExploration: false };
}

function isFit(call: CallSite, context: EvidenceContext): boolean {
  if (!FITS.has(call.method)) return false;
  const onTransformer = (call.receiver !== undefined && context.transformers.has(call.receiver)) || (call.chainedOn !== undefined && context.transformerClasses.has(call.chainedOn));
  return !onTransformer;
}

export function isPlotCall(call: CallSite): boolean {
  if (DRAWS.has(call.method)) return true;
  return call.receiver !== undefined && PLOT_RECEIVERS.has(call.receiver) && !/^(load|fetch|get)_|^set_(style|theme|palette|context)$|^(rc|style\.use|use)$/.test(call.method);
}

/** Notebook functions whose bodies fit, judge or draw: calling one does the same. */
function helperEffects(cells: readonly StatementInput[], context: EvidenceContext): { fits: Set<string>; judges: Set<string>; plots: Set<string> } {
  const effects = { fits: new Set<string>(), judges: new Set<string>(), plots: new Set<string>() };
  for (const cell of cells) {
    if (cell.analysis.functions.length === 0) continue;
    const calls = callsByStatement(cell.scan.calls, cell.analysis.statements);
    cell.analysis.statements.forEach((statement, index) => {
      const defined = statement.binds.filter((name) => cell.analysis.functions.includes(name));
      if (defined.length === 0) return;
      const own = calls[index] ?? [];
      for (const name of defined) {
        if (own.some((call) => isFit(call, context))) effects.fits.add(name);
        if (own.some((call) => EVALUATION_METHODS.test(call.method))) effects.judges.add(name);
        if (own.some(isPlotCall)) effects.plots.add(name);
      }
    });
  }
  return effects;
}

/** The calls of each statement (calls and statements both in line order). */
function callsByStatement(calls: readonly CallSite[], statements: readonly TopLevelStatement[]): CallSite[][] {
  const grouped: CallSite[][] = statements.map(() => []);
  let index = 0;
  for (const call of calls) {
    while (index < statements.length && (statements[index]?.endLine ?? 0) < call.line) index += 1;
    const statement = statements[index];
    if (statement !== undefined && call.line >= statement.line) grouped[index]?.push(call);
  }
  return grouped;
}
