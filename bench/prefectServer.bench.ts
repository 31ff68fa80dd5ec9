// Runs on a local Prefect server that is already up (issue 14, item 1): for each example
// and offline corpus notebook, the wall time of the notebook as a plain script, of the
// generated pipeline as Prefect runs it by default (a temporary server started by the run),
// and of the same pipeline against the workspace's local server (`nb2prod server start`,
// PREFECT_API_URL set, as runs started from the editor are), side by side in one pass,
// alternating so a change of machine load touches all three; and, on the local server, the
// pipeline with experiment tracking off (what MLflow costs when no server start hides its
// import). Every pipeline run is cold (fresh runs, artifacts and Prefect result folders).
// Then Prefect's own floor on the same server: an empty flow of five tasks, which no
// generated pipeline can beat. Prints numbers; asserts nothing.
//   NB2PROD_BENCH_NOTEBOOKS=diabetes,nb13   only notebooks whose file name contains one of these
//   NB2PROD_BENCH_REPEATS=2                 passes (the table gives medians)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
import type { PipelineRun, RunState } from "./pipelineOverhead/pipelineRun";

const repoRoot = process.cwd();
const SCRIPT_TIMEOUT_MS = 10 * 60 * 1000;

interface Row {
  readonly runs: NotebookRuns;
  readonly script: number[];
  readonly temporary: number[];
  readonly server: number[];
  readonly untracked: number[];
  readonly problems: string[];
}

/** The least a Prefect run costs: five tasks that do nothing, in one flow. */
const EMPTY_FLOW = `from prefect import flow, task


@task
def step(i: int) -> int:
    return i + 1


@flow
def pipeline() -> int:
    return sum(step(i) for i in range(5))


if __name__ == "__main__":
    pipeline()
`;

interface Floor {
  readonly python: number[];
  readonly importPrefect: number[];
  readonly emptyFlow: number[];
  readonly problems: string[];
}

function runFloor(floor: Floor, python: string, folder: string, apiUrl: string, prefectHome: string): void {
  const env = { ...process.env, PREFECT_API_URL: apiUrl, PREFECT_HOME: prefectHome };
  for (const [samples, args, what] of [
    [floor.python, ["-c", "pass"], "python"],
    [floor.importPrefect, ["-c", "import prefect"], "import prefect"],
    [floor.emptyFlow, [join(folder, "empty_flow.py")], "empty flow"],
  ] as const) {
    const run = runPython(python, folder, args, SCRIPT_TIMEOUT_MS, env);
    if (run.ok) samples.push(run.seconds);
    else floor.problems.push(`${what}: ${run.reason}`);
  }
}

const fixed = (value: number | undefined, digits = 2): string => (value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(digits));
const loads = (): string => loadavg().map((load) => load.toFixed(2)).join(" ");

/** Keeps a pipeline run's wall time in `samples`, or why it failed. */
function keepPipeline(row: Row, samples: number[], label: string, run: PipelineRun): void {
  if (run.failure === undefined) samples.push(run.wallSeconds);
  else row.problems.push(`pipeline (${label}): ${run.failure}`);
}

function runPass(row: Row, apiUrl: string): void {
  const { target, script } = row.runs;
  if (target === undefined || script === undefined) return;
  const scriptRun = runPython(target.python, row.runs.scriptCwd, [script], SCRIPT_TIMEOUT_MS, { ...process.env, ...HARNESS_ENV });
  if (scriptRun.ok) row.script.push(scriptRun.seconds);
  else row.problems.push(`script: ${scriptRun.reason}`);
  const fresh = (): RunState => freshRunState(row.runs.workDir);
  keepPipeline(row, row.temporary, "temporary server", runPipeline(target, fresh()));
  keepPipeline(row, row.server, "server up", runPipeline(target, fresh(), { PREFECT_API_URL: apiUrl }));
  keepPipeline(row, row.untracked, "server up, tracking off", runPipeline(target, fresh(), { PREFECT_API_URL: apiUrl, NB2PROD_TRACKING: "off" }));
}

async function main(): Promise<void> {
  const started = performance.now();
  const python = testPython(repoRoot);
  const repeats = Math.round(positiveNumber("NB2PROD_BENCH_REPEATS", 2));
  const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-serverbench-prefect-"));
  const workspace = mkdtempSync(join(tmpdir(), "nb2prod-serverbench-ws-"));
  const rows: Row[] = [];
  const floor: Floor = { python: [], importPrefect: [], emptyFlow: [], problems: [] };
  try {
    writeFileSync(join(workspace, "empty_flow.py"), EMPTY_FLOW);
    runTool(python, prefectHome, ["-c", PREFECT_WARM_UP], 5 * 60 * 1000, prefectHome);
    const serverStarted = performance.now();
    const server = await startPrefectServer({ workspaceDir: workspace, python });
    const startSeconds = (performance.now() - serverStarted) / 1000;
    for (const notebook of notebooksWanted(repoRoot)) rows.push({ runs: await prepareNotebook(notebook, python, prefectHome), script: [], temporary: [], server: [], untracked: [], problems: [] });
    for (let pass = 1; pass <= repeats; pass += 1) {
      for (const [index, row] of rows.entries()) {
        console.error(`prefectServer: pass ${pass}/${repeats}, ${row.runs.name} (${index + 1}/${rows.length})...`);
        runPass(row, server.server.apiUrl);
      }
      runFloor(floor, python, workspace, server.server.apiUrl, prefectHome);
    }
    console.log(`${rows.length} notebooks, ${repeats} passes (medians); ${cpus().length} CPUs; ${python}`);
    console.log(`local Prefect server started once in ${startSeconds.toFixed(1)} s before the runs (not counted)\n`);
    console.log(`${"notebook".padEnd(44)} ${"script s".padStart(8)} ${"temp srv s".padStart(10)} ${"srv up s".padStart(9)} ${"temp/script".padStart(11)} ${"up/script".padStart(9)} ${"saved s".padStart(8)} ${"up, untracked s".padStart(15)} ${"ratio".padStart(6)}`);
    const ratiosUp: number[] = [];
    const ratiosTemporary: number[] = [];
    const ratiosUntracked: number[] = [];
    const scripts: number[] = [];
    for (const row of rows) {
      const script = median(row.script);
      const temporary = median(row.temporary);
      const up = median(row.server);
      const untracked = median(row.untracked);
      // NaN (no successful run) stays NaN and is left out of the medians.
      const ratioOf = (seconds: number, ratios: number[]): number => {
        const ratio = seconds / script;
        if (Number.isFinite(ratio)) ratios.push(ratio);
        return ratio;
      };
      const ratioTemporary = ratioOf(temporary, ratiosTemporary);
      const ratioUp = ratioOf(up, ratiosUp);
      const ratioUntracked = ratioOf(untracked, ratiosUntracked);
      if (Number.isFinite(script)) scripts.push(script);
      const saved = temporary - up;
      console.log(`${row.runs.name.slice(0, 44).padEnd(44)} ${fixed(script).padStart(8)} ${fixed(temporary).padStart(10)} ${fixed(up).padStart(9)} ${fixed(ratioTemporary).padStart(11)} ${fixed(ratioUp).padStart(9)} ${fixed(saved).padStart(8)} ${fixed(untracked).padStart(15)} ${fixed(ratioUntracked).padStart(6)}`);
      for (const problem of [...new Set([...row.runs.problems, ...row.problems])]) console.log(`    ! ${problem.slice(0, 300)}`);
    }
    console.log(`\npipeline / plain script, median over ${ratiosUp.length} notebooks: server up ${fixed(median(ratiosUp))} (max ${fixed(ratiosUp.length === 0 ? undefined : Math.max(...ratiosUp))}); temporary server ${fixed(median(ratiosTemporary))}; server up with tracking off ${fixed(median(ratiosUntracked))}`);
    // The script imports what the pipeline's steps import, so a pipeline costs at least its
    // script plus what Prefect adds to a bare interpreter: the empty flow less `python -c pass`.
    const prefectFloor = median(floor.emptyFlow) - median(floor.python);
    const medianScript = median(scripts);
    console.log(`Prefect's floor on the same server, median of ${floor.emptyFlow.length}: python -c pass ${fixed(median(floor.python))} s, import prefect ${fixed(median(floor.importPrefect))} s, an empty flow of five tasks ${fixed(median(floor.emptyFlow))} s`);
    console.log(`  so a pipeline whose script takes the median ${fixed(medianScript)} s takes at least ${fixed(medianScript + prefectFloor)} s: ${fixed((medianScript + prefectFloor) / medianScript)}× its script`);
    for (const problem of [...new Set(floor.problems)]) console.log(`    ! ${problem.slice(0, 300)}`);
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
