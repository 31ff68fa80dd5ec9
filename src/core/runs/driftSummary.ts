// What the Runs view says about a run's data drift, from its drift events: which columns
// moved (drift) or are to watch (warning), and against which earlier run.
import { formatValue } from "./runFormat";
import type { RunEventOf } from "./runEvents";

type DriftEvent = RunEventOf<"drift">;
type DriftColumn = DriftEvent["columns"][number];

export interface DriftSummary {
  /** False when no output had an earlier successful run to compare with (a first run). */
  readonly compared: boolean;
  /** Names of the columns that drifted, each once, in the order the run checked them. */
  readonly moved: readonly string[];
  /** Names of the columns with a warning and no drift. */
  readonly warnings: readonly string[];
  /** One line per compared output: `split.X_train vs run …: bmi (PSI 0.41, KS 0.23, p 0.00012): drift`. */
  readonly details: readonly string[];
}

/** The run's drift, or undefined for a run that profiled no data. */
export function summariseDrift(events: readonly DriftEvent[]): DriftSummary | undefined {
  if (events.length === 0) return undefined;
  const compared = events.filter((event) => event.reference !== null);
  const named = (status: DriftColumn["status"]): Set<string> =>
    new Set(compared.flatMap((event) => event.columns.filter((column) => column.status === status).map((column) => column.column)));
  const moved = named("drift");
  return {
    compared: compared.length > 0,
    moved: [...moved],
    warnings: [...named("warning")].filter((column) => !moved.has(column)),
    details: events.map(describeDriftEvent),
  };
}

/** `drift: 2 columns moved`, `no drift`, `no drift (1 column to watch)`, `first data profile`. */
export function driftLabel(summary: DriftSummary): string {
  if (!summary.compared) return "first data profile";
  const count = (n: number, what: string): string => `${n} ${n === 1 ? "column" : "columns"} ${what}`;
  if (summary.moved.length > 0) return `drift: ${count(summary.moved.length, "moved")}`;
  return summary.warnings.length > 0 ? `no drift (${count(summary.warnings.length, "to watch")})` : "no drift";
}

function describeDriftEvent(event: DriftEvent): string {
  const where = `${event.step}.${event.output}`;
  if (event.reference === null) return `${where}: profiled; no earlier successful run to compare with`;
  const moved = event.columns.filter((column) => column.status !== "ok").map(describeDriftColumn);
  return `${where} vs run ${event.reference}: ${moved.length > 0 ? moved.join("; ") : "no drift"}`;
}

/** `bmi (PSI 0.41, KS 0.23, p 0.00012): drift`, `city (new categories Paris): drift`, `age (removed): drift`. */
export function describeDriftColumn(column: DriftColumn): string {
  const details = [
    column.change,
    column.psi === undefined ? undefined : `PSI ${formatValue(Number(column.psi.toPrecision(3)))}`,
    column.ks === undefined ? undefined : `KS ${formatValue(Number(column.ks.toPrecision(3)))}`,
    column.pValue === undefined ? undefined : `p ${formatValue(Number(column.pValue.toPrecision(2)))}`,
    column.newCategories?.length ? `new categories ${column.newCategories.join(", ")}` : undefined,
    column.missingCategories?.length ? `missing categories ${column.missingCategories.join(", ")}` : undefined,
  ].filter((detail): detail is string => detail !== undefined);
  return details.length > 0 ? `${column.column} (${details.join(", ")}): ${column.status}` : `${column.column}: ${column.status}`;
}
