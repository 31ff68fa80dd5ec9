// Runs the checks a reviewer runs on a generated project: ruff, mypy, pytest and the flow
// itself (`python -m <pkg>` under Prefect with a temporary PREFECT_HOME and no API URL, so
// Prefect starts its own temporary local server). Shared by the end-to-end test and
// `npm run eval:generate`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CheckResult {
  readonly ok: boolean;
  /** Why it failed: the last meaningful lines of the tool's output. */
  readonly reason: string;
  readonly seconds: number;
}

function baseEnv(project: string, prefectHome: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MPLBACKEND: "Agg", PYTHONPATH: join(project, "src"), PREFECT_SERVER_ANALYTICS_ENABLED: "false" };
  delete env.PREFECT_API_URL;
  env.PREFECT_HOME = prefectHome ?? mkdtempSync(join(tmpdir(), "nb2prod-prefect-"));
  return env;
}

function summary(output: string): string {
  const lines = output.split("\n").map((line) => line.trimEnd()).filter((line) => line !== "");
  const errors = lines.filter((line) => /error|Error|FAILED|^[A-Z]+\d+ /.test(line));
  return (errors.length > 0 ? errors.slice(0, 3) : lines.slice(-3)).join(" | ").slice(0, 400);
}

/** Runs `python args` in `cwd` with exactly `env`; fails on a non-zero exit, a signal or the timeout. */
export function runPython(python: string, cwd: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv): CheckResult {
  const started = Date.now();
  const result = spawnSync(python, [...args], { cwd, env, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const seconds = (Date.now() - started) / 1000;
  if (result.error !== undefined) return { ok: false, reason: result.error.message, seconds };
  const output = `${result.stdout}${result.stderr}`;
  return { ok: result.status === 0, reason: result.status === 0 ? "" : summary(output), seconds };
}

/** Runs a tool in the project's environment; `extraEnv` adds to it (e.g. where runs and artifacts go). */
export function runTool(python: string, project: string, args: readonly string[], timeoutMs: number, prefectHome?: string, extraEnv: NodeJS.ProcessEnv = {}): CheckResult {
  return runPython(python, project, args, timeoutMs, { ...baseEnv(project, prefectHome), ...extraEnv });
}

export const checkRuff = (python: string, project: string): CheckResult => runTool(python, project, ["-m", "ruff", "check", "--no-cache", "."], 120_000);
export const checkMypy = (python: string, project: string): CheckResult => runTool(python, project, ["-m", "mypy", "src", "tests"], 600_000);
export const checkPytest = (python: string, project: string): CheckResult => runTool(python, project, ["-m", "pytest", "-q", "-p", "no:cacheprovider"], 900_000);

/**
 * Runs the flow; passes when it exits 0 and its events end with run_finished completed.
 * Runs sharing `prefectHome` share Prefect's result cache.
 */
export function checkFlow(python: string, project: string, packageName: string, prefectHome?: string): CheckResult {
  const run = runTool(python, project, ["-m", packageName], 900_000, prefectHome);
  if (!run.ok) return run;
  const runsDir = join(project, ".nb2prod", "runs");
  const runs = existsSync(runsDir) ? readdirSync(runsDir).sort() : [];
  const last = runs[runs.length - 1];
  if (last === undefined) return { ...run, ok: false, reason: "the flow wrote no run events" };
  const events = readFileSync(join(runsDir, last, "events.jsonl"), "utf8").trim().split("\n");
  const finished = events.map((line) => JSON.parse(line) as { type?: string; status?: string }).find((event) => event.type === "run_finished");
  return finished?.status === "completed" ? run : { ...run, ok: false, reason: `run_finished is ${finished?.status ?? "missing"}` };
}
