// The lineage of one run, built from real run logs and the project's manifest.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildLineageGraph, projectOfRun } from "../../../src/core/runs/lineageGraph";
import { parseRunLog } from "../../../src/core/runs/runLog";
import { summariseRun } from "../../../src/core/runs/runSummary";
import type { RunSummary } from "../../../src/core/runs/runSummary";
import { jsonl, sample } from "./eventFixtures";
import { COMPLETED_RUN_ID, completedRunLog, diabetesManifest, firstLines } from "./runFixtures";

function summaryOf(runId: string, text: string): RunSummary {
  const log = parseRunLog(text);
  return summariseRun(runId, log.events, log.problems);
}

describe("buildLineageGraph", () => {
  const manifest = diabetesManifest();

  it("links each artifact to its step and that step's notebook cells", () => {
    const graph = buildLineageGraph(summaryOf(COMPLETED_RUN_ID, completedRunLog()), manifest);
    const regressor = graph.artifacts.find((artifact) => artifact.name === "regressor");
    assert.ok(regressor);
    const step = graph.steps.find((candidate) => candidate.name === regressor.step);
    assert.equal(step?.name, "train");
    assert.deepEqual(step.cellIds, ["f707c18c"]);
    assert.equal(step.summary?.status, "completed");
    assert.deepEqual(
      graph.steps.map((candidate) => [candidate.name, candidate.artifacts.map((artifact) => artifact.name)]),
      [
        ["ingest", ["X", "y"]],
        ["validate", []],
        ["split", ["X_test", "X_train", "y_test", "y_train"]],
        ["train", ["regressor"]],
        ["evaluate", ["mae", "r2", "residuals"]],
        ["register", []],
      ],
    );
    assert.deepEqual(graph.gaps, []);
    assert.equal(graph.hasManifest, true);
  });

  it("keeps what the run depended on: commit, params, environment, metrics", () => {
    const graph = buildLineageGraph(summaryOf(COMPLETED_RUN_ID, completedRunLog()), manifest);
    assert.deepEqual(graph.code, { kind: "git", commit: "6ac750f658f2ede45318f685cead26e170f57e18", dirty: false });
    assert.deepEqual(graph.params, [
      { name: "alpha", value: 1 },
      { name: "test_size", value: 0.2 },
      { name: "random_state", value: 7 },
      { name: "model_path", value: "diabetes_ridge.joblib" },
    ]);
    assert.equal(graph.python, "3.11.7");
    assert.deepEqual(graph.packages.find((entry) => entry.name === "scikit-learn"), { name: "scikit-learn", version: "1.2.1" });
    assert.equal(graph.notebook, "examples/diabetes_regression.ipynb");
    assert.deepEqual(graph.metrics.map((metric) => [metric.step, metric.name]), [["evaluate", "mae"], ["evaluate", "r2"]]);
    assert.equal(graph.status, "completed");
    assert.equal(graph.durationMs, 569.677);
  });

  it("records the data snapshot, a dirty work tree and a missing package", () => {
    const runId = "r1";
    const text = jsonl([
      sample("run_started", { runId, git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: true }, packages: { pandas: "2.2.0", xgboost: null } }),
      sample("step_started", { runId }),
    ]);
    const graph = buildLineageGraph(summaryOf(runId, text));
    assert.deepEqual(graph.code, { kind: "git", commit: "0123456789abcdef0123456789abcdef01234567", dirty: true });
    assert.deepEqual(graph.inputs.map((input) => [input.path, input.bytes]), [["data/iris.csv", 4551]]);
    assert.deepEqual(graph.packages, [{ name: "pandas", version: "2.2.0" }, { name: "xgboost", version: null }]);
  });

  it("tolerates a torn last line and unknown fields, and reports the torn line", () => {
    const withUnknownField = completedRunLog().replace('"flow":"diabetes-regression"', '"flow":"diabetes-regression","host":"ci-7"');
    const torn = withUnknownField + '{"schemaVersion":1,"type":"metric","ts":"2026-11-30T10:36:';
    const graph = buildLineageGraph(summaryOf(COMPLETED_RUN_ID, torn), manifest);
    assert.equal(graph.flow, "diabetes-regression");
    assert.equal(graph.artifacts.length, 10);
    assert.deepEqual(graph.problems.map((problem) => [problem.line, problem.severity]), [[27, "info"]]);
  });

  it("shows a run in progress: running step, no duration, only the artifacts so far", () => {
    // Up to train's step_started: ingest, validate and split are done, train is running.
    const graph = buildLineageGraph(summaryOf(COMPLETED_RUN_ID, firstLines(completedRunLog(), 14)), manifest);
    assert.equal(graph.status, "unfinished");
    assert.equal(graph.durationMs, undefined);
    assert.deepEqual(graph.steps.map((step) => [step.name, step.summary?.status]), [
      ["ingest", "completed"],
      ["validate", "completed"],
      ["split", "completed"],
      ["train", "running"],
    ]);
    assert.deepEqual(graph.steps.find((step) => step.name === "train")?.cellIds, ["f707c18c"]);
    assert.equal(graph.artifacts.length, 6);
  });

  it("says which steps the manifest does not know, and when run_started is missing", () => {
    const runId = "r2";
    const text = jsonl([sample("artifact", { runId, step: "old_step" })]);
    const graph = buildLineageGraph(summaryOf(runId, text), manifest);
    assert.deepEqual(graph.code, { kind: "unknown" });
    assert.deepEqual(graph.steps.map((step) => [step.name, step.summary, step.cellIds]), [["old_step", undefined, []]]);
    assert.equal(graph.gaps.length, 2);
    assert.match(graph.gaps[0] ?? "", /no run_started/);
    assert.match(graph.gaps[1] ?? "", /"old_step" is not in the project's nb2prod\.json/);
  });

  it("has no cells and no gaps about them without a manifest", () => {
    const graph = buildLineageGraph(summaryOf(COMPLETED_RUN_ID, completedRunLog()));
    assert.equal(graph.hasManifest, false);
    assert.ok(graph.steps.every((step) => step.cellIds.length === 0));
    assert.deepEqual(graph.gaps, []);
  });

  it("records no code version for a run outside git", () => {
    const text = jsonl([sample("run_started", { runId: "r3", git: null })]);
    assert.deepEqual(buildLineageGraph(summaryOf("r3", text)).code, { kind: "none" });
  });
});

describe("projectOfRun", () => {
  const run = summaryOf(COMPLETED_RUN_ID, completedRunLog());
  const diabetes = { dir: "/ws/pipelines/diabetes_regression", manifest: diabetesManifest() };

  it("prefers the project generated from the run's notebook", () => {
    const copy = { dir: "/ws/pipelines/copy", manifest: { ...diabetesManifest(), notebook: "other.ipynb" } };
    assert.equal(projectOfRun(run, [copy, diabetes])?.dir, diabetes.dir);
    assert.equal(projectOfRun(run, [diabetes, copy])?.dir, diabetes.dir);
  });

  it("falls back to the project that knows most of the run's steps, and to none", () => {
    const renamed = { dir: "/ws/p", manifest: { ...diabetesManifest(), notebook: "moved.ipynb" } };
    assert.equal(projectOfRun(run, [renamed])?.dir, "/ws/p");
    const unrelated = { dir: "/ws/q", manifest: { ...diabetesManifest(), steps: diabetesManifest().steps.map((step) => ({ ...step, name: `x_${step.name}` })) } };
    assert.equal(projectOfRun(run, [unrelated]), undefined);
  });
});
