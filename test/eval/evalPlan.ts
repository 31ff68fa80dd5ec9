// `npm run eval:plan`: runs the planner over every notebook of ../shared/corpus (read in
// place, never copied) and of test/fixtures/planning, and prints per notebook and in
// total: whether the plan is valid, its steps, the cells left out and the values passed
// between steps. Exits 1 when a plan breaks an invariant or a notebook cannot be planned.
import { readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { PlannedNotebook } from "../unit/planning/planChain";
import { PlanChain } from "../unit/planning/planChain";

// Compiled to out/test/eval/: the repository root is three levels up.
const REPO_ROOT = resolve(__dirname, "..", "..", "..");
const SOURCES = [
  { label: "corpus", dir: resolve(REPO_ROOT, "..", "shared", "corpus") },
  { label: "fixtures", dir: join(REPO_ROOT, "test", "fixtures", "planning") },
];

interface Row {
  readonly name: string;
  readonly valid: boolean;
  readonly codeCells: number;
  readonly steps: number;
  readonly excluded: number;
  readonly passed: number;
  readonly params: number;
  readonly warnings: number;
  readonly planMs: number;
}

function rowOf(name: string, planned: PlannedNotebook): Row {
  const { plan } = planned;
  return {
    name,
    valid: planned.problems.length === 0,
    codeCells: planned.notebook.cells.filter((cell) => cell.kind === "code").length,
    steps: plan.steps.length,
    excluded: plan.excluded.length,
    passed: plan.steps.reduce((sum, step) => sum + step.inputs.filter((input) => "fromStep" in input).length, 0),
    params: plan.params.length,
    warnings: plan.warnings.length,
    planMs: planned.planMs,
  };
}

const COLUMNS = ["notebook", "valid", "code cells", "steps", "excluded", "values passed", "params", "warnings", "plan ms"];

function totalRow(name: string, rows: readonly Row[]): Row {
  const sum = (key: "codeCells" | "steps" | "excluded" | "passed" | "params" | "warnings" | "planMs"): number =>
    rows.reduce((total, row) => total + row[key], 0);
  return {
    name,
    valid: rows.every((row) => row.valid),
    codeCells: sum("codeCells"),
    steps: sum("steps"),
    excluded: sum("excluded"),
    passed: sum("passed"),
    params: sum("params"),
    warnings: sum("warnings"),
    planMs: sum("planMs"),
  };
}

/** Per notebook, then a total per source and over all; a total's "valid" counts valid plans. */
function printTable(bySource: readonly { readonly label: string; readonly rows: readonly Row[] }[]): void {
  const all = bySource.flatMap((source) => source.rows);
  const line = (row: Row, validCount?: string): string[] => [
    row.name,
    validCount ?? (row.valid ? "yes" : "NO"),
    ...[row.codeCells, row.steps, row.excluded, row.passed, row.params, row.warnings].map(String),
    row.planMs.toFixed(1),
  ];
  const count = (rows: readonly Row[]): string => `${rows.filter((row) => row.valid).length}/${rows.length}`;
  const body = [
    ...all.map((row) => line(row)),
    ...bySource.map((source) => line(totalRow(`${source.label} total`, source.rows), count(source.rows))),
    line(totalRow("TOTAL", all), count(all)),
  ];
  const widths = COLUMNS.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? "").length)));
  const format = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join("  ");
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  console.log([format(COLUMNS), rule, ...body.slice(0, all.length).map(format), rule, ...body.slice(all.length).map(format)].join("\n"));
}

async function main(): Promise<void> {
  const chain = await PlanChain.load();
  const bySource = SOURCES.map((source) => ({ label: source.label, rows: [] as Row[] }));
  const failures: string[] = [];
  try {
    for (const [index, source] of SOURCES.entries()) {
      const files = readdirSync(source.dir).filter((file) => file.endsWith(".ipynb")).sort();
      for (const file of files) {
        const name = `${source.label}/${basename(file)}`;
        try {
          const planned = await chain.planFile(join(source.dir, file));
          bySource[index]?.rows.push(rowOf(name, planned));
          for (const problem of planned.problems) failures.push(`${name}: [${problem.kind}] ${problem.message}`);
        } catch (error) {
          failures.push(`${name}: could not be planned: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  } finally {
    chain.dispose();
  }
  printTable(bySource);
  if (failures.length > 0) {
    console.log(`\nProblems (${failures.length}):`);
    for (const failure of failures) console.log(`- ${failure}`);
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
}

void main();
