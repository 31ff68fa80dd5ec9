// What the Runs view shows of one run, folded from its events in file order.
import type { RunLogProblem } from "./runLog";
import type { RunEvent, RunEventOf, RunStatus, StepStatus } from "./runEvents";

/** "unfinished": no run_finished yet, so the run is still going or its process died. */
export type RunSummaryStatus = RunStatus | "unfinished";

export interface StepSummary {
  readonly step: string;
  /** "running": started, not finished (yet). */
  readonly status: StepStatus | "running";
  readonly attempts: number;
  /** Duration of the last finished attempt. */
  readonly durationMs?: number;
  readonly cacheHit: boolean;
  readonly error?: string;
}

export interface RunSummary {
  readonly runId: string;
  readonly status: RunSummaryStatus;
  readonly flow?: string;
  readonly startedAt?: string;
  /** What the run recorded about itself when it started: code, params, environment, data. */
  readonly runStarted?: RunEventOf<"run_started">;
  readonly durationMs?: number;
  readonly error?: string;
  readonly steps: StepSummary[];
  readonly artifacts: RunEventOf<"artifact">[];
  readonly metrics: RunEventOf<"metric">[];
  /** The quality gates, when the run checked them (the last check wins). */
  readonly gate?: RunEventOf<"gate">;
  /** Where the run is tracked in MLflow, when tracking was on. */
  readonly tracking?: RunEventOf<"tracking">;
  /** The model versions the run registered (MLflow), in order. */
  readonly modelVersions: RunEventOf<"model_version">[];
  /** The data checks, when the run checked the data a step hands on (the last check wins). */
  readonly dataCheck?: RunEventOf<"data_check">;
  /** The data monitoring: one drift event per profiled step output, in run order. */
  readonly drift: RunEventOf<"drift">[];
  readonly problems: RunLogProblem[];
}

export function summariseRun(runId: string, events: readonly RunEvent[], problems: RunLogProblem[] = []): RunSummary {
  const started = events.find((event) => event.type === "run_started");
  const finished = [...events].reverse().find((event) => event.type === "run_finished");
  const gate = [...events].reverse().find((event) => event.type === "gate");
  const tracking = events.find((event) => event.type === "tracking");
  const dataCheck = [...events].reverse().find((event) => event.type === "data_check");
  return {
    runId,
    status: finished?.status ?? "unfinished",
    ...(started && { flow: started.flow, startedAt: started.ts, runStarted: started }),
    ...(finished && { durationMs: finished.durationMs }),
    ...(finished?.error !== undefined && { error: finished.error }),
    steps: summariseSteps(events),
    artifacts: events.filter((event) => event.type === "artifact"),
    metrics: events.filter((event) => event.type === "metric"),
    ...(gate && { gate }),
    ...(tracking && { tracking }),
    modelVersions: events.filter((event) => event.type === "model_version"),
    ...(dataCheck && { dataCheck }),
    drift: events.filter((event) => event.type === "drift"),
    problems,
  };
}

function summariseSteps(events: readonly RunEvent[]): StepSummary[] {
  // A Map keeps the steps in the order they first started.
  const steps = new Map<string, StepSummary>();
  for (const event of events) {
    if (event.type !== "step_started" && event.type !== "step_finished") continue;
    const previous = steps.get(event.step);
    const attempts = Math.max(previous?.attempts ?? 0, event.attempt);
    steps.set(event.step, event.type === "step_started" ? startedStep(event.step, attempts) : finishedStep(event, attempts));
  }
  return [...steps.values()];
}

function startedStep(step: string, attempts: number): StepSummary {
  return { step, status: "running", attempts, cacheHit: false };
}

function finishedStep(event: RunEventOf<"step_finished">, attempts: number): StepSummary {
  return {
    step: event.step,
    status: event.status,
    attempts,
    durationMs: event.durationMs,
    cacheHit: event.cacheHit,
    ...(event.error !== undefined && { error: event.error }),
  };
}
