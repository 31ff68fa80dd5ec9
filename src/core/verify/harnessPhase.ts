// Runs one phase of the Python harness and reads what it wrote. A phase that is killed
// at the timeout, or dies without a result, becomes an outcome to report, not an
// exception: verify always ends with a report.
import { join } from "node:path";
import type { z } from "zod";
import { progressSchema } from "./harnessResults";
import type { Progress } from "./harnessResults";
import type { ProcessResult, ProcessRunner } from "../ports";
import { HARNESS_ENTRY } from "./runtime/harnessSource";
import type { ScratchDir } from "./scratchSpace";

export type HarnessPhase = "notebook" | "pipeline" | "compare";

export const HARNESS_DIR = "harness";
export const INPUT_FILE = "input.json";

/** Same backend, hash seed and encoding in every run, so the two runs differ only by their code. */
export const HARNESS_ENV: Readonly<Record<string, string>> = {
  MPLBACKEND: "Agg",
  PYTHONDONTWRITEBYTECODE: "1",
  PYTHONHASHSEED: "0",
  PYTHONIOENCODING: "utf-8",
};

/** `partial`: what a phase that did not finish had written so far (the steps it captured). */
export type PhaseOutcome<T> =
  | { readonly kind: "done"; readonly result: T; readonly seconds: number }
  | { readonly kind: "timed-out"; readonly seconds: number; readonly progress: Progress | undefined; readonly partial: T | undefined }
  | { readonly kind: "crashed"; readonly seconds: number; readonly message: string; readonly outputTail: string; readonly partial: T | undefined };

export interface PhaseContext {
  readonly runner: ProcessRunner;
  readonly scratch: ScratchDir;
  readonly python: string;
  /** The notebook's folder: relative data paths resolve as they did in the notebook. */
  readonly cwd: string;
  /** What is left of the overall timeout. */
  readonly timeoutMs: number;
  readonly now: () => number;
}

async function readJson(scratch: ScratchDir, name: string): Promise<unknown> {
  const text = await scratch.read(name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split("\n").slice(-count).join("\n");
}

function crashMessage(phase: HarnessPhase, run: ProcessResult, problem: string): string {
  const how = run.exitCode === undefined ? "was killed" : `exited with code ${run.exitCode}`;
  const last = lastLines(run.stderr, 1).trim();
  return `the ${phase} run ${how} ${problem}${last === "" ? "" : `: ${last}`}`;
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

async function readResult<T extends object>(scratch: ScratchDir, phase: HarnessPhase, schema: z.ZodType<T>): Promise<Parsed<T>> {
  const raw = await readJson(scratch, `${phase}.json`);
  if (raw === undefined) return { ok: false, problem: "without a result" };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `with a result nb2prod cannot read (${issue?.path.map(String).join(".") ?? ""}: ${issue?.message ?? "invalid"})` };
}

const isRunning = (result: object): boolean => "status" in result && result.status === "running";

export async function runHarnessPhase<T extends object>(phase: HarnessPhase, schema: z.ZodType<T>, context: PhaseContext): Promise<PhaseOutcome<T>> {
  const started = context.now();
  if (context.timeoutMs <= 0) return { kind: "timed-out", seconds: 0, progress: undefined, partial: undefined };
  const { path } = context.scratch;
  const args = [join(path, HARNESS_DIR, HARNESS_ENTRY), phase, join(path, INPUT_FILE)];
  const run = await context.runner.run(context.python, args, { cwd: context.cwd, env: HARNESS_ENV, timeoutMs: context.timeoutMs });
  const seconds = (context.now() - started) / 1000;
  const result = await readResult(context.scratch, phase, schema);
  const partial = result.ok ? result.value : undefined;
  if (run.timedOut) {
    const progress = progressSchema.safeParse(await readJson(context.scratch, `${phase}.progress.json`));
    return { kind: "timed-out", seconds, progress: progress.success ? progress.data : undefined, partial };
  }
  if (partial !== undefined && !isRunning(partial)) return { kind: "done", result: partial, seconds };
  const message = crashMessage(phase, run, result.ok ? "before it finished" : result.problem);
  return { kind: "crashed", seconds, message, outputTail: lastLines(run.stderr, 30), partial };
}
