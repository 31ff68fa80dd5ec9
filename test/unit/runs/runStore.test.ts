// Listing and summarising the runs under a folder, through the FileSystem port.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { MemoryFileSystem } from "../../../src/core/memoryFileSystem";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import { FileNotFoundError } from "../../../src/core/ports";
import type { FileSystem } from "../../../src/core/ports";
import { RunStore } from "../../../src/core/runs/runStore";
import { jsonl, sample } from "./eventFixtures";

const RUNS = "/ws/.nb2prod/runs";

function event(type: string, runId: string, ts: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return sample(type, { runId, ts, ...changes });
}

/** A run that retried `train`, hit the cache for `features` and finished. */
function finishedRun(runId: string): string {
  const at = "2026-03-01T10:00:00.000Z";
  return jsonl([
    event("run_started", runId, at, { flow: "iris_flow" }),
    event("step_started", runId, at, { step: "load" }),
    event("step_finished", runId, at, { step: "load", durationMs: 20 }),
    event("step_started", runId, at, { step: "features" }),
    event("step_finished", runId, at, { step: "features", status: "cached", cacheHit: true, durationMs: 1 }),
    event("step_started", runId, at, { step: "train" }),
    event("step_finished", runId, at, { step: "train", status: "failed", error: "Timeout", durationMs: 500 }),
    event("step_started", runId, at, { step: "train", attempt: 2 }),
    event("artifact", runId, at, { step: "train", name: "model", kind: "model" }),
    event("step_finished", runId, at, { step: "train", attempt: 2, durationMs: 300 }),
    event("metric", runId, at, { step: "train", name: "accuracy", value: 0.97 }),
    event("run_finished", runId, at, { status: "completed", durationMs: 900 }),
  ]);
}

/** A run still going (or killed): `predict` started, no run_finished, a torn last line. */
function unfinishedRun(runId: string): string {
  const at = "2026-03-02T10:00:00.000Z";
  return jsonl([event("run_started", runId, at), event("step_started", runId, at, { step: "predict" })]) + '{"schemaVer';
}

describe("RunStore", () => {
  const fs = new MemoryFileSystem({
    [`${RUNS}/run-a/events.jsonl`]: finishedRun("run-a"),
    [`${RUNS}/run-b/events.jsonl`]: unfinishedRun("run-b"),
    [`${RUNS}/run-c/notes.txt`]: "a folder without events is not a run",
    [`${RUNS}/.hidden/events.jsonl`]: "",
  });
  const store = new RunStore(fs, RUNS);

  it("lists the folders that hold an events file, and only those", async () => {
    assert.deepEqual(await store.listRunIds(), ["run-a", "run-b"]);
  });

  it("summarises a finished run: status, flow, start, duration, steps, artifacts, metrics", async () => {
    const run = await store.readRun("run-a");
    assert.ok(run);
    assert.equal(run.status, "completed");
    assert.equal(run.flow, "iris_flow");
    assert.equal(run.startedAt, "2026-03-01T10:00:00.000Z");
    assert.equal(run.durationMs, 900);
    assert.deepEqual(run.steps, [
      { step: "load", status: "completed", attempts: 1, durationMs: 20, cacheHit: false },
      { step: "features", status: "cached", attempts: 1, durationMs: 1, cacheHit: true },
      { step: "train", status: "completed", attempts: 2, durationMs: 300, cacheHit: false },
    ]);
    assert.deepEqual(run.artifacts.map((artifact) => [artifact.step, artifact.name, artifact.kind]), [["train", "model", "model"]]);
    assert.deepEqual(run.metrics.map((metric) => [metric.name, metric.value]), [["accuracy", 0.97]]);
    assert.deepEqual(run.problems, []);
  });

  it("shows a run without run_finished as unfinished, its open step as running, and the torn line as info", async () => {
    const run = await store.readRun("run-b");
    assert.ok(run);
    assert.equal(run.status, "unfinished");
    assert.equal(run.durationMs, undefined);
    assert.deepEqual(run.steps, [{ step: "predict", status: "running", attempts: 1, cacheHit: false }]);
    assert.deepEqual(run.problems.map((problem) => [problem.line, problem.severity]), [[3, "info"]]);
  });

  it("keeps a failed step's error and a failed run's error", async () => {
    const at = "2026-03-03T00:00:00Z";
    const failing = new MemoryFileSystem({
      [`${RUNS}/r/events.jsonl`]: jsonl([
        event("run_started", "r", at),
        event("step_started", "r", at, { step: "load" }),
        event("step_finished", "r", at, { step: "load", status: "failed", error: "FileNotFoundError: iris.csv" }),
        event("run_finished", "r", at, { status: "failed", error: "FileNotFoundError: iris.csv" }),
      ]),
    });
    const run = await new RunStore(failing, RUNS).readRun("r");
    assert.equal(run?.status, "failed");
    assert.equal(run.error, "FileNotFoundError: iris.csv");
    assert.equal(run.steps[0]?.error, "FileNotFoundError: iris.csv");
  });

  it("lists summaries newest first", async () => {
    assert.deepEqual((await store.listRuns()).map((run) => run.runId), ["run-b", "run-a"]);
  });

  it("has no run for an unknown id or an id that is a path", async () => {
    assert.equal(await store.readRun("run-z"), undefined);
    assert.equal(await store.readRun("../run-a"), undefined);
  });

  it("has no runs when the runs folder does not exist yet", async () => {
    assert.deepEqual(await new RunStore(fs, "/elsewhere/.nb2prod/runs").listRuns(), []);
  });

  it("says so when the file system cannot list folders", async () => {
    const blind: FileSystem = { readText: (path) => fs.readText(path), exists: (path) => fs.exists(path), writeTextAtomic: () => Promise.resolve() };
    await assert.rejects(new RunStore(blind, RUNS).listRuns(), /cannot list folders/);
  });
});

describe("FileSystem.listDir", () => {
  const root = mkdtempSync(join(tmpdir(), "nb2prod-runs-"));
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("lists files and folders by name, sorted, on disk and in memory alike", async () => {
    mkdirSync(join(root, "b-run"));
    writeFileSync(join(root, "b-run", "events.jsonl"), "");
    writeFileSync(join(root, "a.txt"), "");
    const memory = new MemoryFileSystem({ [`${root}/b-run/events.jsonl`]: "", [`${root}/a.txt`]: "" });
    assert.deepEqual(await new NodeFileSystem().listDir(root), ["a.txt", "b-run"]);
    assert.deepEqual(await memory.listDir(`${root}/`), ["a.txt", "b-run"]);
  });

  it("rejects with FileNotFoundError for a missing folder", async () => {
    await assert.rejects(new NodeFileSystem().listDir(join(root, "nope")), FileNotFoundError);
    await assert.rejects(new MemoryFileSystem({ "/x/y": "" }).listDir("/x/y/z"), FileNotFoundError);
  });
});

// Issue 10: a hostile or damaged events file costs bounded time and memory, and only its own run.
describe("RunStore: hostile events files", () => {
  it("reads a file that starts with a byte order mark, keeping its run_started", async () => {
    const fs = new MemoryFileSystem({ [`${RUNS}/run-bom/events.jsonl`]: `\ufeff${finishedRun("run-bom")}` });
    const run = await new RunStore(fs, RUNS).readRun("run-bom");
    assert.ok(run);
    assert.equal(run.flow, "iris_flow");
    assert.deepEqual(run.problems, []);
  });

  it("skips, as a problem, an event that names another run", async () => {
    const fs = new MemoryFileSystem({ [`${RUNS}/run-x/events.jsonl`]: finishedRun("run-y") });
    const run = await new RunStore(fs, RUNS).readRun("run-x");
    assert.equal(run?.flow, undefined);
    assert.match(run?.problems[0]?.message ?? "", /event of run run-y, not of run-x/);
  });

  it("lists a bounded number of problems for a file of garbage", async () => {
    const fs = new MemoryFileSystem({ [`${RUNS}/run-g/events.jsonl`]: "not json\n".repeat(10_000) });
    const run = await new RunStore(fs, RUNS).readRun("run-g");
    assert.ok(run);
    assert.equal(run.problems.length, 21);
    assert.match(run.problems[20]?.message ?? "", /9980 more problem lines/);
  });

  it("does not read an events file larger than it would ever be, and still lists the other runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nb2prod-big-run-"));
    mkdirSync(join(dir, "run-big"));
    mkdirSync(join(dir, "run-ok"));
    writeFileSync(join(dir, "run-ok", "events.jsonl"), finishedRun("run-ok"));
    // Sparse: 100 MB on disk without writing them.
    spawnSync("truncate", ["-s", "100M", join(dir, "run-big", "events.jsonl")]);
    const runs = await new RunStore(new NodeFileSystem(), dir).listRuns();
    assert.deepEqual(runs.map((run) => run.runId).sort(), ["run-big", "run-ok"]);
    const big = runs.find((run) => run.runId === "run-big");
    assert.match(big?.problems[0]?.message ?? "", /events\.jsonl is 105 MB, more than the 16 MB nb2prod reads/);
    rmSync(dir, { recursive: true, force: true });
  });
});
