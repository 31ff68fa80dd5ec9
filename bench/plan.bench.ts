// Planning speed (issue 4): suggestPlan on the corpus notebooks and on a generated
// 2,000-cell notebook, warm (parser, analysis and dataflow done beforehand; only the
// planner is timed). The same notebook is planned again each time, so what the planner
// remembers per unchanged cell is reused: this is re-planning a notebook nothing changed
// in; bench analysis times a first plan and a re-plan after an edit. Prints numbers;
// asserts nothing.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { buildDataflow, executionCountsOf } from "../src/core/analysis/dataflow";
import { NotebookAnalyzer } from "../src/core/analysis/python/notebookAnalyzer";
import { PythonParser } from "../src/core/analysis/python/pythonParser";
import { readIpynb } from "../src/core/notebook/ipynbReader";
import type { NotebookModel } from "../src/core/notebook/notebookModel";
import { suggestPlan } from "../src/core/planning/suggestSteps";
import { median } from "./median";
import { corpusDir as corpusDirOf } from "../test/corpus";

const repoRoot = process.cwd();
const corpusDir = corpusDirOf(repoRoot);

function benchPlan(analyzer: NotebookAnalyzer, notebook: NotebookModel, repeats: number): { ms: number; steps: number } {
  const cells = analyzer.analyze(notebook);
  const dataflow = buildDataflow(cells, executionCountsOf(notebook));
  let steps = 0;
  // The first runs include compiling the planner's code paths (the JIT): not timed.
  for (let i = 0; i < 3; i += 1) suggestPlan(notebook, cells, dataflow);
  const samples: number[] = [];
  for (let i = 0; i < repeats; i += 1) {
    const started = performance.now();
    steps = suggestPlan(notebook, cells, dataflow).steps.length;
    samples.push(performance.now() - started);
  }
  return { ms: median(samples), steps };
}

/** A notebook cycling the corpus cells (markdown headings included), ids made unique. */
function bigNotebook(count: number, notebooks: readonly NotebookModel[]): NotebookModel {
  const pool = notebooks.flatMap((notebook) => notebook.cells);
  const cells = Array.from({ length: count }, (_, index) => {
    const cell = pool[index % pool.length];
    if (cell === undefined) throw new Error("empty corpus");
    return { ...cell, id: `big-${index}`, index, source: cell.kind === "code" ? `${cell.source}\n# copy ${index}` : cell.source };
  });
  return { origin: "generated", language: "python", cells };
}

async function main(): Promise<void> {
  const parser = await PythonParser.load(process.env.NB2PROD_WASM_DIR ?? join(repoRoot, "dist"));
  const analyzer = new NotebookAnalyzer(parser);
  const files = readdirSync(corpusDir).filter((name) => name.endsWith(".ipynb")).sort();
  const notebooks = files.map((name) => readIpynb(readFileSync(join(corpusDir, name), "utf8"), name));
  console.log(`${"notebook (planner only, warm, median)".padEnd(58)} ${"cells".padStart(6)} ${"steps".padStart(6)} ${"ms".padStart(8)}`);
  notebooks.forEach((notebook, i) => {
    const { ms, steps } = benchPlan(analyzer, notebook, 9);
    console.log(`${(files[i] ?? "").padEnd(58)} ${String(notebook.cells.length).padStart(6)} ${String(steps).padStart(6)} ${ms.toFixed(2).padStart(8)}`);
  });
  for (const count of [200, 2000]) {
    const notebook = bigNotebook(count, notebooks);
    const { ms, steps } = benchPlan(analyzer, notebook, 7);
    console.log(`${`generated ${count}-cell notebook`.padEnd(58)} ${String(count).padStart(6)} ${String(steps).padStart(6)} ${ms.toFixed(2).padStart(8)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
