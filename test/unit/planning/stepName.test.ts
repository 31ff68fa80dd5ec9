import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nextFreeStepName, stepNameProblem, toStepName } from "../../../src/core/planning/stepName";

describe("stepNameProblem", () => {
  const cases: [string, RegExp | undefined][] = [
    ["load_data", undefined],
    ["train2", undefined],
    ["", /empty/],
    ["Load", /snake_case/],
    ["2fast", /snake_case/],
    ["with-dash", /snake_case/],
    ["class", /keyword/],
    ["lambda", /keyword/],
    ["a".repeat(65), /64/],
  ];
  for (const [name, expected] of cases) {
    it(`${JSON.stringify(name.slice(0, 12))} → ${expected === undefined ? "valid" : String(expected)}`, () => {
      const problem = stepNameProblem(name);
      if (expected === undefined) assert.equal(problem, undefined);
      else assert.match(problem ?? "", expected);
    });
  }
});

describe("toStepName", () => {
  it("turns headings into valid step names", () => {
    assert.equal(toStepName("Train the model!"), "train_the_model");
    assert.equal(toStepName("  2. Évaluation  "), "step_2_evaluation");
    assert.equal(toStepName("Import"), "import_step");
    assert.equal(toStepName("***"), "step");
  });

  it("always produces a name that passes validation", () => {
    for (const text of ["Load Data", "1", "", "def", "über Prüfung", "a-b-c-d-e-f-g-h"]) {
      assert.equal(stepNameProblem(toStepName(text)), undefined, text);
    }
  });
});

describe("nextFreeStepName", () => {
  it("returns the first free step_N", () => {
    assert.equal(nextFreeStepName([]), "step_1");
    assert.equal(nextFreeStepName(["step_1", "step_3"]), "step_2");
  });
});
