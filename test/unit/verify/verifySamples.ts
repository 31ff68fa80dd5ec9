// Small hand-made inputs for the verify unit tests that run no Python: a manifest, a
// notebook model and harness results shaped as the harness writes them.
import type { NotebookCellModel, NotebookModel } from "../../../src/core/notebook/notebookModel";
import type { CapturedValue, NotebookResult, PipelineResult } from "../../../src/core/verify/harnessResults";
import type { ProjectManifest } from "../../../src/core/verify/projectManifest";

export function codeCell(index: number, id: string, source: string, language = "python"): NotebookCellModel {
  return { id, index, kind: "code", language, source, tags: [], executionCount: null, metadata: {} };
}

export function markdownCell(index: number, id: string, source: string): NotebookCellModel {
  return { id, index, kind: "markdown", language: "markdown", source, tags: [], executionCount: null, metadata: {} };
}

/** Cells: 1 markdown, 2 load, 3 features, 4 markdown, 5 train. */
export const sampleNotebook: NotebookModel = {
  origin: "/work/nb/sample.ipynb",
  language: "python",
  cells: [
    markdownCell(0, "intro", "# Sample"),
    codeCell(1, "load", "%matplotlib inline\nimport pandas as pd\ndf = pd.read_csv('data.csv')"),
    codeCell(2, "features", "X = df[['a']]\ny = df['b']"),
    markdownCell(3, "md", "## Train"),
    codeCell(4, "train", "%%time\nmodel = fit(X, y, alpha)"),
  ],
};

export function sampleManifest(): ProjectManifest {
  return {
    schemaVersion: 1,
    package: "sample",
    notebook: "sample.ipynb",
    steps: [
      { name: "load", module: "sample.steps.load", function: "load", cellIds: ["load"], inputs: [], outputs: ["df"] },
      {
        name: "features",
        module: "sample.steps.features",
        function: "features",
        cellIds: ["features"],
        inputs: [{ name: "df", fromStep: "load" }],
        outputs: ["X", "y"],
      },
      {
        name: "train",
        module: "sample.steps.train",
        function: "train",
        cellIds: ["train"],
        inputs: [
          { name: "X", fromStep: "features" },
          { name: "y", fromStep: "features" },
          { name: "alpha", param: "alpha" },
        ],
        outputs: ["model"],
      },
    ],
    params: { alpha: 0.5 },
  };
}

export const frame: CapturedValue = { type: "pandas.core.frame.DataFrame", file: "/s/0.pickle", shape: [3, 2], columns: ["a", "b"] };
export const array: CapturedValue = { type: "numpy.ndarray", file: "/s/1.pickle", shape: [3], dtype: "float64" };
export const estimator: CapturedValue = { type: "sklearn.linear_model._ridge.Ridge", file: "/s/2.pickle" };

export const allCaptured = { load: { df: frame }, features: { X: frame, y: array }, train: { model: estimator } };

export function notebookOk(captures: NotebookResult["captures"] = allCaptured): NotebookResult {
  return { phase: "notebook", status: "ok", seconds: 1.5, captures, notes: [] };
}

export function pipelineOk(captures: PipelineResult["captures"] = allCaptured): PipelineResult {
  return { phase: "pipeline", status: "ok", seconds: 0.5, captures, notes: [] };
}

export const keyError = {
  type: "KeyError",
  message: "'b'",
  lastLine: "KeyError: 'b'",
  traceback: "Traceback (most recent call last):\n  File \"<cell 3>\", line 2, in <module>\nKeyError: 'b'\n",
  line: 2,
  code: "y = df['b']",
};
