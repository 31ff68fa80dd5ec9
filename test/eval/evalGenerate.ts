// `npm run eval:generate`: the headline figure. For every notebook of test/fixtures/corpus
// marked runs_offline=yes in PROVENANCE.tsv, plus examples/, generates a project in a
// temporary folder with no manual edits (through the real `nb2prod generate` command) and
// reports per notebook and in %: (a) ruff check, (b) mypy, (c) pytest, (d) the flow runs
// end to end under Prefect, (e) `nb2prod verify` finds every step equal. Each failure is
// printed with its reason. Targets: 100% on (a) and (b), ≥ 90% on (e).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve, sep } from "node:path";
import { NodeFileSystem } from "../../src/core/nodeFileSystem";
import { NodeProcessRunner } from "../../src/core/nodeProcessRunner";
import { NodeScratchSpace } from "../../src/core/verify/nodeScratchSpace";
import { projectManifestSchema } from "../../src/core/verify/projectManifest";
import type { ProjectManifest } from "../../src/core/verify/projectManifest";
import { DEFAULT_VERIFY_TIMEOUT_MS, verifyProject } from "../../src/core/verify/verifyProject";
import type { CheckResult } from "../unit/codegen/generatedChecks";
import { checkFlow, checkMypy, checkPytest, checkRuff } from "../unit/codegen/generatedChecks";
import { ensurePythonEnv } from "../unit/codegen/pythonEnvHandle";
import { exampleNotebooks, generateProject, offlineCorpusNotebooks } from "./corpusNotebooks";
import { writePercentScript } from "./percentScript";

// Compiled to out/test/eval/: the repository root is three levels up.
const REPO_ROOT = resolve(__dirname, "..", "..", "..");
const COLUMNS = ["ruff", "mypy", "pytest", "flow", "verify"] as const;
type Column = (typeof COLUMNS)[number];

/** How much of the pipeline verify could compare: (e) is only as strong as this. */
interface Coverage {
  readonly steps: number;
  readonly stepsWithoutOutputs: number;
  readonly outputs: number;
  readonly outputsEqual: number;
}

/** What a run kept: metrics, figures and reports recorded in its events; steps returning nothing. */
interface Kept {
  readonly metrics: number;
  readonly figures: number;
  readonly reports: number;
  readonly steps: number;
  readonly stepsWithoutOutputs: number;
}

interface Row {
  readonly name: string;
  readonly results: Partial<Record<Column, CheckResult>>;
  readonly generateSeconds: number;
  readonly coverage?: Coverage;
  readonly kept?: Kept;
}

const skipped = (reason: string): CheckResult => ({ ok: false, reason, seconds: 0 });

function detail(step: { readonly outputs: readonly { readonly name: string; readonly status: string }[] }): string {
  const bad = step.outputs.filter((output) => output.status !== "equal").map((output) => `${output.name} ${output.status}`);
  return bad.length === 0 ? "" : ` (${bad.slice(0, 3).join(", ")})`;
}

async function verify(notebook: string, project: string, python: string): Promise<CheckResult & { coverage?: Coverage }> {
  const started = Date.now();
  try {
    const report = await verifyProject(
      { notebookPath: notebook, projectDir: project, python, timeoutMs: DEFAULT_VERIFY_TIMEOUT_MS },
      { fs: new NodeFileSystem(), runner: new NodeProcessRunner(), scratch: new NodeScratchSpace() },
    );
    const seconds = (Date.now() - started) / 1000;
    // A step that returns nothing has nothing to compare: verify calls it not-comparable,
    // and it counts as equal here. Every other step must be equal.
    // Nothing to compare: no outputs, or only drawing objects (figures, axes), which verify does not compare.
    const counted = report.steps.filter((step) => !(step.status === "not-comparable" && step.outputs.every((output) => output.status === "not-compared")));
    const notEqual = counted.filter((step) => step.status !== "equal").map((step) => `${step.name}: ${step.status}${detail(step)}`);
    const empty = report.steps.length - counted.length;
    const note = empty === 0 ? "" : ` (${empty} of ${report.steps.length} steps return nothing)`;
    const outputs = report.steps.flatMap((step) => step.outputs);
    const coverage = { steps: report.steps.length, stepsWithoutOutputs: empty, outputs: outputs.length, outputsEqual: outputs.filter((output) => output.status === "equal").length };
    return { ok: notEqual.length === 0 && report.status !== "failed", reason: notEqual.length === 0 ? `${report.status}${note}` : `${notEqual.slice(0, 3).join("; ")}${note}`, seconds, coverage };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), seconds: (Date.now() - started) / 1000 };
  }
}

async function evaluate(notebook: string, python: string): Promise<Row> {
  const name = extname(notebook) === ".py" ? `${basename(notebook)} (percent)` : basename(notebook, ".ipynb");
  const project = join(mkdtempSync(join(tmpdir(), "nb2prod-eval-")), basename(notebook).replace(/\W+/g, "_"));
  const started = Date.now();
  const failure = await generateProject(notebook, project, python);
  const generateSeconds = (Date.now() - started) / 1000;
  if (failure !== undefined) return { name, generateSeconds, results: Object.fromEntries(COLUMNS.map((column) => [column, skipped(`generate failed: ${failure}`)])) };
  const manifest = projectManifestSchema.parse(JSON.parse(readFileSync(join(project, "nb2prod.json"), "utf8")));
  const results: Partial<Record<Column, CheckResult>> = {};
  results.ruff = checkRuff(python, project);
  results.mypy = checkMypy(python, project);
  results.pytest = checkPytest(python, project);
  results.flow = checkFlow(python, project, manifest.package);
  const verified = await verify(notebook, project, python);
  results.verify = verified;
  const kept = keptByRun(project, manifest);
  return { name, generateSeconds, results, kept, ...(verified.coverage === undefined ? {} : { coverage: verified.coverage }) };
}

/** What the flow run kept for people (from its run events), and the steps whose function returns nothing (from the manifest). */
function keptByRun(project: string, manifest: ProjectManifest): Kept {
  const runsDir = join(project, ".nb2prod", "runs");
  const last = existsSync(runsDir) ? readdirSync(runsDir).sort().pop() : undefined;
  const events = last === undefined ? [] : readFileSync(join(runsDir, last, "events.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type?: string; kind?: string });
  return {
    metrics: events.filter((event) => event.type === "metric").length,
    figures: events.filter((event) => event.type === "artifact" && event.kind === "figure").length,
    reports: events.filter((event) => event.type === "artifact" && event.kind === "report").length,
    steps: manifest.steps.length,
    stepsWithoutOutputs: manifest.steps.filter((step) => step.outputs.length === 0).length,
  };
}

function mark(result: CheckResult | undefined): string {
  return result === undefined ? "-" : result.ok ? "pass" : "FAIL";
}

function printTable(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((row) => row.name.length), 8);
  console.log(`\n${"notebook".padEnd(width)}  ${COLUMNS.map((column, index) => `(${"abcde"[index] ?? ""}) ${column}`.padEnd(11)).join(" ")}  gen s`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(width)}  ${COLUMNS.map((column) => mark(row.results[column]).padEnd(11)).join(" ")}  ${row.generateSeconds.toFixed(2)}`);
  }
  const percent = (column: Column): string => `${((100 * rows.filter((row) => row.results[column]?.ok === true).length) / rows.length).toFixed(0)}%`;
  console.log(`${"total".padEnd(width)}  ${COLUMNS.map((column) => percent(column).padEnd(11)).join(" ")}`);
  const covered = rows.flatMap((row) => (row.coverage === undefined ? [] : [row.coverage]));
  const sum = (pick: (coverage: Coverage) => number): number => covered.reduce((total, coverage) => total + pick(coverage), 0);
  console.log(
    `\nverify compared ${sum((c) => c.outputsEqual)} of ${sum((c) => c.outputs)} step outputs equal; ` +
      `${sum((c) => c.steps - c.stepsWithoutOutputs)} of ${sum((c) => c.steps)} steps return outputs (a step that returns nothing counts as passing (e)).`,
  );
  for (const row of rows) {
    const coverage = row.coverage;
    if (coverage !== undefined) console.log(`  ${row.name}: ${coverage.outputsEqual}/${coverage.outputs} outputs equal, ${coverage.stepsWithoutOutputs} of ${coverage.steps} steps return nothing`);
  }
  const kept = rows.flatMap((row) => (row.kept === undefined ? [] : [row.kept]));
  const total = (pick: (entry: Kept) => number): number => kept.reduce((sum_, entry) => sum_ + pick(entry), 0);
  console.log(
    `\nThe flow runs kept ${total((k) => k.metrics)} metrics, ${total((k) => k.figures)} figures and ${total((k) => k.reports)} reports; ` +
      `${total((k) => k.stepsWithoutOutputs)} of ${total((k) => k.steps)} steps return nothing.`,
  );
  for (const row of rows) {
    if (row.kept !== undefined) console.log(`  ${row.name}: ${row.kept.metrics} metrics, ${row.kept.figures} figures, ${row.kept.reports} reports, ${row.kept.stepsWithoutOutputs} of ${row.kept.steps} steps return nothing`);
  }
  console.log("\nFailures:");
  for (const row of rows) {
    for (const column of COLUMNS) {
      const result = row.results[column];
      if (result !== undefined && !result.ok) console.log(`  ${row.name} (${column}): ${result.reason}`);
    }
  }
}

/** Each notebook's path in a temporary copy of its folder (the data next to it included). */
function inCopiedFolders(notebooks: readonly string[]): string[] {
  const root = mkdtempSync(join(tmpdir(), "nb2prod-eval-notebooks-"));
  const copies = new Map<string, string>();
  return notebooks.map((notebook) => {
    const folder = dirname(notebook);
    let copy = copies.get(folder);
    if (copy === undefined) {
      copy = join(root, String(copies.size));
      cpSync(folder, copy, { recursive: true });
      copies.set(folder, copy);
    }
    return join(copy, basename(notebook));
  });
}

/** Notebooks also run as percent scripts: the examples and the smallest corpus notebooks. */
const AS_PERCENT_SCRIPTS = ["sm06_quantile_regression", "nb14_07_pca", "nb01_03_getting_started_with_iris"];

async function main(): Promise<void> {
  const { python } = await ensurePythonEnv();
  // Copies: the notebooks run (verify) in their own folder and may write files there.
  const originals = [...offlineCorpusNotebooks(REPO_ROOT), ...exampleNotebooks(REPO_ROOT)];
  const ipynb = inCopiedFolders(originals);
  const asPercent = (path: string): boolean => AS_PERCENT_SCRIPTS.includes(basename(path, ".ipynb")) || path.includes(`${sep}examples${sep}`);
  const percent = ipynb.filter((_, index) => asPercent(originals[index] ?? "")).map((path) => writePercentScript(path, dirname(path)));
  // NB2PROD_EVAL_ONLY=sm0,nb07 runs only the notebooks whose file names contain one of these.
  const only = (process.env.NB2PROD_EVAL_ONLY ?? "").split(",").filter((part) => part !== "");
  const notebooks = [...ipynb, ...percent].filter((path) => only.length === 0 || only.some((part) => basename(path).includes(part)));
  const rows: Row[] = [];
  for (const notebook of notebooks) {
    console.error(`eval:generate ${basename(notebook)}...`);
    rows.push(await evaluate(notebook, python));
  }
  printTable(rows);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
