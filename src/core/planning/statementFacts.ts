// What each top-level statement of a cell does for the pipeline: its stage evidence (the
// stage rules, restricted to its lines) and whether it shows or draws something a fitted
// model produced. One pass over the notebook in order follows the values that come from
// fitted models ("model results": the model itself, its predictions, scores, summaries
// and whatever is computed from them), so a cell that prints `grid.best_score_` or plots
// residuals is evaluation, while `df.head()` before any model stays exploration.
import type { CellSourceAnalysis, TopLevelStatement } from "../analysis/cellAnalysis";
import type { EvidenceContext, EvidenceSite, StageEvidence } from "./cellEvidence";
import { evidenceIn, sitesWithin } from "./cellEvidence";
import { boundName } from "./importIndex";
import type { CellScan } from "./cellScan";
import type { CallSite } from "./pythonCalls";
import { DRAWING_METHOD, EVALUATION_METHODS, FIT_METHODS, MODEL_RESULT_EVIDENCE, PLOT_LIBRARIES, PLOT_METHODS, PROBE_FIT, SIDE_EFFECT_METHODS } from "./stageRules";
import type { StageScore } from "./stageScore";
import { scoreEvidence } from "./stageScore";
import { keyKeeper } from "./stepMemo";

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
/** Names that hold new observations to predict for (`X_new`, `new_data`). */
const NEW_DATA = /(^|_)new($|_)/i;
const NOT_A_RESULT = new RegExp(`^\\s*[\\w.]+\\.(${[...FIT_METHODS, ...PLOT_METHODS, ...SIDE_EFFECT_METHODS].join("|")})\\s*\\(|^\\s*(${PLOT_LIBRARIES.join("|")})\\.`);

/**
 * Per cell, in notebook order, the facts of each of its top-level statements.
 * `contextKey` identifies `context` (evidenceContextKey).
 */
export function traceStatements(cells: readonly StatementInput[], context: EvidenceContext, contextKey: string): readonly StatementFacts[][] {
  const tracer = new ModelResultTracer(cells, context, contextKey);
  return cells.map((cell, cellIndex) => tracer.cell(cell, cellIndex, ownStatementParts(cell)));
}

/**
 * How one cell was traced, to trace it again only when something it depended on changed.
 * A cell's facts depend on its own statements, on the notebook-wide names (`globalKey`),
 * on which of the names it reads held model results when the trace reached it, and on
 * whether later cells read the models it fitted; its effect on the trace is which names
 * hold model results after it.
 */
interface TraceRecord {
  readonly globalKey: string;
  /** The names the cell reads, and whether each held a model result on entry. */
  readonly entry: NameStates;
  /** The names it asked about later cells for, and whether a later cell read each. */
  readonly readLater: NameStates;
  /** The names it changed, and whether each holds a model result after it. */
  readonly exit: NameStates;
  readonly facts: StatementFacts[];
}

/** Names with a yes or no each, as two arrays: replays walk them by index on every re-plan. */
interface NameStates {
  readonly names: readonly string[];
  readonly states: readonly boolean[];
}

function nameStates(entries: Iterable<readonly [string, boolean]>): NameStates {
  const names: string[] = [];
  const states: boolean[] = [];
  for (const [name, state] of entries) {
    names.push(name);
    states.push(state);
  }
  return { names, states };
}

/** A few records per cell content: cells with the same source may be traced in different states. */
const MAX_RECORDS = 4;
const traceRecords = new WeakMap<OwnStatementParts, TraceRecord[]>();
const sameGlobalKey = keyKeeper();

/** What a cell's statements are on their own: their calls, the names they change, the stage rules' evidence within their lines. */
interface OwnStatementParts {
  readonly statements: readonly TopLevelStatement[];
  /** Every name its statements read. */
  readonly reads: readonly string[];
  readonly calls: readonly (readonly CallSite[])[];
  readonly mutated: readonly (readonly string[])[];
  readonly found: readonly (readonly StageEvidence[])[];
}

/**
 * Remembered with the cell's evidence sites (cellFacts.ts keeps those per scan while the
 * cell's source, imports and the notebook-wide names stay the same): re-planning after
 * an edit works these out for the edited cell only.
 */
const ownPartsCache = new WeakMap<readonly EvidenceSite[], OwnStatementParts>();

function ownStatementParts(cell: StatementInput): OwnStatementParts {
  const statements = cell.analysis.statements;
  const known = ownPartsCache.get(cell.sites);
  if (known?.statements === statements) return known;
  const parts: OwnStatementParts = {
    statements,
    reads: [...new Set(statements.flatMap((statement) => statement.reads))],
    calls: callsByStatement(cell.scan.calls, statements),
    mutated: mutationsByStatement(cell.analysis),
    found: statements.map((statement) => evidenceIn(sitesWithin(cell.sites, { from: statement.line, to: statement.endLine }))),
  };
  ownPartsCache.set(cell.sites, parts);
  return parts;
}

/** Follows, statement by statement in notebook order, which names hold a fitted model or something computed from one. */
class ModelResultTracer {
  private readonly modelResults = new Set<string>();
  private readonly helpers: HelperEffects;
  private readonly live: LiveNames;
  /** Names bound by imports: `np.linalg.lstsq(...)` fits, but `np` is a module, not a model. */
  private readonly modules: ReadonlySet<string>;
  /** Everything notebook-wide a cell's trace depends on. */
  private readonly globalKey: string;
  /** While a cell is traced: the names it changed, and what it asked about later cells. */
  private recording: { readonly changed: Set<string>; readonly readLater: Map<string, boolean> } | undefined;

  constructor(
    cells: readonly StatementInput[],
    private readonly context: EvidenceContext,
    contextKey: string,
  ) {
    this.helpers = helperEffects(cells, context, contextKey);
    this.live = new LiveNames(cells.map((cell) => cell.analysis));
    this.modules = new Set(cells.flatMap((cell) => cell.analysis.imports.map(boundName)).filter((name) => name !== undefined));
    const sorted = (names: ReadonlySet<string>): string => [...names].sort().join(",");
    this.globalKey = sameGlobalKey([contextKey, sorted(this.helpers.fits), sorted(this.helpers.judges), sorted(this.helpers.plots), sorted(this.modules)].join("|"));
  }

  /** The facts of a cell's statements: traced again only if what they depend on changed. */
  cell(cell: StatementInput, cellIndex: number, own: OwnStatementParts): StatementFacts[] {
    const records = traceRecords.get(own) ?? [];
    const reusable = records.find((record) => this.replays(record, cellIndex));
    if (reusable !== undefined) {
      const { names, states } = reusable.exit;
      for (let index = 0; index < names.length; index += 1) this.mark(names[index] ?? "", states[index] === true);
      return reusable.facts;
    }
    const entry: NameStates = { names: own.reads, states: own.reads.map((name) => this.modelResults.has(name)) };
    const recording = { changed: new Set<string>(), readLater: new Map<string, boolean>() };
    this.recording = recording;
    const facts = own.statements.map((_, index) =>
      this.statement(cell, cellIndex, index, { calls: own.calls[index] ?? [], mutated: own.mutated[index] ?? [], found: own.found[index] ?? [] }),
    );
    this.recording = undefined;
    const exit = nameStates([...recording.changed].map((name) => [name, this.modelResults.has(name)] as const));
    traceRecords.set(own, [{ globalKey: this.globalKey, entry, readLater: nameStates(recording.readLater), exit, facts }, ...records].slice(0, MAX_RECORDS));
    return facts;
  }

  private replays(record: TraceRecord, cellIndex: number): boolean {
    if (record.globalKey !== this.globalKey) return false;
    const { entry, readLater } = record;
    for (let index = 0; index < entry.names.length; index += 1) if (this.modelResults.has(entry.names[index] ?? "") !== entry.states[index]) return false;
    for (let index = 0; index < readLater.names.length; index += 1) if (this.live.readAfter(cellIndex, readLater.names[index] ?? "") !== readLater.states[index]) return false;
    return true;
  }

  private mark(name: string, holds: boolean): void {
    if (holds) this.modelResults.add(name);
    else this.modelResults.delete(name);
  }

  private readAfter(cellIndex: number, name: string): boolean {
    const read = this.live.readAfter(cellIndex, name);
    this.recording?.readLater.set(name, read);
    return read;
  }

  statement(
    cell: StatementInput,
    cellIndex: number,
    index: number,
    parts: { readonly calls: readonly CallSite[]; readonly mutated: readonly string[]; readonly found: readonly StageEvidence[] },
  ): StatementFacts {
    const own = parts.calls;
    const statement = cell.analysis.statements[index] ?? { line: 1, endLine: 1, binds: [], assigns: [], reads: [] };
    const found = parts.found;
    // A hand-written training loop or closed-form solution fits a model as much as `.fit()` does.
    const trains = found.some((item) => item.stage === "training" && item.weight >= 3);
    const fits = trains || own.some((call) => isFit(call, this.context) || this.helpers.fits.has(call.name));
    const judges = own.some((call) => EVALUATION_METHODS.test(call.method) || this.helpers.judges.has(call.name));
    const readsResult = statement.reads.some((name) => this.modelResults.has(name));
    const plots = own.some((call) => isPlotCall(call) || this.helpers.plots.has(call.name));
    const touchesModel = fits || judges || readsResult;
    // A statement that draws keeps its figure; what it shows (an Axes, a Legend) is not a value.
    const showsModelResult = statement.display !== undefined && touchesModel && !plots && !statement.display.args.every((arg) => NOT_A_RESULT.test(arg));
    const plotsModelResult = plots && touchesModel;
    const fitted = fits ? new Set([...statement.binds, ...own.flatMap((call) => this.fittedReceiver(call))]) : new Set<string>();
    this.update(statement, parts.mutated, touchesModel, fitted);
    // Fitting and judging (or collecting what the models give) in one statement, keeping no model: a validation curve, a comparison.
    const collects = (): boolean => parts.mutated.some((name) => !fitted.has(name));
    const kept = (): boolean => {
      const later = cell.analysis.statements.slice(index + 1);
      return [...fitted].some((name) => this.readAfter(cellIndex, name) || later.some((next) => next.reads.includes(name)));
    };
    const probe = fits && (judges || plots || collects()) && !kept();
    const ruled = found.map((item) => (probe && item.stage === "training" ? asProbe(item) : item));
    const predictsNew = ruled.some((item) => item.stage === "deployment") || statement.reads.some((name) => NEW_DATA.test(name));
    const fromModels = [
      ...(showsModelResult ? [modelEvidence(predictsNew ? "predicts" : "shows", statement, cell.scan)] : []),
      ...(plotsModelResult ? [modelEvidence("plots", statement, cell.scan)] : []),
      ...(readsResult && !fits && !showsModelResult && !plotsModelResult && statement.binds.length > 0 ? [modelEvidence("uses", statement, cell.scan)] : []),
    ];
    const evidence = [...ruled, ...fromModels];
    return withFacts(statement, { evidence, modelEvidence: fromModels, score: scoreEvidence(evidence), plots, showsModelResult, plotsModelResult });
  }

  private fittedReceiver(call: CallSite): string[] {
    return call.receiver !== undefined && !this.modules.has(call.receiver) && isFit(call, this.context) ? [call.receiver] : [];
  }

  private update(statement: TopLevelStatement, mutated: readonly string[], touchesModel: boolean, fitted: ReadonlySet<string>): void {
    if (!touchesModel) {
      // Bound anew from something no model produced.
      for (const name of statement.binds) this.change(name, false);
      return;
    }
    for (const name of statement.binds) this.change(name, true);
    for (const name of mutated) this.change(name, true);
    for (const name of fitted) this.change(name, true);
  }

  private change(name: string, holds: boolean): void {
    this.mark(name, holds);
    this.recording?.changed.add(name);
  }
}

type OwnFacts = Omit<StatementFacts, keyof TopLevelStatement>;

/**
 * The statement with its facts. Written out rather than spread: V8 copies a spread object
 * through a slow generic path here (about a microsecond a statement, most of the tracing).
 */
function withFacts(statement: TopLevelStatement, facts: OwnFacts): StatementFacts {
  const { compound, writes, display } = statement;
  const written: { -readonly [K in keyof StatementFacts]: StatementFacts[K] } = {
    line: statement.line,
    endLine: statement.endLine,
    binds: statement.binds,
    assigns: statement.assigns,
    reads: statement.reads,
    evidence: facts.evidence,
    modelEvidence: facts.modelEvidence,
    score: facts.score,
    plots: facts.plots,
    showsModelResult: facts.showsModelResult,
    plotsModelResult: facts.plotsModelResult,
  };
  if (compound !== undefined) written.compound = compound;
  if (writes !== undefined) written.writes = writes;
  if (display !== undefined) written.display = display;
  return written;
}

function modelEvidence(kind: keyof typeof MODEL_RESULT_EVIDENCE, statement: TopLevelStatement, scan: CellScan): StageEvidence {
  const rule = MODEL_RESULT_EVIDENCE[kind];
  const text = lineOf(scan.source, statement.line).trim();
  return { stage: rule.stage, weight: rule.weight, says: rule.says, text: text.length > 60 ? `${text.slice(0, 57)}...` : text, line: statement.line, keepsCell: rule.keepsCell, marksExploration: false };
}

/** Line `line` (1-based) of `source`, without splitting the whole text. */
function lineOf(source: string, line: number): string {
  let start = 0;
  for (let current = 1; current < line; current += 1) {
    const next = source.indexOf("\n", start);
    if (next === -1) return "";
    start = next + 1;
  }
  const end = source.indexOf("\n", start);
  return source.slice(start, end === -1 ? source.length : end);
}

function asProbe(item: StageEvidence): StageEvidence {
  return { ...item, stage: PROBE_FIT.stage, says: `${item.says} ${PROBE_FIT.says}` };
}

/** Whether a later cell reads a name before binding it anew, answered by binary search over each name's uses. */
class LiveNames {
  /**
   * Per name, in cell order, one number per cell that uses it: the cell's index times two,
   * plus one when it reads the name (rather than binding it without reading). Numbers, not
   * objects: this is built for the whole notebook on every re-plan.
   */
  private readonly uses = new Map<string, number[]>();

  constructor(analyses: readonly CellSourceAnalysis[]) {
    analyses.forEach((analysis, cell) => {
      const { reads, bindsOnly } = namesUsed(analysis);
      for (const name of reads) this.add(name, cell * 2 + 1);
      for (const name of bindsOnly) this.add(name, cell * 2);
    });
  }

  private add(name: string, use: number): void {
    const list = this.uses.get(name);
    if (list === undefined) this.uses.set(name, [use]);
    else list.push(use);
  }

  readAfter(cell: number, name: string): boolean {
    const list = this.uses.get(name);
    if (list === undefined) return false;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((list[middle] ?? 0) >> 1 <= cell) low = middle + 1;
      else high = middle;
    }
    const next = list[low];
    return next !== undefined && (next & 1) === 1;
  }
}

/** The distinct names a cell reads, and those it binds without reading; remembered per analysis of its source. */
function namesUsed(analysis: CellSourceAnalysis): { readonly reads: readonly string[]; readonly bindsOnly: readonly string[] } {
  const known = namesUsedBy.get(analysis.reads);
  if (known?.defines === analysis.defines) return known;
  const reads = new Set(analysis.reads);
  const made = { defines: analysis.defines, reads: [...reads], bindsOnly: analysis.defines.filter((name) => !reads.has(name)) };
  namesUsedBy.set(analysis.reads, made);
  return made;
}

const namesUsedBy = new WeakMap<CellSourceAnalysis["reads"], { readonly defines: CellSourceAnalysis["defines"]; readonly reads: readonly string[]; readonly bindsOnly: readonly string[] }>();

function isFit(call: CallSite, context: EvidenceContext): boolean {
  if (!FITS.has(call.method)) return false;
  const onTransformer = (call.receiver !== undefined && context.transformers.has(call.receiver)) || (call.chainedOn !== undefined && context.transformerClasses.has(call.chainedOn));
  return !onTransformer;
}

export function isPlotCall(call: CallSite): boolean {
  if (DRAWS.has(call.method) || DRAWING_METHOD.test(call.method)) return true;
  return call.receiver !== undefined && PLOT_RECEIVERS.has(call.receiver) && !/^(load|fetch|get)_|^set_(style|theme|palette|context)$|^(rc|style\.use|use)$/.test(call.method);
}

interface HelperEffects {
  readonly fits: Set<string>;
  readonly judges: Set<string>;
  readonly plots: Set<string>;
}

/** Notebook functions whose bodies fit, judge or draw: calling one does the same. */
function helperEffects(cells: readonly StatementInput[], context: EvidenceContext, contextKey: string): HelperEffects {
  const effects: HelperEffects = { fits: new Set(), judges: new Set(), plots: new Set() };
  for (const cell of cells) {
    if (cell.analysis.functions.length === 0) continue;
    const own = cellHelperEffects(cell, context, contextKey);
    for (const name of own.fits) effects.fits.add(name);
    for (const name of own.judges) effects.judges.add(name);
    for (const name of own.plots) effects.plots.add(name);
  }
  return effects;
}

interface CellHelperEffects {
  readonly fits: readonly string[];
  readonly judges: readonly string[];
  readonly plots: readonly string[];
}

/** A cell's functions that fit, judge or draw, remembered per cell content and notebook-wide names (`contextKey`). */
const cellHelpers = new WeakMap<readonly TopLevelStatement[], { readonly scan: CellScan; readonly contextKey: string; readonly effects: CellHelperEffects }>();

function cellHelperEffects(cell: StatementInput, context: EvidenceContext, contextKey: string): CellHelperEffects {
  const known = cellHelpers.get(cell.analysis.statements);
  if (known?.scan === cell.scan && known.contextKey === contextKey) return known.effects;
  const effects = { fits: [] as string[], judges: [] as string[], plots: [] as string[] };
  const calls = callsByStatement(cell.scan.calls, cell.analysis.statements);
  cell.analysis.statements.forEach((statement, index) => {
    const defined = statement.binds.filter((name) => cell.analysis.functions.includes(name));
    if (defined.length === 0) return;
    const own = calls[index] ?? [];
    for (const name of defined) {
      if (own.some((call) => isFit(call, context))) effects.fits.push(name);
      if (own.some((call) => EVALUATION_METHODS.test(call.method))) effects.judges.push(name);
      if (own.some(isPlotCall)) effects.plots.push(name);
    }
  });
  cellHelpers.set(cell.analysis.statements, { scan: cell.scan, contextKey, effects });
  return effects;
}

/** The names each statement changes in place. */
function mutationsByStatement(analysis: CellSourceAnalysis): string[][] {
  const grouped: string[][] = analysis.statements.map(() => []);
  for (const mutation of analysis.mutates) {
    const index = analysis.statements.findIndex((statement) => mutation.line >= statement.line && mutation.line <= statement.endLine);
    if (index !== -1) grouped[index]?.push(mutation.name);
  }
  return grouped;
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
