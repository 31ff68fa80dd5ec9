// The names the CLI and the editor derive from a notebook path: both must agree, so a
// project generated from either one is the same project.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { notebookStem, projectNameFor } from "../../../src/core/codegen/projectNaming";

describe("project naming", () => {
  it("takes the folder name from the notebook's stem, spaces and case kept", () => {
    assert.equal(notebookStem("/ws/notebooks/Diabetes Regression.ipynb"), "Diabetes Regression");
    assert.equal(notebookStem("analysis.py"), "analysis");
  });

  for (const [path, name] of [
    ["diabetes_regression.ipynb", "diabetes-regression"],
    ["/ws/My Notebook (v2).ipynb", "my-notebook-v2"],
    ["__.ipynb", "pipeline"],
  ] as const) {
    it(`names the distribution of ${path} "${name}"`, () => {
      assert.equal(projectNameFor(path), name);
    });
  }
});
