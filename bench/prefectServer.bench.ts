// Runs on a local Prefect server that is already up (issue 14, item 1): for each example
// and offline corpus notebook, the wall time of the notebook as a plain script, of the
// generated pipeline as Prefect runs it by default (a temporary server started by the run),
// and of the same pipeline against the workspace's local server (`nb2prod server start`,
// PREFECT_API_URL set, as runs started from the editor are), side by side in one pass,
// alternating so a change of machine load touches all three. Every pipeline run is cold
// (fresh runs, artifacts and Prefect result folders). Prints numbers; asserts nothing.
//   NB2PROD_BENCH_NOTEBOOKS=diabetes,nb13   only notebooks whose file name contains one of these
//   NB2PROD_BENCH_REPEATS=2                 passes (the table gives medians)
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startPrefectServer, stopPrefectServer } from "../src/core/runs/prefectServer";
import { HARNESS_ENV } from "../src/core/verify/harnessPhase";
import { runPython, runTool } from "../test/unit/codegen/generatedChecks";
import { median } from "./median";
import { notebooksWanted, positiveNumber, PREFECT_WARM_UP, testPython } from "./pipelineOverhead/benchSetup";
import { prepareNotebook } from "./pipelineOverhead/notebookRuns";
import type { NotebookRuns } from "./pipelineOverhead/notebookRuns";
import { freshRunState, runPipeline } from "./pipelineOverhead/pipelineRun";

const repoRoot = process.cwd();
const SCRIPT_TIMEOUT_MS = 10 * 60 * 1000;

interface Row {
  readonly runs: NotebookRuns;
  readonly script: number[];
  readonly temporary: number[];
  readonly server: number[];
  readonly problems: string[];
}

const fixed = (value: number | undefined, digits = 2): string => (value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(digits));
const loads = (): string => loadavg().map((load) => load.toFixed(2)).join(" ");

function runPass(row: Row, apiUrl: string): void {
  const { target, script } = row.runs;
  if (target === undefined || script === undefined) return;
  const scriptRun = runPython(target.python, row.runs.scriptCwd, [script], SCRIPT_TIMEOUT_MS, { ...process.env, ...HARNESS_ENV });
  if (scriptRun.ok) row.script.push(scriptRun.seconds);
  else row.problems.push(`script: ${scriptRun.reason}`);
  const temporary = runPipeline(target, freshRunState(row.runs.workDir));
  if (temporary.failure === undefined) row.temporary.push(temporary.wallSeconds);
  else row.problems.push(`pipeline (temporary server): ${temporary.failure}`);
  const server = runPipeline(target, freshRunState(row.runs.workDir), { PREFECT_API_URL: apiUrl });
  if (server.failure === undefined) row.server.push(server.wallSeconds);
  else row.problems.push(`pipeline (server up): ${server.failure}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const python = testPython(repoRoot);
  const repeats = Math.round(positiveNumber("NB2PROD_BENCH_REPEATS", 2));
  const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-serverbench-prefect-"));
  const workspace = mkdtempSync(join(tmpdir(), "nb2prod-serverbench-ws-"));
  const rows: Row[] = [];
  try {
    runTool(python, prefectHome, ["-c", PREFECT_WARM_UP], 5 * 60 * 1000, prefectHome);
    const serverStarted = performance.now();
    const server = await startPrefectServer({ workspaceDir: workspace, python });
    const startSeconds = (performance.now() - serverStarted) / 1000;
    for (const notebook of notebooksWanted(repoRoot)) rows.push({ runs: await prepareNotebook(notebook, python, prefectHome), script: [], temporary: [], server: [], problems: [] });
    for (let pass = 1; pass <= repeats; pass += 1) {
      for (const [index, row] of rows.entries()) {
        console.error(`prefectServer: pass ${pass}/${repeats}, ${row.runs.name} (${index + 1}/${rows.length})...`);
        runPass(row, server.server.apiUrl);
      }
    }
    console.log(`${rows.length} notebooks, ${repeats} passes (medians); ${cpus().length} CPUs; ${python}`);
    console.log(`local Prefect server started once in ${startSeconds.toFixed(1)} s before the runs (not counted)\n`);
    console.log(`${"notebook".padEnd(44)} ${"script s".padStart(8)} ${"temp srv s".padStart(10)} ${"srv up s".padStart(9)} ${"temp/script".padStart(11)} ${"up/script".padStart(9)} ${"saved s".padStart(8)}`);
    const ratiosUp: number[] = [];
    const ratiosTemporary: number[] = [];
    for (const row of rows) {
      const script = median(row.script);
      const temporary = median(row.temporary);
      const up = median(row.server);
      // NaN (no successful run) stays NaN and is left out of the medians.
      const ratioTemporary = temporary / script;
      const ratioUp = up / script;
      if (Number.isFinite(ratioTemporary)) ratiosTemporary.push(ratioTemporary);
      if (Number.isFinite(ratioUp)) ratiosUp.push(ratioUp);
      const saved = temporary - up;
      console.log(`${row.runs.name.slice(0, 44).padEnd(44)} ${fixed(script).padStart(8)} ${fixed(temporary).padStart(10)} ${fixed(up).padStart(9)} ${fixed(ratioTemporary).padStart(11)} ${fixed(ratioUp).padStart(9)} ${fixed(saved).padStart(8)}`);
      for (const problem of [...new Set([...row.runs.problems, ...row.problems])]) console.log(`    ! ${problem.slice(0, 300)}`);
    }
    console.log(`\npipeline / plain script, median over ${ratiosUp.length} notebooks: server up ${fixed(median(ratiosUp))} (max ${fixed(ratiosUp.length === 0 ? undefined : Math.max(...ratiosUp))}); temporary server ${fixed(median(ratiosTemporary))}`);
    console.log(`load average (1, 5, 15 min) at the end: ${loads()}; the bench took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  } finally {
    await stopPrefectServer(workspace);
    for (const row of rows) rmSync(row.runs.workDir, { recursive: true, force: true });
    rmSync(prefectHome, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
