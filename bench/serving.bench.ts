// What serving the pipeline's model costs (issue 13): for each notebook whose pipeline
// trains a model, its generated project is run once, then `python -m <pkg> serve` is
// started on 127.0.0.1 for each model source (the newest run's artifact; the model
// registered in MLflow), and the bench reports the model-load time (the server's own log
// line) and the time to /ready from the process start, then sends a bounded loop of
// single-row POST /predict requests (sequential, keep-alive) and reports p50/p99 latency.
// Prints numbers; asserts nothing.
//   NB2PROD_BENCH_NOTEBOOKS=diabetes,iris   only notebooks whose file name contains one of these
//   NB2PROD_BENCH_REQUESTS=500              requests per server (after 20 unmeasured warm-up ones)
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { prepareNotebook } from "./pipelineOverhead/notebookRuns";
import { freshRunState, runPipeline } from "./pipelineOverhead/pipelineRun";
import { PREFECT_WARM_UP, notebooksWanted, positiveNumber, testPython } from "./pipelineOverhead/benchSetup";
import { runTool } from "../test/unit/codegen/generatedChecks";
import { freePort } from "../src/core/freePort";

const repoRoot = process.cwd();
const WARM_UP_REQUESTS = 20;
const READY_TIMEOUT_MS = 180_000;

interface Served {
  readonly source: string;
  readonly loadSeconds: number | undefined;
  readonly readySeconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly version: string;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

async function serveOnce(python: string, projectDir: string, pkg: string, env: NodeJS.ProcessEnv, source: string, requests: number): Promise<Served | string> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = join(mkdtempSync(join(tmpdir(), "nb2prod-serve-log-")), "serve.log");
  const log = openSync(logFile, "a");
  const started = performance.now();
  const server = spawn(python, ["-m", pkg, "serve", "--port", String(port)], { cwd: projectDir, env, stdio: ["ignore", log, log] });
  closeSync(log);
  try {
    let version = "";
    for (;;) {
      if (server.exitCode !== null) return `the server exited: ${readFileSync(logFile, "utf8").slice(-400)}`;
      try {
        const response = await fetch(`${base}/ready`);
        const body = (await response.json()) as { status?: string; model_version?: string; detail?: string };
        if (response.ok) {
          version = body.model_version ?? "";
          break;
        }
        if (body.status === "failed") return `loading failed: ${body.detail ?? ""}`;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > READY_TIMEOUT_MS) return "not ready in time";
      await new Promise((wait) => setTimeout(wait, 50));
    }
    const readySeconds = (performance.now() - started) / 1000;
    let rows: unknown[];
    try {
      rows = spawnExample(python, projectDir, pkg, env).rows.slice(0, 1);
    } catch (error) {
      return error instanceof Error ? error.message.split("\n").slice(-2).join(" ") : String(error);
    }
    const body = JSON.stringify({ rows });
    const latencies: number[] = [];
    for (let index = 0; index < WARM_UP_REQUESTS + requests; index += 1) {
      const sent = performance.now();
      const response = await fetch(`${base}/predict`, { method: "POST", headers: { "content-type": "application/json" }, body });
      await response.arrayBuffer();
      if (!response.ok) await new Promise((wait) => setTimeout(wait, 1000)); // the server logs the error after answering
      if (!response.ok) return `/predict answered ${response.status}: ${readFileSync(logFile, "utf8").split("\n").filter((line) => !line.includes("GET /ready")).slice(-6).join("\n")}`;
      if (index >= WARM_UP_REQUESTS) latencies.push(performance.now() - sent);
    }
    latencies.sort((a, b) => a - b);
    const loaded = /"message": "Model .* loaded in ([0-9.]+) s"/.exec(readFileSync(logFile, "utf8"));
    return { source, loadSeconds: loaded === null ? undefined : Number(loaded[1]), readySeconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), requests, version };
  } finally {
    server.kill("SIGTERM");
  }
}

/** The request body `serve --example` prints: the first rows the model was trained on. */
function spawnExample(python: string, projectDir: string, pkg: string, env: NodeJS.ProcessEnv): { rows: unknown[] } {
  const result = spawnSync(python, ["-m", pkg, "serve", "--example"], { cwd: projectDir, env, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`serve --example failed: ${result.stderr.slice(-400)}`);
  const body = JSON.parse(result.stdout) as { rows?: unknown[] };
  return { rows: body.rows ?? [] };
}

async function main(): Promise<void> {
  const python = testPython(repoRoot);
  const requests = Math.round(positiveNumber("NB2PROD_BENCH_REQUESTS", 500));
  const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-serving-prefect-"));
  const lines: string[] = [];
  try {
    runTool(python, prefectHome, ["-c", PREFECT_WARM_UP], 5 * 60_000, prefectHome);
    for (const notebook of notebooksWanted(repoRoot)) {
      const runs = await prepareNotebook(notebook, python, prefectHome);
      try {
        const target = runs.target;
        if (target === undefined) {
          lines.push(`${runs.name}: ${runs.problems[0] ?? "not generated"}`);
          continue;
        }
        // Only a pipeline that trains a model is served.
        if (!existsSync(join(target.projectDir, "src", target.packageName, "serve.py"))) continue;
        console.error(`serving: ${runs.name}...`);
        const state = freshRunState(runs.workDir);
        const run = runPipeline(target, state);
        if (run.failure !== undefined) {
          lines.push(`${runs.name}: the pipeline failed: ${run.failure}`);
          continue;
        }
        const env: NodeJS.ProcessEnv = { NB2PROD_RUNS_DIR: state.runsDir, NB2PROD_ARTIFACTS_DIR: state.artifactsDir };
        const sources: [string, NodeJS.ProcessEnv][] = [
          ["run artifact", { ...env, NB2PROD_TRACKING: "off" }],
          ["MLflow registry", { ...env, NB2PROD_SERVE_MODEL_URI: `models:/${projectName(target.projectDir)}@candidate` }],
        ];
        for (const [source, sourceEnv] of sources) {
          const served = await serveOnce(python, target.projectDir, target.packageName, { ...process.env, ...sourceEnv, PYTHONPATH: join(target.projectDir, "src") }, source, requests);
          lines.push(typeof served === "string" ? `${runs.name.padEnd(40)} ${source.padEnd(16)} ${served}` : `${runs.name.slice(0, 40).padEnd(40)} ${source.padEnd(16)} ${(served.loadSeconds ?? Number.NaN).toFixed(2).padStart(7)} ${served.readySeconds.toFixed(2).padStart(8)} ${served.p50.toFixed(2).padStart(8)} ${served.p99.toFixed(2).padStart(8)} ${String(served.requests).padStart(6)}  ${served.version}`);
        }
      } finally {
        rmSync(runs.workDir, { recursive: true, force: true });
      }
    }
    console.log(`${python}; ${cpus().length} CPUs; single-row POST /predict, sequential, keep-alive, after ${WARM_UP_REQUESTS} warm-up requests\n`);
    console.log(`${"notebook".padEnd(40)} ${"model from".padEnd(16)} ${"load s".padStart(7)} ${"ready s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"reqs".padStart(6)}  version`);
    for (const line of lines) console.log(line);
    console.log(`\nload s: the server's own "loaded in" figure; ready s: from starting the process to /ready answering 200 (interpreter, imports, load).`);
    console.log(`load average (1, 5, 15 min) at the end: ${loadavg().map((load) => load.toFixed(2)).join(" ")}`);
  } finally {
    rmSync(prefectHome, { recursive: true, force: true });
  }
}

function projectName(projectDir: string): string {
  const match = /^name = "([^"]+)"/m.exec(readFileSync(join(projectDir, "pyproject.toml"), "utf8"));
  return match?.[1] ?? "";
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
