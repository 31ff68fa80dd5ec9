// One run of a generated pipeline through overhead_driver.py: `python -m <package>` with
// timers around the pipeline's own work. Each cold run gets its own runs, artifacts and
// Prefect result folders, so nothing is reused from an earlier run; a cached re-run
// reuses the folders of the run before it.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { parseRunLog } from "../../src/core/runs/runLog";
import { summariseRun } from "../../src/core/runs/runSummary";
import type { RunSummary } from "../../src/core/runs/runSummary";
import { EVENTS_FILE } from "../../src/core/runs/runStore";
import { MANIFEST_FILE } from "../../src/core/verify/projectManifest";
import { runTool } from "../../test/unit/codegen/generatedChecks";

const DRIVER = join(process.cwd(), "bench", "pipelineOverhead", "overhead_driver.py");
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

/** What overhead_driver.py writes: three instants (epoch seconds), seconds and calls per timed category. */
const driverResultSchema = z.object({
  startedAt: z.number(),
  mainReturnedAt: z.number(),
  exitHandlersDoneAt: z.number(),
  exitCode: z.union([z.number(), z.string(), z.null()]),
  seconds: z.record(z.string(), z.number()),
  calls: z.record(z.string(), z.number()),
  notes: z.array(z.string()),
});
export type DriverResult = z.infer<typeof driverResultSchema>;

/** Where one run writes: Prefect's result storage holds its cache records too. */
export interface RunState {
  /** Holds the three folders below and the driver's timings of each run. */
  readonly root: string;
  readonly runsDir: string;
  readonly artifactsDir: string;
  readonly resultsDir: string;
}

export interface PipelineRun {
  /** When the process was spawned, in epoch seconds like the driver's instants. */
  readonly spawnedAt: number;
  readonly wallSeconds: number;
  readonly driver: DriverResult | undefined;
  /** The run's events, when it wrote any. */
  readonly summary: RunSummary | undefined;
  readonly failure: string | undefined;
}

export interface PipelineTarget {
  readonly python: string;
  readonly projectDir: string;
  readonly packageName: string;
  /** Shared by every run: Prefect's database lives there, created once. */
  readonly prefectHome: string;
}

export function freshRunState(parent: string): RunState {
  const root = mkdtempSync(join(parent, "run-"));
  return { root, runsDir: join(root, "runs"), artifactsDir: join(root, "artifacts"), resultsDir: join(root, "results") };
}

function latestRun(runsDir: string): RunSummary | undefined {
  const runIds = existsSync(runsDir) ? readdirSync(runsDir).sort() : [];
  const runId = runIds[runIds.length - 1];
  if (runId === undefined) return undefined;
  const { events, problems } = parseRunLog(readFileSync(join(runsDir, runId, EVENTS_FILE), "utf8"));
  return summariseRun(runId, events, problems);
}

function readDriverResult(path: string): DriverResult | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = driverResultSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  return parsed.success ? parsed.data : undefined;
}

export function runPipeline(target: PipelineTarget, state: RunState, extraEnv: NodeJS.ProcessEnv = {}): PipelineRun {
  const resultFile = join(mkdtempSync(join(state.root, "driver-")), "timings.json");
  const env = { NB2PROD_RUNS_DIR: state.runsDir, NB2PROD_ARTIFACTS_DIR: state.artifactsDir, PREFECT_RESULTS_LOCAL_STORAGE_PATH: state.resultsDir, ...extraEnv };
  const args = [DRIVER, target.packageName, join(target.projectDir, MANIFEST_FILE), resultFile];
  const spawnedAt = Date.now() / 1000;
  const run = runTool(target.python, target.projectDir, args, RUN_TIMEOUT_MS, target.prefectHome, env);
  const driver = readDriverResult(resultFile);
  const summary = latestRun(state.runsDir);
  const failure = !run.ok ? run.reason : driver === undefined ? "the driver wrote no timings" : summary?.status !== "completed" ? `run_finished is ${summary?.status ?? "missing"}` : undefined;
  return { spawnedAt, wallSeconds: run.seconds, driver, summary, failure };
}
