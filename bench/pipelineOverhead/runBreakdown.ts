// Splits a pipeline run's wall time, from the driver's instants and timers: interpreter
// start and teardown, imports, Prefect's fixed cost, the steps' own compute, and the
// pipeline's own overhead (lineage events, artifact writes and reads with their hashing,
// cache keys).
import { median } from "../median";
import type { PipelineRun } from "./pipelineRun";

export interface RunBreakdown {
  readonly wall: number;
  /** Interpreter start (spawn to the driver's first line) and final teardown (after the last exit handler). */
  readonly interpreter: number;
  /** Importing the flow module: Prefect, the steps and the libraries they import. */
  readonly imports: number;
  readonly importPrefect: number;
  readonly steps: number;
  readonly lineage: number;
  readonly artifactSave: number;
  readonly artifactLoad: number;
  readonly cacheKeyDigest: number;
  /** The pipeline's own work: lineage + artifact save and load + cache keys. */
  readonly own: number;
  /** Hashing inside artifact save/load and lineage (already counted in `own`). */
  readonly hashing: number;
  /** Everything else: Prefect's orchestration, its temporary server, its result files, its exit handlers. */
  readonly prefect: number;
  /** Of `prefect`: from the flow's end to the last exit handler (log and event flushing, the server's stop). */
  readonly prefectExit: number;
  readonly prefectServerImport: number;
  readonly prefectServerStart: number;
  readonly prefectServerStop: number;
}

export const BREAKDOWN_FIELDS = [
  "wall", "interpreter", "imports", "importPrefect", "steps", "lineage", "artifactSave", "artifactLoad",
  "cacheKeyDigest", "own", "hashing", "prefect", "prefectExit", "prefectServerImport", "prefectServerStart", "prefectServerStop",
] as const satisfies readonly (keyof RunBreakdown)[];

export function breakdownOf(run: PipelineRun, packageName: string): RunBreakdown | undefined {
  if (run.driver === undefined) return undefined;
  const { startedAt, mainReturnedAt, exitHandlersDoneAt, seconds } = run.driver;
  const endedAt = run.spawnedAt + run.wallSeconds;
  const timed = (category: string): number => seconds[category] ?? 0;
  const imports = timed(`import ${packageName}.flow`);
  const steps = timed("steps");
  const lineage = timed("lineage");
  const artifactSave = timed("artifact save");
  const artifactLoad = timed("artifact load");
  const cacheKeyDigest = timed("cache-key digest");
  const own = lineage + artifactSave + artifactLoad + cacheKeyDigest;
  return {
    wall: run.wallSeconds,
    interpreter: Math.max(0, startedAt - run.spawnedAt) + Math.max(0, endedAt - exitHandlersDoneAt),
    imports,
    importPrefect: timed("import prefect"),
    steps,
    lineage,
    artifactSave,
    artifactLoad,
    cacheKeyDigest,
    own,
    hashing: timed("of which artifact hashing") + timed("of which lineage hashing"),
    prefect: exitHandlersDoneAt - startedAt - imports - steps - own,
    prefectExit: exitHandlersDoneAt - mainReturnedAt,
    prefectServerImport: timed("import prefect.server.api.server"),
    prefectServerStart: timed("prefect temporary server start"),
    prefectServerStop: timed("prefect temporary server stop"),
  };
}

/** Each figure's median over the runs, taken separately (so they need not add up exactly). */
export function medianBreakdown(breakdowns: readonly RunBreakdown[]): RunBreakdown | undefined {
  if (breakdowns.length === 0) return undefined;
  const entries = BREAKDOWN_FIELDS.map((field) => [field, median(breakdowns.map((item) => item[field]))] as const);
  return Object.fromEntries(entries) as Record<(typeof BREAKDOWN_FIELDS)[number], number>;
}
