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
/** Calls that only convert or round what they are given: the name comes from what they wrap. */
/** Builtins that measure what they are given: `len(y_pred)` → y_pred_len. */
const MEASURE = /^\s*(len|sum|min|max|abs|sorted|set)\s*\(\s*([^,()]+?)\s*\)\s*$/;
const WRAPPER = /^\s*(?:[A-Za-z_]\w*\.)?(?:DataFrame|Series|array|asarray|list|tuple|dict|round|float|int|str|repr)\s*\(\s*([^,]+?)\s*(?:,[^()]*)?\)(?:\s*\[.*\])?\s*$/;

/** `taken`: names the step's code uses, its inputs and outputs, Python's builtins. `outputs`: what it hands on already. */
export function stepReports(positions: readonly number[], facts: readonly CellFacts[], taken: ReadonlySet<string>, outputs: ReadonlySet<string>): StepReport[] {
  const names = new Set(taken);
  const statements = positions.flatMap((position) => {
    const fact = facts[position];
    return (fact?.statements ?? []).map((statement) => ({ statement, changes: changedBy(statement, fact?.analysis.mutates ?? []) }));
  });
  const reports: StepReport[] = [];
  for (const position of positions) {
    const fact = facts[position];
    if (fact === undefined) continue;
    for (const statement of fact.statements) {
      if (!statement.showsModelResult || statement.display === undefined) continue;
      const later = statements.slice(statements.findIndex((entry) => entry.statement === statement) + 1).flatMap((entry) => entry.changes);
      const value = reportedValue(statement.display, new Set(later), names);
      if (value === undefined || outputs.has(value.name)) continue;
      names.add(value.name);
      reports.push({ name: value.name, kind: "value", cellId: fact.cell.id, line: statement.line, expression: value.expression });
    }
    const lastPlot = [...fact.statements].reverse().find((statement) => statement.plots);
    if (lastPlot !== undefined) {
      const name = unique(`figures_cell_${fact.number}`, names);
      names.add(name);
      reports.push({ name, kind: "figures", cellId: fact.cell.id, line: lastLine(fact) });
    }
  }
  return reports;
}

function lastLine(fact: CellFacts): number {
  return fact.cell.partOf?.toLine ?? fact.cell.source.split("\n").length;
}

/**
 * The expression whose value is kept, and its name. `print("Accuracy:", acc)` keeps `acc`
 * as `accuracy`; `print(a, b)` keeps the printed text; a bare name shown as it stands is
 * kept under its own name, unless the step changes it afterwards.
 */
function reportedValue(display: StatementDisplay, changedLater: ReadonlySet<string>, taken: ReadonlySet<string>): { name: string; expression: string } | undefined {
  const args = display.args.map((arg) => arg.trim()).filter((arg) => arg !== "");
  if (args.length === 0) return undefined;
  const values = args.filter((arg) => !STRING_LITERAL.test(arg));
  const labels = args.filter((arg) => STRING_LITERAL.test(arg));
  if (values.length === 0) return undefined;
  if (values.length === 1) {
    const expression = values[0] ?? "";
    const label = labels.length > 0 ? snakeCase(labels.join(" ").replace(/^[rRbBuU]?["']|["']$/g, "")) : "";
    if (IDENTIFIER.test(expression) && label === "" && !changedLater.has(expression)) return { name: expression, expression };
    return { name: unique(label !== "" ? label : nameOf(expression), taken), expression };
  }
  return { name: unique(label0(labels) ?? "printed", taken), expression: `" ".join(str(part) for part in (${args.join(", ")},))` };
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

function unique(base: string, taken: ReadonlySet<string>): string {
  const name = pythonNameProblem(base) === undefined ? base : `${base}_value`;
  if (!taken.has(name)) return name;
  for (let n = 2; ; n += 1) if (!taken.has(`${name}_${n}`)) return `${name}_${n}`;
}
