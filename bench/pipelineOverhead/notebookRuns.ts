// Everything measured for one notebook across the bench's passes: its generated project,
// its script, the wall times of its script runs and the breakdowns of its pipeline runs.
// A failure stops that kind of run for the notebook and is kept as the row's reason.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { NodeFileSystem } from "../../src/core/nodeFileSystem";
import { readNotebookFile } from "../../src/core/notebook/notebookReader";
import { HARNESS_ENV } from "../../src/core/verify/harnessPhase";
import { readProjectManifest } from "../../src/core/verify/readProjectManifest";
import { generateProject } from "../../test/eval/corpusNotebooks";
import { runPython } from "../../test/unit/codegen/generatedChecks";
import { median } from "../median";
import { writeNotebookScript } from "./notebookScript";
import type { NotebookMeasurement } from "./overheadTable";
import { freshRunState, runPipeline } from "./pipelineRun";
import type { PipelineTarget, RunState } from "./pipelineRun";
import { breakdownOf, medianBreakdown } from "./runBreakdown";
import type { RunBreakdown } from "./runBreakdown";

const SCRIPT_TIMEOUT_MS = 10 * 60 * 1000;

export interface NotebookRuns {
  readonly name: string;
  readonly notebook: string;
  /** Holds the project, the script and every run's folders; removed at the end. */
  readonly workDir: string;
  /** Undefined when the project could not be generated or read. */
  readonly target: PipelineTarget | undefined;
  readonly script: string | undefined;
  /** Where the script runs: a copy of the notebook's folder, so its relative data paths resolve and what it writes stays out of the repository. */
  readonly scriptCwd: string;
  readonly scriptSeconds: number[];
  readonly cold: RunBreakdown[];
  cached: RunBreakdown | undefined;
  cachedSteps: string | undefined;
  readonly problems: string[];
  scriptFailed: boolean;
  pipelineFailed: boolean;
  /** The folders of the last cold run, which the cached re-run reuses. */
  lastState: RunState | undefined;
}

export async function prepareNotebook(notebook: string, python: string, prefectHome: string): Promise<NotebookRuns> {
  const name = basename(notebook, ".ipynb");
  const workDir = mkdtempSync(join(tmpdir(), "nb2prod-overhead-"));
  const scriptCwd = join(workDir, "notebook-folder");
  const empty = { name, notebook, workDir, scriptCwd, scriptSeconds: [], cold: [], cached: undefined, cachedSteps: undefined, lastState: undefined };
  const failed = (problem: string): NotebookRuns => ({ ...empty, target: undefined, script: undefined, problems: [problem], scriptFailed: true, pipelineFailed: true });
  try {
    const projectDir = join(workDir, name);
    const failure = await generateProject(notebook, projectDir, python);
    if (failure !== undefined) return failed(`generate failed: ${failure}`);
    const fs = new NodeFileSystem();
    const manifest = await readProjectManifest(fs, projectDir);
    cpSync(dirname(notebook), scriptCwd, { recursive: true });
    const script = writeNotebookScript(await readNotebookFile(fs, notebook), manifest, projectDir, mkdtempSync(join(workDir, "script-")));
    const target = { python, projectDir, packageName: manifest.package, prefectHome };
    return { ...empty, target, script, problems: [], scriptFailed: false, pipelineFailed: false };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/** One script run, then one cold pipeline run: alternating, so a change of machine load touches both alike. */
export function runOnce(runs: NotebookRuns): void {
  const { target, script } = runs;
  if (target === undefined || script === undefined) return;
  if (!runs.scriptFailed) {
    // In (a copy of) the notebook's folder, as verify runs it, so relative data paths resolve.
    const run = runPython(target.python, runs.scriptCwd, [script], SCRIPT_TIMEOUT_MS, { ...process.env, ...HARNESS_ENV });
    if (run.ok) runs.scriptSeconds.push(run.seconds);
    else runs.problems.push(`script failed: ${run.reason}`);
    runs.scriptFailed = !run.ok;
  }
  if (!runs.pipelineFailed) {
    const state = freshRunState(runs.workDir);
    const run = runPipeline(target, state);
    const breakdown = run.failure === undefined ? breakdownOf(run, target.packageName) : undefined;
    // What the driver could not time (a step not called by its name in flow.py) belongs in the row.
    for (const note of run.driver?.notes ?? []) if (!runs.problems.includes(note)) runs.problems.push(note);
    if (breakdown !== undefined) runs.cold.push(breakdown);
    else runs.problems.push(`pipeline failed: ${run.failure ?? "no timings"}`);
    runs.pipelineFailed = breakdown === undefined;
    runs.lastState = runs.pipelineFailed ? undefined : state;
  }
}

/** The pipeline again on the last cold run's folders: every step should come from Prefect's cache. */
export function runCached(runs: NotebookRuns): void {
  if (runs.target === undefined || runs.lastState === undefined) return;
  const run = runPipeline(runs.target, runs.lastState);
  const steps = run.summary?.steps ?? [];
  runs.cachedSteps = `${steps.filter((step) => step.cacheHit).length}/${steps.length}`;
  if (run.failure !== undefined) runs.problems.push(`cached re-run failed: ${run.failure}`);
  else runs.cached = breakdownOf(run, runs.target.packageName);
}

export function toMeasurement(runs: NotebookRuns): NotebookMeasurement {
  return {
    name: runs.name,
    script: median(runs.scriptSeconds),
    cold: medianBreakdown(runs.cold),
    runs: `${runs.scriptSeconds.length}/${runs.cold.length}`,
    cached: runs.cached,
    cachedSteps: runs.cachedSteps,
    problems: runs.problems,
  };
}
