// What the Runs view shows of a run: the gate result is the last gate event of the run;
// the data drift names the columns that moved.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeDriftColumn, driftLabel, summariseDrift } from "../../../src/core/runs/driftSummary";
import { runEventSchema } from "../../../src/core/runs/runEvents";
import type { RunEventOf } from "../../../src/core/runs/runEvents";
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

describe("summariseDrift", () => {
  const drift = (changes: Record<string, unknown>): RunEventOf<"drift"> => runEventSchema.parse(sample("drift", changes)) as RunEventOf<"drift">;
  const column = (name: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ column: name, status, ...extra });

  it("keeps the run's drift events, in order", () => {
    const events = [sample("run_started"), sample("drift", { output: "X_train" }), sample("drift", { output: "X_test" }), sample("run_finished")].map((event) => runEventSchema.parse(event));
    assert.deepEqual(summariseRun("r1", events).drift.map((event) => event.output), ["X_train", "X_test"]);
  });

  const cases: [string, RunEventOf<"drift">[], string | undefined, readonly string[]][] = [
    ["a run that profiled no data", [], undefined, []],
    ["a first run, with nothing to compare with", [drift({ reference: null, status: "ok", columns: [] })], "first data profile", []],
    ["unchanged data", [drift({ status: "ok", columns: [column("bmi", "ok", { psi: 0.01, ks: 0.02, pValue: 1 })] })], "no drift", []],
    ["a column to watch", [drift({ status: "warning", columns: [column("bmi", "warning", { psi: 0.12 })] })], "no drift (1 column to watch)", []],
    [
      "columns that moved in two outputs, each named once",
      [
        drift({ output: "X_train", columns: [column("bmi", "drift", { psi: 0.5 }), column("age", "warning", { psi: 0.11 })] }),
        drift({ output: "X_test", columns: [column("bmi", "drift", { psi: 0.4 }), column("city", "drift", { newCategories: ["Paris"] })] }),
      ],
      "drift: 2 columns moved",
      ["bmi", "city"],
    ],
  ];
  for (const [title, events, label, moved] of cases) {
    it(title, () => {
      const summary = summariseDrift(events);
      assert.equal(summary === undefined ? undefined : driftLabel(summary), label);
      assert.deepEqual(summary?.moved ?? [], moved);
    });
  }

  it("names each moved column with its statistics against the reference run", () => {
    const summary = summariseDrift([drift({ columns: [column("bmi", "drift", { psi: 0.41234, ks: 0.23, pValue: 0.000123 }), column("sex", "ok", { psi: 0 }), column("city", "drift", { change: "removed" })] })]);
    assert.deepEqual(summary?.details, ["load.df vs run 20251231T000000Z-0a1b2c3d: bmi (PSI 0.412, KS 0.23, p 0.00012): drift; city (removed): drift"]);
    assert.equal(describeDriftColumn({ column: "city", status: "drift", psi: 1.2, newCategories: ["Paris", "Rome"] }), "city (PSI 1.2, new categories Paris, Rome): drift");
  });
});
