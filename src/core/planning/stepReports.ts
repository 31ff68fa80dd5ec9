// What each step keeps for people to look at (SplitPlan step `reports`): every value a
// cell of the step displays of a fitted model (a score, a summary, best params) becomes an
// output the pipeline records (numbers as metrics, the rest as artifacts), and every cell
// of the step that draws keeps its figures (PNG artifacts). Names are Python identifiers,
// unique within the step.
import type { StatementDisplay } from "../analysis/cellAnalysis";
import type { CellFacts } from "./cellFacts";
import type { StepReport } from "./splitPlan";
import type { StatementFacts } from "./statementFacts";
import { EVALUATION_METHODS } from "./stageRules";
import { pythonNameProblem } from "./stepName";

const STRING_LITERAL = /^[rRbBuU]?("([^"\\]|\\.)*"|'([^'\\]|\\.)*')$/;
const IDENTIFIER = /^[A-Za-z_]\w*$/;
const MAX_NAME = 40;
/** Builtins that measure what they are given: `len(y_pred)` → y_pred_len. */
const MEASURE = /^\s*(len|sum|min|max|abs|sorted|set)\s*\(\s*([^,()]+?)\s*\)\s*$/;
/** Calls that only convert or round what they are given: the name comes from what they wrap. */
const WRAPPER = /^\s*(?:[A-Za-z_]\w*\.)?(?:DataFrame|Series|array|asarray|list|tuple|dict|round|float|int|str|repr)\s*\(\s*([^,]+?)\s*(?:,[^()]*)?\)(?:\s*\[.*\])?\s*$/;

/** `isTaken`: a name the step's code uses, an input or output, a Python builtin. `outputs`: what it hands on already. */
export function stepReports(positions: readonly number[], facts: readonly CellFacts[], isTaken: (name: string) => boolean, outputs: ReadonlySet<string>): StepReport[] {
  const added = new Set<string>();
  const taken = (name: string): boolean => isTaken(name) || added.has(name);
  const statements = positions.flatMap((position) => {
    const fact = facts[position];
    return (fact?.statements ?? []).map((statement) => ({ statement, changes: changedBy(statement, fact?.analysis.mutates ?? []) }));
  });
  // The last statement of the step that binds or changes each name.
  const lastChange = new Map<string, number>();
  const order = new Map<StatementFacts, number>();
  statements.forEach((entry, index) => {
    order.set(entry.statement, index);
    for (const name of entry.changes) lastChange.set(name, index);
  });
  const reports: StepReport[] = [];
  for (const position of positions) {
    const fact = facts[position];
    if (fact === undefined) continue;
    for (const statement of fact.statements) {
      if (!statement.showsModelResult || statement.display === undefined) continue;
      const index = order.get(statement) ?? 0;
      for (const value of reportedValues(statement.display, (name) => (lastChange.get(name) ?? -1) > index, taken)) {
        if (outputs.has(value.name) || reports.some((report) => report.name === value.name)) continue;
        added.add(value.name);
        reports.push({ name: value.name, kind: "value", cellId: fact.cell.id, line: statement.line, expression: value.expression });
      }
    }
    for (const statement of fact.statements) {
      // A file written in a loop or branch has no one path to record.
      if (statement.compound === true) continue;
      for (const write of statement.writes ?? []) {
        if (FIGURE_WRITES.test(write.call)) continue;
        const name = unique(`written_${nameOfPath(write.expression)}`, taken);
        added.add(name);
        reports.push({ name, kind: "file", cellId: fact.cell.id, line: statement.line, expression: write.expression });
      }
    }
    const lastPlot = [...fact.statements].reverse().find((statement) => statement.plots);
    if (lastPlot !== undefined) {
      const name = unique(`figures_cell_${fact.number}`, taken);
      added.add(name);
      reports.push({ name, kind: "figures", cellId: fact.cell.id, line: lastLine(fact) });
    }
  }
  return reports;
}

/** Writes of figures: the figures themselves are kept. */
const FIGURE_WRITES = /(^|\.)(savefig|write_image|write_html)$/;

/** `model_path` → model_path; `"models/ridge.joblib"` → ridge_joblib; `OUT / "m.pkl"` → m_pkl. */
function nameOfPath(expression: string): string {
  const literal = /["']([^"']+)["']\s*\)?\s*$/.exec(expression)?.[1];
  const base = literal === undefined ? (/([A-Za-z_]\w*)\s*$/.exec(expression)?.[1] ?? "file") : (literal.split(/[\\/]/).pop() ?? literal);
  return snakeCase(base) || "file";
}

function lastLine(fact: CellFacts): number {
  return fact.cell.partOf?.toLine ?? fact.cell.source.split("\n").length;
}

interface ReportedValue {
  readonly name: string;
  readonly expression: string;
}

/**
 * The expressions whose values are kept, and their names. `print("Accuracy:", acc)` keeps
 * `acc` as `accuracy`; `print(f"MAE={mae:.2f} R2={r2:.3f}")` keeps mae and r2 (numbers:
 * run metrics); `print(a, b)` keeps the printed text; a bare name shown as it stands is
 * kept under its own name, unless the step changes it afterwards.
 */
function reportedValues(display: StatementDisplay, changedLater: (name: string) => boolean, taken: (name: string) => boolean): ReportedValue[] {
  const args = display.args.map((arg) => arg.trim()).filter((arg) => arg !== "");
  const values = args.filter((arg) => !STRING_LITERAL.test(arg));
  const labels = args.filter((arg) => STRING_LITERAL.test(arg));
  if (values.length === 0) return [];
  const named = new Set<string>();
  const isNamed = (name: string): boolean => taken(name) || named.has(name);
  const keep = (expression: string, label: string): ReportedValue => {
    if (IDENTIFIER.test(expression) && !changedLater(expression)) return { name: expression, expression };
    const base = label !== "" ? label : nameOf(expression);
    // `classification_report(...)` is kept as classification_report_result, not as the function's name.
    const used = new RegExp(`(^|[^\\w.])${base}\\s*\\(`).test(expression);
    const name = unique(used ? `${base}_result` : base, isNamed);
    named.add(name);
    return { name, expression };
  };
  if (values.length > 1) return [{ name: unique(label0(labels) ?? "printed", taken), expression: `" ".join(str(part) for part in (${args.join(", ")},))` }];
  const expression = values[0] ?? "";
  const interpolated = F_STRING.test(expression) ? interpolations(expression) : [];
  if (interpolated.length > 0) return interpolated.map((part) => keep(part.expression, snakeCase(part.label)));
  return [keep(expression, labels.length > 0 ? snakeCase(labels.join(" ").replace(/^[rRbBuU]?["']|["']$/g, "")) : "")];
}

const F_STRING = /^[rR]?[fF][rR]?("|')/;

/** The `{expression}` parts of an f-string with the text before each: `f"MAE={mae:.2f}"` → mae, "MAE". */
export function interpolations(fString: string): { expression: string; label: string }[] {
  const body = fString.replace(/^[rRfF]+("""|'''|"|')/, "").replace(/("""|'''|"|')$/, "");
  const found: { expression: string; label: string }[] = [];
  let text = "";
  for (let index = 0; index < body.length; index += 1) {
    const ch = body.charAt(index);
    if (ch === "{" && body.charAt(index + 1) === "{") {
      index += 1;
      continue;
    }
    if (ch !== "{") {
      text += ch;
      continue;
    }
    let depth = 1;
    let end = index + 1;
    while (end < body.length && depth > 0) {
      const inner = body.charAt(end);
      if (inner === "{" || inner === "(" || inner === "[") depth += 1;
      else if (inner === "}" || inner === ")" || inner === "]") depth -= 1;
      end += 1;
    }
    const field = body.slice(index + 1, end - 1);
    const expression = field.replace(/(![rsa])?(:[^:()[\]{}]*)?$/, "").replace(/=\s*$/, "").trim();
    if (expression !== "") found.push({ expression, label: text.replace(/[=:]\s*$/, "").trim().split(/[,;]/).pop() ?? "" });
    text = "";
    index = end - 1;
  }
  return found;
}

/** Names a statement binds or changes in place. */
function changedBy(statement: StatementFacts, mutates: readonly { readonly name: string; readonly line: number }[]): string[] {
  return [...statement.binds, ...mutates.filter((mutation) => mutation.line >= statement.line && mutation.line <= statement.endLine).map((mutation) => mutation.name)];
}

function label0(labels: readonly string[]): string | undefined {
  const first = labels[0];
  const name = first === undefined ? "" : snakeCase(first.replace(/^[rRbBuU]?["']|["']$/g, ""));
  return name === "" ? undefined : name;
}

/** `metrics.accuracy_score(y, p)` → accuracy_score; `np.sqrt(mean_squared_error(y, p))` → sqrt_mean_squared_error; `grid.best_params_` → grid_best_params. */
export function nameOf(expression: string): string {
  const inner = WRAPPER.exec(expression);
  if (inner?.[1] !== undefined && inner[1].trim() !== "") return nameOf(inner[1]);
  const measured = MEASURE.exec(expression);
  if (measured?.[1] !== undefined && measured[2] !== undefined) return snakeCase(`${nameOf(measured[2])}_${measured[1]}`) || "value";
  const calls = [...expression.matchAll(/([A-Za-z_]\w*)\s*\(/g)].map((match) => match[1] ?? "");
  const judged = calls.find((call) => EVALUATION_METHODS.test(call));
  const outer = calls[0];
  if (judged !== undefined && outer !== undefined && outer !== judged && !EVALUATION_METHODS.test(outer)) return snakeCase(`${outer}_${judged}`) || "value";
  if (judged !== undefined) {
    const receiver = new RegExp(`([A-Za-z_]\\w*)\\s*\\.\\s*${judged}\\s*\\(`).exec(expression)?.[1];
    return snakeCase(judged === "score" && receiver !== undefined ? `${receiver}_score` : judged) || "value";
  }
  const dotted = /^\s*([A-Za-z_][\w.]*)/.exec(expression)?.[1] ?? "";
  const parts = dotted.split(".").filter((part) => part !== "");
  return snakeCase(parts.slice(-2).join("_")) || "value";
}

function snakeCase(text: string): string {
  const name = text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, MAX_NAME)
    .replace(/_+$/, "");
  if (name === "") return "";
  return /^[a-z]/.test(name) ? name : `value_${name}`;
}

function unique(base: string, taken: (name: string) => boolean): string {
  const name = pythonNameProblem(base) === undefined ? base : `${base}_value`;
  if (!taken(name)) return name;
  for (let n = 2; ; n += 1) if (!taken(`${name}_${n}`)) return `${name}_${n}`;
}
