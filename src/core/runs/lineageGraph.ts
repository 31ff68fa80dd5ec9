// The lineage of one run: each artifact and metric ↔ the step that made it ↔ the notebook
// cells that step stands for, and what the run depended on: code commit (and whether the
// work tree was dirty), params, input data hashes and the Python environment. Cells come
// from the generated project's manifest (nb2prod.json) when one matches the run.
import type { ProjectManifest } from "../verify/projectManifest";
import type { RunEventOf } from "./runEvents";
import type { RunLogProblem } from "./runLog";
import type { RunSummary, RunSummaryStatus, StepSummary } from "./runSummary";

export type ArtifactEvent = RunEventOf<"artifact">;
export type MetricEvent = RunEventOf<"metric">;
export type InputFile = RunEventOf<"run_started">["inputs"][number];

/** "none": the run was outside a git repository; "unknown": it recorded no run_started. */
export type CodeVersion = { readonly kind: "git"; readonly commit: string; readonly dirty: boolean } | { readonly kind: "none" } | { readonly kind: "unknown" };

export interface LineageStep {
  readonly name: string;
  /** Undefined for a step known only from its artifacts or metrics (its start line was lost). */
  readonly summary?: StepSummary;
  /** Empty when no manifest is known, or the manifest has no such step. */
  readonly cellIds: readonly string[];
  readonly artifacts: readonly ArtifactEvent[];
  readonly metrics: readonly MetricEvent[];
}

export interface PackageVersion {
  readonly name: string;
  /** Null when the package was not installed in the run's environment. */
  readonly version: string | null;
}

export interface LineageGraph {
  readonly runId: string;
  readonly status: RunSummaryStatus;
  readonly flow?: string;
  readonly notebook?: string;
  readonly startedAt?: string;
  readonly durationMs?: number;
  readonly code: CodeVersion;
  readonly params: readonly { readonly name: string; readonly value: unknown }[];
  readonly inputs: readonly InputFile[];
  readonly python?: string;
  readonly packages: readonly PackageVersion[];
  /** In run order; steps of the manifest that never started are not listed. */
  readonly steps: readonly LineageStep[];
  readonly artifacts: readonly ArtifactEvent[];
  readonly metrics: readonly MetricEvent[];
  /** Whether cells could be linked: a manifest was given. */
  readonly hasManifest: boolean;
  /** Problems of the run log, then gaps in the lineage (a step the manifest does not know). */
  readonly problems: readonly RunLogProblem[];
  readonly gaps: readonly string[];
}

export function buildLineageGraph(run: RunSummary, manifest?: ProjectManifest): LineageGraph {
  const started = run.runStarted;
  const steps = lineageSteps(run, manifest);
  return {
    runId: run.runId,
    status: run.status,
    ...(run.flow !== undefined && { flow: run.flow }),
    ...(started !== undefined && { notebook: started.notebook, python: started.python }),
    ...(run.startedAt !== undefined && { startedAt: run.startedAt }),
    ...(run.durationMs !== undefined && { durationMs: run.durationMs }),
    code: codeVersion(run),
    params: Object.entries(started?.params ?? {}).map(([name, value]) => ({ name, value })),
    inputs: started?.inputs ?? [],
    packages: Object.entries(started?.packages ?? {}).map(([name, version]) => ({ name, version })),
    steps,
    artifacts: run.artifacts,
    metrics: run.metrics,
    hasManifest: manifest !== undefined,
    problems: run.problems,
    gaps: lineageGaps(run, steps, manifest),
  };
}

/** Steps in the order the run met them: started steps first, then steps seen only in artifacts or metrics. */
export function lineageSteps(run: RunSummary, manifest?: ProjectManifest): LineageStep[] {
  const names = [...new Set([...run.steps.map((step) => step.step), ...run.artifacts.map((event) => event.step), ...run.metrics.map((event) => event.step)])];
  return names.map((name) => {
    const summary = run.steps.find((step) => step.step === name);
    return {
      name,
      ...(summary !== undefined && { summary }),
      cellIds: manifest?.steps.find((step) => step.name === name)?.cellIds ?? [],
      artifacts: run.artifacts.filter((event) => event.step === name),
      metrics: run.metrics.filter((event) => event.step === name),
    };
  });
}

function codeVersion(run: RunSummary): CodeVersion {
  const started = run.runStarted;
  if (started === undefined) return { kind: "unknown" };
  return started.git === null ? { kind: "none" } : { kind: "git", commit: started.git.commit, dirty: started.git.dirty };
}

function lineageGaps(run: RunSummary, steps: readonly LineageStep[], manifest: ProjectManifest | undefined): string[] {
  const gaps: string[] = [];
  if (run.runStarted === undefined) gaps.push("The run recorded no run_started event, so its code version, params, data and environment are unknown.");
  if (manifest === undefined) return gaps;
  for (const step of steps) {
    if (step.cellIds.length === 0) gaps.push(`Step "${step.name}" is not in the project's nb2prod.json: it was renamed or removed since this run. Generate the pipeline again to relink it.`);
  }
  return gaps;
}

export interface ProjectCandidate {
  /** The project's folder, as the caller names it. */
  readonly dir: string;
  readonly manifest: ProjectManifest;
}

/**
 * The generated project a run most likely came from: same notebook, then most of the
 * run's steps known. Runs do not record their project, and several projects can share a
 * runs folder, so this is a best match; undefined when no project knows any of its steps.
 */
export function projectOfRun(run: RunSummary, candidates: readonly ProjectCandidate[]): ProjectCandidate | undefined {
  const runSteps = lineageSteps(run).map((step) => step.name);
  const notebook = run.runStarted?.notebook;
  let best: { candidate: ProjectCandidate; score: number } | undefined;
  for (const candidate of candidates) {
    const known = runSteps.filter((name) => candidate.manifest.steps.some((step) => step.name === name)).length;
    if (known === 0) continue;
    const score = known + (notebook !== undefined && candidate.manifest.notebook === notebook ? runSteps.length + 1 : 0);
    if (best === undefined || score > best.score) best = { candidate, score };
  }
  return best?.candidate;
}
