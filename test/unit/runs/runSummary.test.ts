// What the Runs view shows of a run: the gate result is the last gate event of the run.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runEventSchema } from "../../../src/core/runs/runEvents";
import { summariseRun } from "../../../src/core/runs/runSummary";
import { sample } from "./eventFixtures";

describe("summariseRun", () => {
  it("keeps the run's last quality-gate check, failed or passed", () => {
    const events = [
      sample("run_started"),
      sample("gate", { passed: true }),
      sample("gate", { passed: false, checks: [{ metric: "accuracy", value: 0.5, min: 0.9, passed: false }] }),
      sample("run_finished", { status: "failed", error: "GateFailedError: accuracy = 0.5: failed (gate min 0.9)" }),
    ].map((event) => runEventSchema.parse(event));
    const summary = summariseRun("20260101T000000Z-0a1b2c3d", events);
    assert.equal(summary.gate?.passed, false);
    assert.deepEqual(summary.gate.checks.map((check) => [check.metric, check.value, check.min]), [["accuracy", 0.5, 0.9]]);
    assert.equal(summary.status, "failed");
  });

  it("keeps where the run is tracked in MLflow and the model versions it registered", () => {
    const events = [sample("run_started"), sample("tracking"), sample("model_version"), sample("run_finished")].map((event) => runEventSchema.parse(event));
    const summary = summariseRun("r1", events);
    assert.equal(summary.tracking?.mlflowRunId, "0123456789abcdef");
    assert.deepEqual(summary.modelVersions.map((version) => [version.model, version.version, version.aliases]), [["train_flow", "2", ["candidate", "champion"]]]);
    const untracked = summariseRun("r2", [sample("run_started"), sample("run_finished")].map((event) => runEventSchema.parse(event)));
    assert.equal(untracked.tracking, undefined);
    assert.deepEqual(untracked.modelVersions, []);
  });

  it("has no gate or data check result for a run that checked none", () => {
    const summary = summariseRun("r1", [sample("run_started"), sample("run_finished")].map((event) => runEventSchema.parse(event)));
    assert.equal(summary.gate, undefined);
    assert.equal(summary.dataCheck, undefined);
  });

  it("keeps the run's last data check, with the column and check that failed", () => {
    const events = [
      sample("run_started"),
      sample("data_check"),
      sample("run_finished", { status: "failed", error: "DataCheckFailedError: X['age']: no nulls failed (null at index 3)" }),
    ].map((event) => runEventSchema.parse(event));
    const summary = summariseRun("r2", events);
    assert.equal(summary.dataCheck?.passed, false);
    assert.deepEqual(summary.dataCheck.checks.map((check) => [check.value, check.column, check.check]), [["X", "age", "no nulls"]]);
  });
});
