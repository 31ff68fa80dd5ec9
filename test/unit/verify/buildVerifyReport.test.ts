import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildVerifyReport } from "../../../src/core/verify/buildVerifyReport";
import type { VerifyRunParts } from "../../../src/core/verify/buildVerifyReport";
import type { PhaseOutcome } from "../../../src/core/verify/harnessPhase";
import type { CompareResult, NotebookResult, PipelineResult } from "../../../src/core/verify/harnessResults";
import { verifyReportSchema } from "../../../src/core/verify/verifyReport";
import type { VerifyReport } from "../../../src/core/verify/verifyReport";
import { allCaptured, array, frame, keyError, notebookOk, pipelineOk, sampleManifest } from "./verifySamples";

const done = <T>(result: T): PhaseOutcome<T> => ({ kind: "done", result, seconds: 1 });

const equalOutcome = { status: "equal", detail: "" } as const;
const allEqual: CompareResult = {
  phase: "compare",
  steps: { load: { df: equalOutcome }, features: { X: equalOutcome, y: equalOutcome }, train: { model: equalOutcome } },
};

function report(parts: Partial<VerifyRunParts>): VerifyReport {
  const built = buildVerifyReport({
    notebookPath: "/nb/sample.ipynb",
    projectDir: "/p",
    python: { executable: "python3", version: "3.11.7" },
    manifest: sampleManifest(),
    lastCells: new Map([["load", { number: 2, id: "load" }], ["features", { number: 3, id: "features" }], ["train", { number: 5, id: "train" }]]),
    notebook: done(notebookOk()),
    pipeline: done(pipelineOk()),
    compare: done(allEqual),
    seconds: 3,
    ...parts,
  });
  // What the CLI prints with --json must always be a valid report.
  return verifyReportSchema.parse(JSON.parse(JSON.stringify(built)));
}

const statuses = (built: VerifyReport): string[] => built.steps.map((step) => `${step.name}:${step.status}`);

function compareWith(step: string, output: string, status: "different" | "not-comparable", detail: string): CompareResult {
  const steps = structuredClone(allEqual.steps);
  const outputs = steps[step];
  if (outputs !== undefined) outputs[output] = { status, detail };
  return { phase: "compare", steps };
}

describe("verify report", () => {
  it("is equal when every output of every step is equal, and lists the notebook's runtime types", () => {
    const built = report({});
    assert.equal(built.status, "equal");
    assert.deepEqual(statuses(built), ["load:equal", "features:equal", "train:equal"]);
    assert.deepEqual(built.observedTypes, {
      load: { df: "pandas.core.frame.DataFrame" },
      features: { X: "pandas.core.frame.DataFrame", y: "numpy.ndarray" },
      train: { model: "sklearn.linear_model._ridge.Ridge" },
    });
    assert.deepEqual(built.steps[1]?.outputs[1], { name: "y", status: "equal", notebook: { type: "numpy.ndarray", shape: [3], dtype: "float64" }, pipeline: { type: "numpy.ndarray", shape: [3], dtype: "float64" } });
  });

  it("keeps the notebook's finite numbers per step and output, for suggested quality-gate bounds", () => {
    const captures = { ...allCaptured, train: { ...allCaptured.train, r2: { type: "float", value: 0.4012 }, n: { type: "int", value: 3 } } };
    const built = report({ notebook: done(notebookOk(captures)) });
    assert.deepEqual(built.observedNumbers, { train: { r2: 0.4012, n: 3 } });
  });

  it("keeps the dtypes and nulls of the DataFrames, Series and numeric arrays the notebook handed on, for data checks", () => {
    const columns = [{ name: "age", dtype: "float64", nulls: true }, { name: "sex\n\"x\"", dtype: "object", nulls: false }];
    const captures = {
      ...allCaptured,
      load: { df: { ...frame, columnTypes: columns } },
      features: {
        X: { type: "pandas.core.series.Series", shape: [3], dtype: "int64", nulls: false },
        y: { type: "numpy.ndarray", shape: [3, 2], dtype: "float64", nulls: true },
        names: { type: "numpy.ndarray", shape: [3], dtype: "<U1" },
      },
    };
    const built = report({ notebook: done(notebookOk(captures)) });
    assert.deepEqual(built.observedData, {
      load: { df: { kind: "dataframe", columns } },
      features: { X: { kind: "series", dtype: "int64", nulls: false }, y: { kind: "array", ndim: 2, dtype: "float64", nulls: true } },
    });
  });

  it("still parses a report written before data checks (no observedData)", () => {
    const older: Partial<VerifyReport> = report({});
    delete older.observedData;
    assert.equal(verifyReportSchema.parse(older).observedData, undefined);
  });

  it("is different when one output differs, and keeps its diff summary", () => {
    const built = report({ compare: done(compareWith("features", "X", "different", "max abs diff 0.3 at [4, 2]")) });
    assert.equal(built.status, "different");
    assert.deepEqual(statuses(built), ["load:equal", "features:different", "train:equal"]);
    assert.equal(built.steps[1]?.outputs[0]?.detail, "max abs diff 0.3 at [4, 2]");
  });

  it("is not comparable when nothing differs but an output could not be compared", () => {
    const built = report({ compare: done(compareWith("train", "model", "not-comparable", "the notebook's value: it cannot be pickled")) });
    assert.equal(built.status, "not-comparable");
    assert.deepEqual(statuses(built), ["load:equal", "features:equal", "train:not-comparable"]);
  });

  it("names the cell when the notebook failed: its step failed, later steps not run, earlier ones compared", () => {
    const notebook: NotebookResult = { ...notebookOk({ load: { df: frame } }), status: "failed", failure: { cell: { number: 3, id: "features" }, error: keyError } };
    const built = report({ notebook: done(notebook), compare: done({ phase: "compare", steps: { load: { df: equalOutcome } } }) });
    assert.equal(built.status, "failed");
    assert.equal(built.notebookRun.message, "the notebook failed in cell 3 (id features) at line 2: KeyError: 'b'");
    assert.deepEqual(built.notebookRun.cell, { number: 3, id: "features" });
    assert.deepEqual(statuses(built), ["load:equal", "features:failed", "train:not-run"]);
    assert.match(built.steps[2]?.reason ?? "", /^the notebook run did not reach cell 5 \(id train\): the notebook failed in cell 3/);
  });

  it("names the step when the pipeline failed", () => {
    const pipeline: PipelineResult = { ...pipelineOk({ load: { df: frame }, features: { X: frame, y: array } }), status: "failed", failure: { step: "train", error: { ...keyError, line: 7 } } };
    const built = report({ pipeline: done(pipeline) });
    assert.equal(built.pipelineRun.message, "pipeline step train failed at line 7: KeyError: 'b'");
    assert.deepEqual(statuses(built), ["load:equal", "features:equal", "train:failed"]);
  });

  it("says where a run was stopped at the timeout, and keeps what it had captured", () => {
    const partial = { ...notebookOk({ load: { df: frame } }), status: "running" as const };
    const built = report({ notebook: { kind: "timed-out", seconds: 900, progress: { cell: { number: 3, id: "features" } }, partial }, pipeline: undefined, compare: undefined });
    assert.equal(built.notebookRun.status, "timed-out");
    assert.equal(built.notebookRun.message, "the notebook run was stopped at the timeout, while running cell 3 (id features)");
    assert.equal(built.pipelineRun.status, "not-run");
    assert.deepEqual(statuses(built), ["load:not-run", "features:failed", "train:not-run"]);
    assert.match(built.steps[0]?.reason ?? "", /^the pipeline run did not reach this step: the overall timeout was used up/);
    assert.deepEqual(built.observedTypes, { load: { df: "pandas.core.frame.DataFrame" } });
  });

  it("reports a harness that died with what it printed last", () => {
    const crashed: PhaseOutcome<PipelineResult> = { kind: "crashed", seconds: 2, message: "the pipeline run was killed without a result", outputTail: "MemoryError", partial: undefined };
    const built = report({ pipeline: crashed, compare: undefined });
    assert.equal(built.status, "failed");
    assert.deepEqual([built.pipelineRun.status, built.pipelineRun.outputTail], ["crashed", "MemoryError"]);
    assert.deepEqual(statuses(built), ["load:not-run", "features:not-run", "train:not-run"]);
  });

  it("does not count a step without outputs as equal", () => {
    const manifest = sampleManifest();
    const steps = [...manifest.steps, { name: "show", module: "sample.steps.show", function: "show", cellIds: ["train"], inputs: [], outputs: [] }];
    const captures = { ...allCaptured, show: {} };
    const built = report({ manifest: { ...manifest, steps }, notebook: done(notebookOk(captures)), pipeline: done(pipelineOk(captures)), compare: done({ phase: "compare", steps: { ...allEqual.steps, show: {} } }) });
    assert.deepEqual([built.steps[3]?.status, built.steps[3]?.reason], ["not-comparable", "the step has no outputs to compare"]);
    assert.equal(built.status, "not-comparable");
  });
});
