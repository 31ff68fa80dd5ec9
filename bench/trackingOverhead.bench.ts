// What experiment tracking (MLflow, tracking.py) and data monitoring (monitoring.py) cost a
// run (issue 12): each example and offline corpus notebook's generated pipeline, run cold
// with tracking off and on, alternating, in one bench run. The overhead is the time the
// run waits inside tracking.py (MLflow works on its own thread: the run waits only to hand
// events over, for the model version before the run ends and for the MLflow run to end),
// the time inside the flow's _monitor (loading each monitored output again, profiling it,
// comparing it with the last run), and what the steps lose to the tracking thread (their
// time with tracking on against off), all against the steps' own compute; Prefect's
// start-up is in none of them (the tracking thread imports mlflow while Prefect starts:
// the whole process's wall time, off and on, shows what that overlap is worth). Also what
// the MLflow store grows by per run. Prints numbers; asserts nothing.
//   NB2PROD_BENCH_NOTEBOOKS=diabetes,nb13   only notebooks whose file name contains one of these
//   NB2PROD_BENCH_REPEATS=2                 on/off pairs per notebook (the table gives medians)
//   NB2PROD_BENCH_MINUTES=20                no new pass starts after this
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PREFECT_WARM_UP, notebooksWanted, positiveNumber, testPython } from "./pipelineOverhead/benchSetup";
import { runTool } from "../test/unit/codegen/generatedChecks";
import { median } from "./median";
import { prepareNotebook } from "./pipelineOverhead/notebookRuns";
import type { NotebookRuns } from "./pipelineOverhead/notebookRuns";
import { freshRunState, runPipeline } from "./pipelineOverhead/pipelineRun";

const repoRoot = process.cwd();
const CREATE_STORE = "import os, mlflow\nos.makedirs('.nb2prod', exist_ok=True)\nmlflow.MlflowClient(tracking_uri='sqlite:///.nb2prod/mlflow.db').search_experiments()";
const OFF = { NB2PROD_TRACKING: "off" };

interface Sample {
  readonly steps: number;
  readonly wall: number;
  readonly tracking: number;
  readonly monitoring: number;
  readonly storeBytes: number;
}

interface Row {
  readonly runs: NotebookRuns;
  readonly off: Sample[];
  readonly on: Sample[];
  problem: string | undefined;
}




/** Bytes under `path` (a file or a folder), 0 when it does not exist. */
function sizeOf(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function storeSize(projectDir: string): number {
  return sizeOf(join(projectDir, ".nb2prod", "mlflow.db")) + sizeOf(join(projectDir, ".nb2prod", "mlartifacts"));
}

function runSample(row: Row, env: NodeJS.ProcessEnv): Sample | undefined {
  const target = row.runs.target;
  if (target === undefined) return undefined;
  const before = storeSize(target.projectDir);
  const run = runPipeline(target, freshRunState(row.runs.workDir), env);
  if (run.failure !== undefined || run.driver === undefined) {
    row.problem = `pipeline failed: ${run.failure ?? "no timings"}`;
    return undefined;
  }
  const seconds = run.driver.seconds;
  return { steps: seconds.steps ?? 0, wall: run.wallSeconds, tracking: seconds["of which tracking"] ?? 0, monitoring: seconds["of which monitoring"] ?? 0, storeBytes: storeSize(target.projectDir) - before };
}

const fixed = (value: number | undefined, digits = 2): string => (value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(digits));

function printTable(rows: readonly Row[]): void {
  console.log(`${"notebook".padEnd(48)} ${"runs".padStart(5)} ${"steps s".padStart(8)} ${"steps on".padStart(8)} ${"tracking s".padStart(10)} ${"monitor s".padStart(9)} ${"ratio".padStart(6)} ${"wall off".padStart(8)} ${"wall on".padStart(8)} ${"KiB/run".padStart(8)}`);
  const ratios: number[] = [];
  const sizes: number[] = [];
  for (const row of rows) {
    const steps = median(row.off.map((sample) => sample.steps));
    const stepsOn = median(row.on.map((sample) => sample.steps));
    const tracking = median(row.on.map((sample) => sample.tracking));
    const monitoring = median(row.on.map((sample) => sample.monitoring));
    const ratio = steps > 0 && Number.isFinite(stepsOn + tracking + monitoring) ? (stepsOn + tracking + monitoring) / steps : undefined;
    if (ratio !== undefined) ratios.push(ratio);
    const size = median(row.on.map((sample) => sample.storeBytes));
    if (Number.isFinite(size)) sizes.push(size);
    const line = `${row.runs.name.slice(0, 48).padEnd(48)} ${`${row.off.length}/${row.on.length}`.padStart(5)} ${fixed(steps).padStart(8)} ${fixed(stepsOn).padStart(8)} ${fixed(tracking).padStart(10)} ${fixed(monitoring).padStart(9)} ${fixed(ratio).padStart(6)} ${fixed(median(row.off.map((sample) => sample.wall))).padStart(8)} ${fixed(median(row.on.map((sample) => sample.wall))).padStart(8)} ${fixed(size / 1024, 0).padStart(8)}`;
    console.log(row.problem === undefined ? line : `${line}  (${row.problem})`);
  }
  console.log(`\nratio = (steps on + tracking + monitoring) / steps (steps from the untracked run; steps on, the time the run waited for tracking, and monitoring from the tracked one), per notebook: median ${fixed(median(ratios))}, max ${fixed(ratios.length === 0 ? undefined : Math.max(...ratios))} over ${ratios.length} notebooks`);
  console.log(`MLflow store growth per tracked run: median ${fixed(median(sizes) / 1024, 0)} KiB, max ${fixed(sizes.length === 0 ? undefined : Math.max(...sizes) / 1024, 0)} KiB`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const python = testPython(repoRoot);
  const repeats = Math.round(positiveNumber("NB2PROD_BENCH_REPEATS", 2));
  const deadline = started + positiveNumber("NB2PROD_BENCH_MINUTES", 20) * 60_000;
  const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-tracking-prefect-"));
  const rows: Row[] = [];
  try {
    runTool(python, prefectHome, ["-c", PREFECT_WARM_UP], 5 * 60_000, prefectHome);
    for (const notebook of notebooksWanted(repoRoot)) {
      const runs = await prepareNotebook(notebook, python, prefectHome);
      // The store's tables are created once, by its first run, in a few seconds: not a per-run cost.
      if (runs.target !== undefined) runTool(python, runs.target.projectDir, ["-c", CREATE_STORE], 5 * 60_000, prefectHome);
      rows.push({ runs, off: [], on: [], problem: runs.problems[0] });
    }
    let passes = 0;
    for (let pass = 1; pass <= repeats && (pass === 1 || performance.now() < deadline); pass += 1) {
      for (const row of rows) {
        if (row.problem !== undefined) continue;
        console.error(`trackingOverhead: pass ${pass}/${repeats}, ${row.runs.name}...`);
        const off = runSample(row, OFF);
        const on = off === undefined ? undefined : runSample(row, {});
        if (off !== undefined && on !== undefined) {
          row.off.push(off);
          row.on.push(on);
        }
      }
      passes = pass;
    }
    console.log(`${rows.length} notebooks; ${passes} of ${repeats} off/on passes; cold runs (fresh artifacts and Prefect results); ${python}; ${cpus().length} CPUs\n`);
    printTable(rows);
    console.log(`\nload average (1, 5, 15 min) at the end: ${loadavg().map((load) => load.toFixed(2)).join(" ")}; the bench took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  } finally {
    for (const row of rows) rmSync(row.runs.workDir, { recursive: true, force: true });
    rmSync(prefectHome, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
