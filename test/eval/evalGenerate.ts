// `npm run eval:generate`: the headline figure. For every notebook of ../shared/corpus
// marked runs_offline=yes in PROVENANCE.tsv, plus examples/, generates a project in a
// temporary folder with no manual edits (through the real `nb2prod generate` command) and
// reports per notebook and in %: (a) ruff check, (b) mypy, (c) pytest, (d) the flow runs
// end to end under Prefect, (e) `nb2prod verify` finds every step equal. Each failure is
// printed with its reason. Targets: 100% on (a) and (b), ≥ 90% on (e).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { NodeFileSystem } from "../../src/core/nodeFileSystem";
import { NodeProcessRunner } from "../../src/core/nodeProcessRunner";
import { NodeScratchSpace } from "../../src/core/verify/nodeScratchSpace";
import { projectManifestSchema } from "../../src/core/verify/projectManifest";
import { DEFAULT_VERIFY_TIMEOUT_MS, verifyProject } from "../../src/core/verify/verifyProject";
import type { CheckResult } from "../unit/codegen/generatedChecks";
import { checkFlow, checkMypy, checkPytest, checkRuff } from "../unit/codegen/generatedChecks";
import { ensurePythonEnv } from "../unit/codegen/pythonEnvHandle";
import { exampleNotebooks, generateProject, offlineCorpusNotebooks } from "./corpusNotebooks";

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

interface Row {
  readonly name: string;
  readonly results: Partial<Record<Column, CheckResult>>;
  readonly generateSeconds: number;
  readonly coverage?: Coverage;
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
    const counted = report.steps.filter((step) => !(step.status === "not-comparable" && step.outputs.length === 0));
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
  const name = basename(notebook, ".ipynb");
  const project = join(mkdtempSync(join(tmpdir(), "nb2prod-eval-")), name);
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
  return { name, generateSeconds, results, ...(verified.coverage === undefined ? {} : { coverage: verified.coverage }) };
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
  console.log("\nFailures:");
  for (const row of rows) {
    for (const column of COLUMNS) {
      const result = row.results[column];
      if (result !== undefined && !result.ok) console.log(`  ${row.name} (${column}): ${result.reason}`);
    }
  }
}

async function main(): Promise<void> {
  const { python } = await ensurePythonEnv();
  const notebooks = [...offlineCorpusNotebooks(REPO_ROOT), ...exampleNotebooks(REPO_ROOT)];
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
