import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatVerifyReport } from "../../../src/core/verify/formatVerifyReport";
import type { VerifyReport } from "../../../src/core/verify/verifyReport";

const value = { type: "numpy.ndarray", shape: [40, 3], dtype: "float64" };

const base: VerifyReport = {
  schemaVersion: 1,
  notebook: "/nb/small.ipynb",
  project: "/p",
  python: { executable: "python3", version: "3.11.7" },
  tolerance: { rtol: 1e-6, atol: 1e-9 },
  status: "different",
  notebookRun: { status: "ok", seconds: 1.25, notes: ["cell 4 was not run: its %%bash body is not Python"] },
  pipelineRun: { status: "ok", seconds: 0.5, notes: [] },
  steps: [
    { name: "features", status: "different", outputs: [
      { name: "X", status: "different", detail: "max abs diff 0.3 at [4, 2] (1.2 vs 1.5); 1 of 120 values differ", notebook: value, pipeline: value },
      { name: "y", status: "equal", notebook: { type: "numpy.ndarray", shape: [40] } },
    ] },
    { name: "plot", status: "not-comparable", outputs: [{ name: "fig", status: "not-comparable", detail: "matplotlib.figure.Figure is a display object" }] },
  ],
  observedTypes: {},
  seconds: 2.04,
};

describe("verify report as text", () => {
  it("shows the runs, one row per output, the step counts and what the result means", () => {
    assert.equal(
      formatVerifyReport(base),
      [
        "nb2prod verify: /nb/small.ipynb against /p (Python 3.11.7, 2.0 s)",
        "",
        "Notebook run: ok in 1.3 s",
        "  note: cell 4 was not run: its %%bash body is not Python",
        "Pipeline run: ok in 0.5 s",
        "",
        "step      output  result          detail",
        "features  X       different       max abs diff 0.3 at [4, 2] (1.2 vs 1.5); 1 of 120 values differ",
        "features  y       equal           numpy.ndarray (40)",
        "plot      fig     not comparable  matplotlib.figure.Figure is a display object",
        "",
        "Steps: 1 different, 1 not comparable.",
        "Both runs start every step from random seed 0, so unseeded random draws are alike in both.",
        "Result: different: the pipeline does not compute what the notebook computed (see the details above).",
        "",
      ].join("\n"),
    );
  });

  it("shows a failed cell with its line of code, and one row for a step that did not run", () => {
    const failed: VerifyReport = {
      ...base,
      status: "failed",
      notebookRun: {
        status: "failed",
        seconds: 2,
        notes: [],
        cell: { number: 35, id: "84f7bd5b" },
        message: "the notebook failed in cell 35 (id 84f7bd5b) at line 2: FileNotFoundError: [Errno 2] No such file or directory: 'data/Advertising.csv'",
        error: { type: "FileNotFoundError", message: "", lastLine: "", traceback: "", line: 2, code: "data = pd.read_csv('data/Advertising.csv', index_col=0)" },
      },
      steps: [{ name: "load", status: "failed", reason: "the notebook failed in cell 35", outputs: [{ name: "data", status: "not-run" }] }],
    };
    const text = formatVerifyReport(failed);
    assert.match(text, /^Notebook run: failed in 2\.0 s: the notebook failed in cell 35 \(id 84f7bd5b\) at line 2: FileNotFoundError: .*\n {4}data = pd\.read_csv\('data\/Advertising\.csv', index_col=0\)$/m);
    assert.match(text, /^load {2}- {7}failed {2}the notebook failed in cell 35$/m);
    assert.match(text, /^Result: failed: a run did not complete; fix the error above and run verify again\.$/m);
  });
});
