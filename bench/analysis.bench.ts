// Analysis speed (issue 3): read + per-cell analysis + dataflow, cold (first notebook,
// wasm load included) and warm, over the corpus and generated 200- and 2,000-cell
// notebooks; and re-analysis after one cell is edited (the other cells come from the cache).
// Then what the editor does while the user types (issue 9): analysis, dataflow and the
// plan of the 200-cell notebook, warm and after one edit. "Warm" means the code has run
// a few times first (the JIT has compiled it) but the analysis cache is empty.
// Prints numbers; asserts nothing.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { buildDataflow, executionCountsOf } from "../src/core/analysis/dataflow";
import { NotebookAnalyzer } from "../src/core/analysis/python/notebookAnalyzer";
import { PythonParser } from "../src/core/analysis/python/pythonParser";
import { readIpynb } from "../src/core/notebook/ipynbReader";
import { suggestPlan } from "../src/core/planning/suggestSteps";
import { median } from "./median";
import { corpusDir as corpusDirOf } from "../test/corpus";
import { editedCell, generatedNotebookText } from "../test/generatedNotebook";

const repoRoot = process.cwd();
const corpusDir = corpusDirOf(repoRoot);
const wasmDir = process.env.NB2PROD_WASM_DIR ?? join(repoRoot, "dist");

function analyseOnce(analyzer: NotebookAnalyzer, text: string, origin: string): number {
  const notebook = readIpynb(text, origin);
  const cells = analyzer.analyze(notebook);
  buildDataflow(cells, executionCountsOf(notebook));
  return cells.length;
}

/** Runs before timing: the first runs of a code path include its compilation. */
const WARM_UP_RUNS = 3;
/** Edits before the one-edit figure is timed: the re-plan's paths compile over its first few dozen runs. */
const EDIT_WARM_UPS = 30;

function timeMs(run: () => void, repeats: number, warmUps = WARM_UP_RUNS): number {
  for (let i = 0; i < warmUps; i += 1) run();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

function row(name: string, bytes: number, cells: number, ms: number): string {
  const mbPerS = bytes / 1e6 / (ms / 1000);
  return `${name.padEnd(58)} ${String(cells).padStart(5)} ${(bytes / 1024).toFixed(0).padStart(7)} ${ms.toFixed(2).padStart(9)} ${mbPerS.toFixed(1).padStart(8)}`;
}

async function main(): Promise<void> {
  const files = readdirSync(corpusDir).filter((name) => name.endsWith(".ipynb")).sort();
  const texts = files.map((name) => readFileSync(join(corpusDir, name), "utf8"));

  const coldStart = performance.now();
  const parser = await PythonParser.load(wasmDir);
  const loadMs = performance.now() - coldStart;
  const firstCells = analyseOnce(new NotebookAnalyzer(parser), texts[0] ?? "", files[0] ?? "");
  const coldMs = performance.now() - coldStart;
  console.log(`cold: wasm + grammar load ${loadMs.toFixed(1)} ms; first notebook (${files[0] ?? ""}, ${firstCells} code cells) ${coldMs.toFixed(1)} ms including the load\n`);

  console.log(`${"notebook (warm, empty cache)".padEnd(58)} ${"cells".padStart(5)} ${"KiB".padStart(7)} ${"ms".padStart(9)} ${"MB/s".padStart(8)}`);
  let totalBytes = 0;
  let totalMs = 0;
  files.forEach((name, i) => {
    const text = texts[i] ?? "";
    let cells = 0;
    const ms = timeMs(() => {
      cells = analyseOnce(new NotebookAnalyzer(parser), text, name);
    }, 7);
    totalBytes += Buffer.byteLength(text);
    totalMs += ms;
    console.log(row(name, Buffer.byteLength(text), cells, ms));
  });
  console.log(row("corpus total", totalBytes, 0, totalMs));

  const allSources = texts.flatMap((text, i) =>
    readIpynb(text, files[i] ?? "").cells.filter((cell) => cell.kind === "code").map((cell) => cell.source),
  );
  console.log(`\ngenerated notebooks (code cells cycled from the ${allSources.length} corpus code cells):`);
  for (const count of [200, 2000]) {
    const text = generatedNotebookText(count, allSources);
    const ms = timeMs(() => analyseOnce(new NotebookAnalyzer(parser), text, `generated-${count}`), 5);
    console.log(row(`generated ${count}-cell notebook (warm, empty cache)`, Buffer.byteLength(text), count, ms));
    benchEdit(parser, text, count);
  }
  benchAnalysisAndPlan(parser, generatedNotebookText(200, allSources));
  benchLongLines(parser);
}

/** One cell of 1 and 2 MB on a single line (issue 10: it took 21 s): time should double, not square. */
function benchLongLines(parser: PythonParser): void {
  console.log("\none-line cells (a list literal), analysis + dataflow:");
  for (const megabytes of [1, 2]) {
    const items = Math.round((megabytes * 1e6) / 3);
    const source = `x = [${"1, ".repeat(items)}1]`;
    const text = JSON.stringify({ cells: [{ cell_type: "code", id: "long", metadata: {}, execution_count: null, outputs: [], source }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const ms = timeMs(() => analyseOnce(new NotebookAnalyzer(parser), text, `long-${megabytes}`), 3, 1);
    console.log(row(`one ${megabytes} MB line`, Buffer.byteLength(text), 1, ms));
  }
}

/**
 * Analysis, dataflow and plan together, as the editor runs them: the issue 9 targets.
 * The whole chain runs through much more code than analysis alone, and on this machine
 * kind its first few dozen runs are two to five times slower than later ones (the JIT
 * is still compiling, the heap still growing): the first run is printed, and the warm
 * figure is taken after 30 runs.
 */
function benchAnalysisAndPlan(parser: PythonParser, text: string): void {
  let steps = 0;
  const full = (): void => {
    const notebook = readIpynb(text, "generated-200");
    const cells = new NotebookAnalyzer(parser).analyze(notebook);
    steps = suggestPlan(notebook, cells, buildDataflow(cells, executionCountsOf(notebook))).steps.length;
  };
  const firstMs = timeMs(full, 1, 0);
  const warmMs = timeMs(full, 21, 30);
  const notebook = readIpynb(text, "edit");
  const analyzer = new NotebookAnalyzer(parser);
  const planned = analyzer.analyze(notebook);
  suggestPlan(notebook, planned, buildDataflow(planned, executionCountsOf(notebook)));
  let round = 0;
  // Where an edit's time goes: the analysis and dataflow half, the plan half.
  const analysisSamples: number[] = [];
  const planSamples: number[] = [];
  const edit = (): void => {
    const edited = editedCell(notebook, round);
    round += 1;
    const started = performance.now();
    const cells = analyzer.analyze(edited);
    const dataflow = buildDataflow(cells, executionCountsOf(edited));
    const analysed = performance.now();
    suggestPlan(edited, cells, dataflow);
    analysisSamples.push(analysed - started);
    planSamples.push(performance.now() - analysed);
  };
  const editMs = timeMs(edit, 41, EDIT_WARM_UPS);
  // The halves of the timed edits (timeMs runs the warm-ups first).
  const timed = (samples: number[]): number => median(samples.slice(EDIT_WARM_UPS));
  console.log(`\nanalysis + dataflow + plan, generated 200-cell notebook (${steps} steps):`);
  console.log(`  first run: ${firstMs.toFixed(2)} ms`);
  console.log(`  warm, empty analysis cache: median ${warmMs.toFixed(2)} ms`);
  console.log(`  one edited cell (analysis cache warm, plan made again): median ${editMs.toFixed(2)} ms (analysis + dataflow ${timed(analysisSamples).toFixed(2)} ms, plan ${timed(planSamples).toFixed(2)} ms)`);
}

/** Re-analysis after one cell is edited: only that cell is parsed again. */
function benchEdit(parser: PythonParser, text: string, count: number): void {
  const notebook = readIpynb(text, "edit");
  const analyzer = new NotebookAnalyzer(parser);
  analyzer.analyze(notebook);
  const samples: number[] = [];
  for (let round = 0; round < 20; round += 1) {
    const edited = editedCell(notebook, round);
    const before = analyzer.stats.misses;
    const started = performance.now();
    const cells = analyzer.analyze(edited);
    buildDataflow(cells, executionCountsOf(edited));
    samples.push(performance.now() - started);
    if (analyzer.stats.misses - before !== 1) throw new Error("the cache did not reuse the unedited cells");
  }
  console.log(`${`  one edited cell in the ${count}-cell notebook (analysis + dataflow)`.padEnd(58)} median ${median(samples).toFixed(2)} ms, 1 cell re-parsed`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
