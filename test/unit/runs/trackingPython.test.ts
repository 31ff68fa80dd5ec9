// tracking.py for real: runs recorded with lineage.py and mirrored by tracking.py into an
// MLflow SQLite store in a temp folder (the test venv's pinned mlflow), then read back
// with MLflow's client; the events validate with parseRunLog. Also ruff and mypy --strict.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { LINEAGE_PY } from "../../../src/core/codegen/python/runtime/lineageSource";
import { TRACKING_PY } from "../../../src/core/codegen/python/runtime/trackingSource";
import { parseRunLog } from "../../../src/core/runs/runLog";

const repoRoot = join(__dirname, "..", "..", "..", "..");
const script = join(repoRoot, "test", "unit", "runs", "python", "track_runs.py");
const FIFTEEN_MINUTES = 15 * 60_000;

const trackedSchema = z.object({
  enabled: z.boolean(),
  messages: z.array(z.string()),
  runId: z.string(),
  events: z.string(),
  runs: z.number().optional(),
  mlflowRunId: z.string().optional(),
  status: z.string().optional(),
  params: z.record(z.string(), z.string()).optional(),
  metrics: z.record(z.string(), z.number()).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  artifacts: z.array(z.string()).optional(),
  versions: z.array(z.object({ version: z.string(), aliases: z.array(z.string()), runId: z.string() })).optional(),
  signature: z.object({ inputs: z.string() }).loose().nullable().optional(),
  hasExample: z.boolean().optional(),
});
type Tracked = z.infer<typeof trackedSchema>;

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", ...env }, maxBuffer: 16 * 1024 * 1024 });
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

describe("tracking.py with a real MLflow store", { timeout: FIFTEEN_MINUTES }, () => {
  const root = mkdtempSync(join(tmpdir(), "nb2prod-tracking-"));
  const packages = join(root, "packages");
  let python = "";
  const tracked = new Map<string, Tracked>();

  before(() => {
    python = run(process.execPath, [join(repoRoot, "test", "harness", "pythonEnv.mjs")], repoRoot).trim();
    mkdirSync(join(packages, "nbpkg"), { recursive: true });
    writeFileSync(join(packages, "nbpkg", "__init__.py"), "");
    writeFileSync(join(packages, "nbpkg", "lineage.py"), LINEAGE_PY);
    writeFileSync(join(packages, "nbpkg", "tracking.py"), TRACKING_PY);
    // A stand-in for a machine without mlflow: importing it fails as a missing package does.
    mkdirSync(join(root, "no-mlflow", "mlflow"), { recursive: true });
    writeFileSync(join(root, "no-mlflow", "mlflow", "__init__.py"), 'raise ImportError("No module named mlflow")\n');
    for (const scenario of ["gated", "ungated", "off", "missing"]) {
      const project = join(root, scenario);
      mkdirSync(project);
      const env = scenario === "missing" ? { PYTHONPATH: join(root, "no-mlflow") } : {};
      const out = run(python, [script, packages, project, scenario === "missing" ? "ungated-no-query" : scenario], root, env);
      tracked.set(scenario, trackedSchema.parse(JSON.parse(out)));
    }
  }, { timeout: FIFTEEN_MINUTES });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const of = (scenario: string): Tracked => {
    const result = tracked.get(scenario);
    assert.ok(result, `scenario ${scenario} ran`);
    return result;
  };

  it("mirrors the run into MLflow: params (credentials redacted), metrics, commit and data tags, artifacts, events", () => {
    const gated = of("gated");
    assert.equal(gated.runs, 1);
    assert.equal(gated.status, "FINISHED");
    assert.deepEqual(gated.params, { alpha: "1.0", api_token: "<redacted>" });
    assert.deepEqual(gated.metrics, { r2: 0.93 });
    const tags = new Map(Object.entries(gated.tags ?? {}));
    assert.equal(tags.get("nb2prod.run_id"), gated.runId);
    assert.match(tags.get("nb2prod.input.0") ?? "", /data\.csv sha256:[0-9a-f]{64}$/);
    assert.equal(tags.get("nb2prod.gates"), "passed");
    assert.deepEqual(gated.artifacts, ["nb2prod/events.jsonl", "nb2prod/gates.json", "nb2prod/run_started.json", "steps/evaluate/report.txt"]);
  });

  it("registers the model with signature and input example: candidate and champion after passed gates, candidate only without gates", () => {
    const gated = of("gated");
    assert.deepEqual(gated.versions?.map((version) => version.aliases), [["candidate", "champion"]]);
    assert.deepEqual(gated.versions.map((version) => version.runId), [gated.mlflowRunId]);
    assert.match(gated.signature?.inputs ?? "", /"name": "age"/);
    assert.equal(gated.hasExample, true);
    const ungated = of("ungated");
    assert.deepEqual(ungated.versions?.map((version) => version.aliases), [["candidate"]]);
    assert.ok(ungated.messages.some((message) => /stays candidate: no quality gates are configured/.test(message)), ungated.messages.join("\n"));
  });

  it("records tracking and model_version events that the Runs view reads without a problem", () => {
    const gated = of("gated");
    const log = parseRunLog(readFileSync(gated.events, "utf8"));
    assert.deepEqual(log.problems, []);
    // MLflow works on its own thread: the tracking event comes once it created the MLflow
    // run, anywhere after run_started, but always before the model version and the run's end.
    const types = log.events.map((event) => event.type);
    assert.deepEqual(types.filter((type) => type !== "tracking"), ["run_started", "artifact", "metric", "gate", "model_version", "run_finished"]);
    assert.equal(types.filter((type) => type === "tracking").length, 1);
    assert.ok(types.indexOf("tracking") < types.indexOf("model_version"), types.join(", "));
    const trackingEvent = log.events.find((event) => event.type === "tracking");
    assert.equal(trackingEvent?.mlflowRunId, gated.mlflowRunId);
    assert.match(trackingEvent?.trackingUri ?? "", /^sqlite:\/\/\/.*\/\.nb2prod\/mlflow\.db$/);
    const version = log.events.find((event) => event.type === "model_version");
    assert.deepEqual(version?.aliases, ["candidate", "champion"]);
  });

  it("is skipped with one log line when turned off or when mlflow is not installed; the run is recorded as before", () => {
    for (const [scenario, line] of [["off", /^Experiment tracking is off \(NB2PROD_TRACKING\)$/], ["missing", /^MLflow is not installed: experiment tracking skipped/]] as const) {
      const result = of(scenario);
      assert.equal(result.enabled, false, scenario);
      assert.equal(result.messages.filter((message) => line.test(message)).length, 1, result.messages.join("\n"));
      const log = parseRunLog(readFileSync(result.events, "utf8"));
      assert.deepEqual(log.events.map((event) => event.type), ["run_started", "artifact", "metric", "run_finished"], scenario);
    }
  });

  it("lets the process exit while mlflow is still being imported (a run stopped early never waits for the tracking thread)", () => {
    // A stand-in mlflow whose import never returns, as when a stop leaves an import lock held.
    const stuck = join(root, "stuck-mlflow");
    mkdirSync(join(stuck, "mlflow"), { recursive: true });
    writeFileSync(join(stuck, "mlflow", "__init__.py"), "import threading\nthreading.Event().wait()\n");
    const project = join(root, "stopped");
    mkdirSync(project);
    const code = [
      "import sys, time",
      "from pathlib import Path",
      "from nbpkg.tracking import connect_in_background",
      "connect_in_background(Path(sys.argv[1]))",
      "time.sleep(0.5)",
      "raise SystemExit(143)",
    ].join("\n");
    const result = spawnSync(python, ["-c", code, project], {
      cwd: packages,
      encoding: "utf8",
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONPATH: [packages, stuck].join(delimiter) },
      timeout: 60_000,
    });
    assert.equal(result.signal, null, `the process hung on exit and was killed:\n${result.stderr}`);
    assert.equal(result.status, 143, result.stderr);
  });

  it("passes ruff and mypy --strict", () => {
    run(python, ["-m", "ruff", "check", "--select", "E4,E7,E9,F,I,UP,B", "nbpkg"], packages);
    run(python, ["-m", "mypy", "--strict", "--ignore-missing-imports", "nbpkg"], packages);
  });
});
