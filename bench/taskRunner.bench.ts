// Prefect's default task runner against Dask (issue 13), side by side in one bench run,
// on a notebook whose plan has independent branches (test/fixtures/scaleout/
// three_models.ipynb: one split, three models trained and evaluated independently). Each
// pass runs the generated pipeline once per runner, alternating, every step recomputed
// (--refresh-cache, fresh run folders). Reported per runner (medians): the process's wall
// time, the steps' span (first step started to last step finished: where Dask runs the
// independent steps at the same time), the sum of the steps' own durations, and whether
// independent steps overlapped. Prints numbers; asserts nothing.
//   NB2PROD_BENCH_REPEATS=2    passes
//   NB2PROD_BENCH_NOTEBOOK=... another notebook
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { NodeFileSystem } from "../src/core/nodeFileSystem";
import { readProjectManifest } from "../src/core/verify/readProjectManifest";
import { generateProject } from "../test/eval/corpusNotebooks";
import { runTool } from "../test/unit/codegen/generatedChecks";
import { median } from "./median";
import { PREFECT_WARM_UP, positiveNumber, testPython } from "./pipelineOverhead/benchSetup";

const repoRoot = process.cwd();
const RUNNERS = ["threads", "dask"] as const;

interface StepTimes {
  readonly step: string;
  readonly start: number;
  readonly end: number;
  readonly ms: number;
}

interface Sample {
  readonly wall: number;
  readonly span: number;
  readonly stepSum: number;
  readonly overlapped: boolean;
}

function stepTimes(runsDir: string): StepTimes[] {
  const [runId] = readdirSync(runsDir).sort().reverse();
  if (runId === undefined) return [];
  const events = readFileSync(join(runsDir, runId, "events.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type: string; step?: string; ts: string; durationMs?: number });
  const started = new Map<string, number>();
  const times: StepTimes[] = [];
  for (const event of events) {
    if (event.type === "step_started" && event.step !== undefined) started.set(event.step, Date.parse(event.ts));
    if (event.type === "step_finished" && event.step !== undefined) times.push({ step: event.step, start: started.get(event.step) ?? Date.parse(event.ts), end: Date.parse(event.ts), ms: event.durationMs ?? 0 });
  }
  return times;
}

function overlapping(times: readonly StepTimes[]): boolean {
  return times.some((one, index) => times.slice(index + 1).some((other) => one.start < other.end && other.start < one.end && one.ms > 100 && other.ms > 100));
}

async function main(): Promise<void> {
  const python = testPython(repoRoot);
  const notebook = process.env.NB2PROD_BENCH_NOTEBOOK ?? join(repoRoot, "test", "fixtures", "scaleout", "three_models.ipynb");
  const repeats = Math.round(positiveNumber("NB2PROD_BENCH_REPEATS", 2));
  const workDir = mkdtempSync(join(tmpdir(), "nb2prod-task-runner-"));
  const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-task-runner-prefect-"));
  try {
    const projectDir = join(workDir, "project");
    const failure = await generateProject(notebook, projectDir, python);
    if (failure !== undefined) throw new Error(`generate failed: ${failure}`);
    const pkg = (await readProjectManifest(new NodeFileSystem(), projectDir)).package;
    runTool(python, prefectHome, ["-c", PREFECT_WARM_UP], 5 * 60_000, prefectHome);
    const samples = new Map<string, Sample[]>(RUNNERS.map((runner) => [runner, []]));
    for (let pass = 1; pass <= repeats; pass += 1) {
      for (const runner of RUNNERS) {
        console.error(`taskRunner: pass ${pass}/${repeats}, ${runner}...`);
        const state = mkdtempSync(join(workDir, "run-"));
        const runsDir = join(state, "runs");
        const env = { NB2PROD_RUNS_DIR: runsDir, NB2PROD_ARTIFACTS_DIR: join(state, "artifacts"), PREFECT_RESULTS_LOCAL_STORAGE_PATH: join(state, "results"), NB2PROD_TRACKING: "off" };
        const run = runTool(python, projectDir, ["-m", pkg, "--task-runner", runner, "--refresh-cache"], 15 * 60_000, prefectHome, env);
        if (!run.ok) {
          console.log(`${runner}: the run failed: ${run.reason}`);
          continue;
        }
        const times = stepTimes(runsDir);
        const span = (Math.max(...times.map((time) => time.end)) - Math.min(...times.map((time) => time.start))) / 1000;
        samples.get(runner)?.push({ wall: run.seconds, span, stepSum: times.reduce((sum, time) => sum + time.ms, 0) / 1000, overlapped: overlapping(times) });
      }
    }
    console.log(`${notebook}; ${repeats} passes; ${python}; ${cpus().length} CPUs; tracking off, every step recomputed\n`);
    console.log(`${"task runner".padEnd(12)} ${"runs".padStart(4)} ${"wall s".padStart(8)} ${"steps span s".padStart(13)} ${"sum of steps s".padStart(15)}  independent steps overlapped`);
    for (const runner of RUNNERS) {
      const rows = samples.get(runner) ?? [];
      const show = (values: number[]): string => (values.length === 0 ? "-" : median(values).toFixed(2));
      console.log(`${runner.padEnd(12)} ${String(rows.length).padStart(4)} ${show(rows.map((row) => row.wall)).padStart(8)} ${show(rows.map((row) => row.span)).padStart(13)} ${show(rows.map((row) => row.stepSum)).padStart(15)}  ${rows.map((row) => (row.overlapped ? "yes" : "no")).join(", ")}`);
    }
    console.log("\nwall: the whole process (Prefect's temporary server, and for Dask the local cluster's start, included).");
    console.log(`load average (1, 5, 15 min) at the end: ${loadavg().map((load) => load.toFixed(2)).join(" ")}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    rmSync(prefectHome, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
