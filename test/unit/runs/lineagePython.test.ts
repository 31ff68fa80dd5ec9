// lineage.py for real: records runs with the Python of the test venv, then checks the
// events against the JSON Schema exported from the zod schema (with Python's jsonschema),
// reads them back with parseRunLog, and checks lineage.py with ruff and mypy --strict.
// The first run may create the venv (about a minute with a warm network, once).
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { LINEAGE_PY } from "../../../src/core/codegen/python/runtime/lineageSource";
import { runEventJsonSchema } from "../../../src/core/runs/runEvents";
import type { RunEvent, RunEventOf, RunEventType } from "../../../src/core/runs/runEvents";
import { parseRunLog } from "../../../src/core/runs/runLog";
import { jsonl, sample, without } from "./eventFixtures";

const repoRoot = join(__dirname, "..", "..", "..", "..");
const scripts = join(repoRoot, "test", "unit", "runs", "python");
const lineageFile = join(repoRoot, "src", "core", "codegen", "python", "runtime", "lineage.py");
const FIFTEEN_MINUTES = 15 * 60_000;

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly output: string;
}

function run(command: string, args: readonly string[], cwd: string): Ran {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` };
}

function succeed(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.output}`);
  return result.stdout;
}

// What the Python scripts print (record_runs.py, validate_events.py).
const recordedSchema = z.object({ warnings: z.array(z.string()), records: z.number(), structured: z.boolean() });
const validationSchema = z.object({
  checked: z.number(),
  errors: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
});

const sha256 = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");

function ofType<T extends RunEventType>(events: readonly RunEvent[], type: T): RunEventOf<T>[] {
  return events.filter((event): event is RunEventOf<T> => event.type === type);
}

describe("lineage.py", { timeout: FIFTEEN_MINUTES }, () => {
  const root = mkdtempSync(join(tmpdir(), "nb2prod-lineage-"));
  const pkg = join(root, "pkg");
  const runs = join(root, "runs");
  const repo = join(root, "repo");
  const data = join(root, "data");
  let python = "";
  let recorded: z.infer<typeof recordedSchema> = { warnings: [], records: 0, structured: false };
  const eventsFile = (runId: string): string => join(runs, runId, "events.jsonl");
  const read = (runId: string): ReturnType<typeof parseRunLog> => parseRunLog(readFileSync(eventsFile(runId), "utf8"));

  before(() => {
    python = succeed(process.execPath, [join(repoRoot, "test", "harness", "pythonEnv.mjs")], repoRoot).trim();
    for (const dir of [pkg, runs, repo, data]) mkdirSync(dir);
    writeFileSync(join(pkg, "lineage.py"), LINEAGE_PY);
    writeFileSync(join(data, "iris.csv"), "sepal_length,species\n5.1,setosa\n");
    writeFileSync(join(data, "model.joblib"), Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251)));
    writeFileSync(join(repo, "README.md"), "pipeline\n");
    succeed("git", ["init", "-q"], repo);
    succeed("git", ["add", "."], repo);
    succeed("git", ["-c", "user.name=nb2prod", "-c", "user.email=test@nb2prod.invalid", "commit", "-q", "-m", "init"], repo);
    const out = succeed(python, [join(scripts, "record_runs.py"), pkg, runs, repo, data], root);
    recorded = recordedSchema.parse(JSON.parse(out));
  }, { timeout: FIFTEEN_MINUTES });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("writes events that validate against the exported JSON Schema (Python jsonschema, formats checked)", () => {
    const schemaFile = join(root, "schema.json");
    writeFileSync(schemaFile, JSON.stringify(runEventJsonSchema()));
    const files = ["run-ok", "run-dirty", "run-failed"].map(eventsFile);
    const lines = files.reduce((sum, file) => sum + readFileSync(file, "utf8").split("\n").length - 1, 0);
    const report = validationSchema.parse(JSON.parse(succeed(python, [join(scripts, "validate_events.py"), schemaFile, ...files], root)));
    assert.deepEqual(report.errors, []);
    assert.equal(report.checked, lines);
    assert.ok(lines >= 15, `expected a full run's events, got ${lines} lines`);
  });

  it("has a JSON Schema strict enough for Python to reject what zod rejects", () => {
    const schemaFile = join(root, "schema.json");
    writeFileSync(schemaFile, JSON.stringify(runEventJsonSchema()));
    const bad = join(root, "bad.jsonl");
    writeFileSync(bad, jsonl([
      sample("metric", { value: "0.9" }),
      sample("step_finished", { status: "failed" }),
      sample("metric", { type: "heartbeat" }),
      without(sample("artifact"), "sha256"),
      sample("run_started", { ts: "2026-13-45T00:00:00Z" }),
    ]));
    const report = validationSchema.parse(JSON.parse(succeed(python, [join(scripts, "validate_events.py"), schemaFile, bad], root)));
    assert.deepEqual([...new Set(report.errors.map((error) => error.line))], [1, 2, 3, 4, 5]);
  });

  it("writes logs that parseRunLog reads without a problem", () => {
    for (const runId of ["run-ok", "run-dirty", "run-failed"]) assert.deepEqual(read(runId).problems, [], runId);
  });

  it("records a full run: every event type, in order, with retries, cache hits and the run's end", () => {
    const { events } = read("run-ok");
    assert.deepEqual(events.map((event) => event.type === "step_finished" ? `${event.step}:${event.status}#${event.attempt}` : event.type), [
      "run_started",
      "step_started", "load:completed#1",
      "step_started", "train:failed#1",
      "step_started", "artifact", "train:completed#2",
      "step_started", "features:cached#1",
      "data_check",
      "metric", "metric",
      "gate",
      "drift", "drift",
      "run_finished",
    ]);
    assert.deepEqual(ofType(events, "drift").map((event) => [event.reference, event.status, event.columns.length]), [[null, "ok", 0], ["run-before", "drift", 2]]);
    assert.deepEqual(ofType(events, "gate")[0]?.checks, [{ metric: "accuracy", value: 0.93, min: 0.9, passed: true }]);
    assert.deepEqual(ofType(events, "data_check")[0], { ...ofType(events, "data_check")[0], step: "features", passed: true, checks: [{ value: "X", check: "schema", passed: true }] });
    const finished = ofType(events, "step_finished");
    assert.equal(finished[1]?.error, "RuntimeError: flaky worker");
    assert.equal(finished[3]?.cacheHit, true);
    assert.equal(ofType(events, "run_finished")[0]?.status, "completed");
    assert.ok(events.every((event) => event.runId === "run-ok"));
  });

  it("records the git commit, a clean or dirty work tree, and null outside a repository", () => {
    const head = succeed("git", ["rev-parse", "HEAD"], repo).trim();
    assert.deepEqual(ofType(read("run-ok").events, "run_started")[0]?.git, { commit: head, dirty: false });
    assert.deepEqual(ofType(read("run-dirty").events, "run_started")[0]?.git, { commit: head, dirty: true });
    const inRepo = parseRunLog(readFileSync(join(repo, ".nb2prod", "runs", "run-in-repo-2", "events.jsonl"), "utf8"));
    assert.deepEqual(ofType(inRepo.events, "run_started")[0]?.git, { commit: head, dirty: false }, "earlier runs are not changes");
    assert.equal(ofType(read("run-failed").events, "run_started")[0]?.git, null);
  });

  it("records params as JSON (a credential-like name redacted), Python and package versions, and input hashes", () => {
    const started = ofType(read("run-ok").events, "run_started")[0];
    assert.ok(started);
    assert.deepEqual(started.params, { alpha: 0.5, layers: [1, 2], out: "/tmp/out", nan: "nan", db_password: "<redacted>", api_key2: "<redacted>", tokenizer: "bert" });
    assert.doesNotMatch(readFileSync(eventsFile("run-ok"), "utf8"), /hunter2|also-secret/);
    assert.match(started.python, /^3\.11\.\d+$/);
    assert.match(started.packages.jsonschema ?? "", /^\d+\.\d+/);
    assert.equal(started.packages["no-such-distribution-nb2prod"], null);
    const iris = join(data, "iris.csv");
    assert.deepEqual(started.inputs, [{ path: iris, sha256: sha256(iris), bytes: readFileSync(iris).length }]);
  });

  it("records artifacts with their hash and size, and only finite numbers as metrics", () => {
    const { events } = read("run-ok");
    const model = join(data, "model.joblib");
    const [artifact] = ofType(events, "artifact");
    assert.deepEqual(
      { step: artifact?.step, name: artifact?.name, path: artifact?.path, sha256: artifact?.sha256, bytes: artifact?.bytes, kind: artifact?.kind },
      { step: "train", name: "model", path: model, sha256: sha256(model), bytes: 3000, kind: "model" },
    );
    assert.deepEqual(ofType(events, "metric").map((metric) => [metric.step, metric.name, metric.value]), [["evaluate", "accuracy", 0.93], ["evaluate", "n_test", 30]]);
    assert.equal(recorded.warnings.length, 3, recorded.warnings.join("\n"));
    assert.ok(recorded.warnings.every((warning) => /skipped: .* is not a finite number/.test(warning)));
  });

  it("marks a step and the run failed when the step raises", () => {
    const { events } = read("run-failed");
    assert.deepEqual(ofType(events, "step_finished").map((event) => [event.step, event.status, event.error]), [["load", "failed", "FileNotFoundError: iris.csv"]]);
    assert.deepEqual(ofType(events, "run_finished").map((event) => [event.status, event.error]), [["failed", "FileNotFoundError: iris.csv"]]);
  });

  it("logs through the logging module with the event as structured extra", () => {
    assert.ok(recorded.records >= 15, `only ${recorded.records} log records`);
    assert.equal(recorded.structured, true);
  });

  it("passes ruff check", () => {
    succeed(python, ["-m", "ruff", "check", "--no-cache", lineageFile], root);
  });

  it("passes mypy --strict", () => {
    succeed(python, ["-m", "mypy", "--strict", "--cache-dir", join(root, "mypy-cache"), lineageFile], root);
  });
});
