// The pipeline's own overhead (issue item "Performance"): for each example and offline
// corpus notebook, the wall time of the notebook run as a plain script against the
// generated pipeline run as `python -m <package>` (fresh artifacts and Prefect results
// each run, then one cached re-run), and what of the pipeline's time is its own work
// (lineage events, artifact writes and reads with their hashing) rather than the steps'
// compute, Prefect's fixed cost or the interpreter's start-up. Prints numbers; asserts nothing.
//
// Every notebook runs once (script, cold pipeline, cached re-run); further passes repeat the
// script and the cold pipeline until NB2PROD_BENCH_REPEATS runs or the time budget is spent.
//   NB2PROD_BENCH_NOTEBOOKS=diabetes,nb13   only notebooks whose file name contains one of these
//   NB2PROD_BENCH_REPEATS=3                 runs per notebook (the table gives medians)
//   NB2PROD_BENCH_MINUTES=10                no new pass starts after this
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PREFECT_WARM_UP, notebooksWanted, positiveNumber, testPython } from "./pipelineOverhead/benchSetup";
import { runTool } from "../test/unit/codegen/generatedChecks";
import { prepareNotebook, runCached, runOnce, toMeasurement } from "./pipelineOverhead/notebookRuns";
import type { NotebookRuns } from "./pipelineOverhead/notebookRuns";
import { printOverheadTables } from "./pipelineOverhead/overheadTable";

const repoRoot = process.cwd();
const WARM_UP_TIMEOUT_MS = 5 * 60 * 1000;




const loads = (): string => loadavg().map((load) => load.toFixed(2)).join(" ");

/** Pass 1 runs everything; later passes only while the budget lasts, so all notebooks get runs before any gets a third. */
function runPasses(prepared: readonly NotebookRuns[], repeats: number, deadline: number): number {
  let passes = 0;
  for (let pass = 1; pass <= repeats && (pass === 1 || performance.now() < deadline); pass += 1) {
    for (const [index, runs] of prepared.entries()) {
      console.error(`pipelineOverhead: pass ${pass}/${repeats}, ${runs.name} (${index + 1}/${prepared.length})...`);
      runOnce(runs);
      if (pass === 1) runCached(runs);
    }
    passes = pass;
  }
  return passes;
}

async function main(): Promise<void> {
  const started = performance.now();
  const python = testPython(repoRoot);
  const repeats = Math.round(positiveNumber("NB2PROD_BENCH_REPEATS", 3));
  const minutes = positiveNumber("NB2PROD_BENCH_MINUTES", 10);
  const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-overhead-prefect-"));
  const prepared: NotebookRuns[] = [];
  try {
    const warmUp = runTool(python, prefectHome, ["-c", PREFECT_WARM_UP], WARM_UP_TIMEOUT_MS, prefectHome);
    for (const notebook of notebooksWanted(repoRoot)) prepared.push(await prepareNotebook(notebook, python, prefectHome));
    const passes = runPasses(prepared, repeats, started + minutes * 60_000);
    console.log(`${prepared.length} notebooks; ${passes} of ${repeats} passes within the ${minutes}-minute budget (script and cold pipeline; the table gives medians), one cached re-run each; ${python}`);
    console.log(`${cpus().length} CPUs; Prefect's database, created once in a new PREFECT_HOME before the runs: ${warmUp.seconds.toFixed(2)} s, not counted${warmUp.ok ? "" : ` (failed: ${warmUp.reason})`}\n`);
    printOverheadTables(prepared.map(toMeasurement));
    console.log(`\nload average (1, 5, 15 min) at the end: ${loads()}; the bench took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  } finally {
    for (const runs of prepared) rmSync(runs.workDir, { recursive: true, force: true });
    rmSync(prefectHome, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
