// Prints what pipelineOverhead.bench.ts measured: one row per notebook, a second table
// splitting the pipeline's time, and a summary line of medians over the notebooks.
import { median } from "../median";
import type { RunBreakdown } from "./runBreakdown";

export interface NotebookMeasurement {
  readonly name: string;
  /** Median wall seconds of the successful `python script.py` runs (NaN when none). */
  readonly script: number;
  /** "3/3": how many script runs and cold pipeline runs the medians are over. */
  readonly runs: string;
  /** Medians over the cold pipeline runs (fresh artifacts and Prefect results each). */
  readonly cold: RunBreakdown | undefined;
  readonly cached: RunBreakdown | undefined;
  /** "6/6": steps the cached re-run took from Prefect's cache. */
  readonly cachedSteps: string | undefined;
  /** Why something is missing from the row. */
  readonly problems: readonly string[];
}

const FIGURES = ["script", "pipeline", "own", "prefect", "startUp", "steps", "cached"] as const;
type Figures = Readonly<Record<(typeof FIGURES)[number], number>>;

const seconds = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : "-");
const ratio = (value: number): string => (Number.isFinite(value) ? `${value < 1 ? value.toFixed(3) : value.toFixed(1)}x` : "-");

function figuresOf(measurement: NotebookMeasurement): Figures {
  const cold = measurement.cold;
  return {
    script: measurement.script,
    pipeline: cold?.wall ?? Number.NaN,
    own: cold?.own ?? Number.NaN,
    prefect: cold?.prefect ?? Number.NaN,
    startUp: cold === undefined ? Number.NaN : cold.interpreter + cold.imports,
    steps: cold?.steps ?? Number.NaN,
    cached: measurement.cached?.wall ?? Number.NaN,
  };
}

function row(name: string, width: number, cells: readonly string[], note: string): string {
  return `${name.padEnd(width)} ${cells.map((cell) => cell.padStart(10)).join(" ")}  ${note}`.trimEnd();
}

interface Ratios {
  readonly pipelineToScript: number;
  readonly ownToScript: number;
}

const ratiosOf = (figures: Figures): Ratios => ({ pipelineToScript: figures.pipeline / figures.script, ownToScript: figures.own / figures.script });

function figureCells(figures: Figures, ratios: Ratios): string[] {
  const { script, pipeline, own, prefect, startUp, steps, cached } = figures;
  return [seconds(script), seconds(pipeline), ratio(ratios.pipelineToScript), seconds(own), ratio(ratios.ownToScript), seconds(prefect), seconds(startUp), seconds(steps), seconds(cached)];
}

const MAIN_HEADER = ["runs", "script s", "pipeline s", "pipe/scr", "own s", "own/scr", "Prefect s", "start-up s", "steps s", "cached s"];
const DETAIL_HEADER = ["interp s", "imports s", "⊃prefect", "srv imp s", "srv start", "exit s", "⊃srv stop", "lineage s", "art save", "art load", "cache key", "⊃hashing"];

function detailCells(cold: RunBreakdown): string[] {
  const fields = [cold.interpreter, cold.imports, cold.importPrefect, cold.prefectServerImport, cold.prefectServerStart, cold.prefectExit, cold.prefectServerStop, cold.lineage, cold.artifactSave, cold.artifactLoad, cold.cacheKeyDigest, cold.hashing];
  return fields.map((value) => value.toFixed(3));
}

export function printOverheadTables(measurements: readonly NotebookMeasurement[]): void {
  const width = Math.max(8, ...measurements.map((measurement) => measurement.name.length));
  console.log(row("notebook", width, MAIN_HEADER, "note"));
  for (const measurement of measurements) {
    const cachedOwn = measurement.cached === undefined ? "" : `, own ${seconds(measurement.cached.own)} s`;
    const cached = measurement.cachedSteps === undefined ? [] : [`re-run took ${measurement.cachedSteps} steps from the cache${cachedOwn}`];
    const figures = figuresOf(measurement);
    console.log(row(measurement.name, width, [measurement.runs, ...figureCells(figures, ratiosOf(figures))], [...measurement.problems, ...cached].join("; ")));
  }
  const complete = measurements.filter((measurement) => measurement.cold !== undefined && Number.isFinite(measurement.script));
  const all = complete.map(figuresOf);
  const summary = Object.fromEntries(FIGURES.map((figure) => [figure, median(all.map((figures) => figures[figure]))])) as Figures;
  const ratios = all.map(ratiosOf);
  const medianRatios = { pipelineToScript: median(ratios.map((item) => item.pipelineToScript)), ownToScript: median(ratios.map((item) => item.ownToScript)) };
  console.log(row(`median of ${complete.length}`, width, ["", ...figureCells(summary, medianRatios)], "each column's median over the notebooks, ratios included"));

  console.log("\nBreakdown of the cold pipeline runs (medians, seconds). start-up s above = interp (interpreter start and final");
  console.log("teardown) + imports (the flow module: Prefect, the steps, their libraries). Prefect s = srv imp (Prefect's server code,");
  console.log("imported when the flow starts) + srv start (its temporary server) + exit (after the flow: log/event flushing, server");
  console.log("stop) + the rest of its orchestration. own s = lineage + art save + art load + cache key. ⊃ = of which, already counted:");
  console.log("⊃prefect in imports, ⊃srv stop in exit, ⊃hashing (sha256 of artifact files) in art save, art load and lineage.");
  console.log(row("notebook", width, DETAIL_HEADER, ""));
  for (const measurement of measurements) {
    if (measurement.cold !== undefined) console.log(row(measurement.name, width, detailCells(measurement.cold), ""));
  }
}
