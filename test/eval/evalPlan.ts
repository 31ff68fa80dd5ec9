// `npm run eval:plan`: runs the planner over every notebook of the corpus
// (test/fixtures/corpus) and of test/fixtures/planning, and prints per notebook and in
// total: whether the plan is valid, its steps, the cells left out, the values passed
// between steps, and, where the notebook's cells are hand-labelled (stage-labels.tsv),
// how often the stage of the step each cell lands in agrees with its label.
// Exits 1 when a plan breaks an invariant or a notebook cannot be planned.
//
//   npm run eval:plan                                   the corpus and the fixtures
//   npm run eval:plan -- --notebooks <dir> --labels <labels.tsv> [--mismatches]
//                                                       any folder of notebooks with a labels file
//                                                       in the same format (test/fixtures/corpus/LABELLING.md)
import { existsSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { corpusDir } from "../corpus";
import type { PlannedNotebook } from "../unit/planning/planChain";
import { PlanChain } from "../unit/planning/planChain";
import type { CellVerdict, StageLabel } from "./stageAgreement";
import { judgeNotebook, percent, readStageLabels, summarise } from "./stageAgreement";

// Compiled to out/test/eval/: the repository root is three levels up.
const REPO_ROOT = resolve(__dirname, "..", "..", "..");

interface Source {
  readonly label: string;
  readonly dir: string;
  readonly labels?: string;
}

function sourcesFromArguments(args: readonly string[]): { sources: Source[]; mismatches: boolean } {
  const valueOf = (flag: string): string | undefined => {
    const index = args.indexOf(flag);
    return index === -1 ? undefined : args[index + 1];
  };
  const mismatches = args.includes("--mismatches");
  const notebooks = valueOf("--notebooks");
  if (notebooks !== undefined) {
    const labels = valueOf("--labels");
    return { sources: [{ label: basename(resolve(notebooks)), dir: resolve(notebooks), ...(labels !== undefined ? { labels: resolve(labels) } : {}) }], mismatches };
  }
  const corpus = corpusDir(REPO_ROOT);
  return {
    sources: [
      { label: "corpus", dir: corpus, labels: join(corpus, "stage-labels.tsv") },
      { label: "fixtures", dir: join(REPO_ROOT, "test", "fixtures", "planning") },
    ],
    mismatches,
  };
}

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

const NOTEBOOK_FILE = /\.(ipynb|py)$/;

async function main(): Promise<void> {
  const { sources, mismatches } = sourcesFromArguments(process.argv.slice(2));
  const chain = await PlanChain.load();
  const bySource = sources.map((source) => ({ label: source.label, rows: [] as Row[] }));
  const verdicts: { notebook: string; verdicts: CellVerdict[] }[] = [];
  const failures: string[] = [];
  try {
    for (const [index, source] of sources.entries()) {
      const labels = source.labels !== undefined && existsSync(source.labels) ? readStageLabels(source.labels) : [];
      const files = readdirSync(source.dir).filter((file) => NOTEBOOK_FILE.test(file) && (source.labels === undefined || labels.some((label) => label.notebook === file))).sort();
      for (const file of files) {
        const name = `${source.label}/${basename(file)}`;
        try {
          const planned = await chain.planFile(join(source.dir, file));
          bySource[index]?.rows.push(rowOf(name, planned));
          for (const problem of planned.problems) failures.push(`${name}: [${problem.kind}] ${problem.message}`);
          const own = labels.filter((label: StageLabel) => label.notebook === file);
          if (own.length > 0) verdicts.push({ notebook: name, verdicts: judgeNotebook(own, planned.notebook, planned.analyses, planned.plan) });
        } catch (error) {
          failures.push(`${name}: could not be planned: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  } finally {
    chain.dispose();
  }
  printTable(bySource);
  if (verdicts.length > 0) printAgreement(verdicts, mismatches);
  if (failures.length > 0) {
    console.log(`\nProblems (${failures.length}):`);
    for (const failure of failures) console.log(`- ${failure}`);
  }
  process.exitCode = failures.length > 0 ? 1 : 0;
}

/** Per notebook and in total: agreement of the landed stage, and of the per-cell classifier, with the labels. */
function printAgreement(byNotebook: readonly { notebook: string; verdicts: CellVerdict[] }[], mismatches: boolean): void {
  console.log("\nStage agreement with the hand labels (stage of the step each code cell lands in; per-cell classifier for comparison):");
  const width = Math.max(...byNotebook.map((entry) => entry.notebook.length), 5);
  const line = (name: string, verdicts: readonly CellVerdict[]): string => {
    const summary = summarise(verdicts);
    return `${name.padEnd(width)}  ${String(summary.cells).padStart(5)}  ${percent(summary.landedAgree, summary.cells).padStart(7)}  ${percent(summary.classifiedAgree, summary.cells).padStart(10)}`;
  };
  console.log(`${"notebook".padEnd(width)}  ${"cells".padStart(5)}  ${"landed".padStart(7)}  ${"classifier".padStart(10)}`);
  for (const entry of byNotebook) console.log(line(entry.notebook, entry.verdicts));
  const all = byNotebook.flatMap((entry) => entry.verdicts);
  console.log(line("TOTAL", all));
  const confusion = new Map<string, number>();
  for (const verdict of all) {
    if (verdict.landed === verdict.label.stage) continue;
    const key = `${verdict.label.stage} → ${verdict.landed}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  console.log(`\nDisagreements (label → landed): ${[...confusion].sort((a, b) => b[1] - a[1]).map(([key, count]) => `${key} ${count}`).join(", ") || "none"}`);
  if (!mismatches) return;
  for (const entry of byNotebook) {
    for (const verdict of entry.verdicts.filter((candidate) => candidate.landed !== candidate.label.stage)) {
      console.log(`  ${entry.notebook} cell ${verdict.label.cell}: labelled ${verdict.label.stage}, landed ${verdict.landed} (${verdict.where}) | ${verdict.label.reason}`);
    }
  }
}

void main();
