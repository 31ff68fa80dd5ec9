import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SplitPlan } from "../../../src/core/planning/splitPlan";
import type { PlanProblemKind } from "../../../src/core/planning/validatePlan";
import { validatePlan } from "../../../src/core/planning/validatePlan";
import type { Planned } from "./planTestKit";
import { planOf } from "./planTestKit";

function validFlow(): Planned {
  return planOf([
    { id: "imports", source: "import pandas as pd", analysis: { defines: ["pd"], imports: [{ module: "pandas", alias: "pd", line: 1 }] } },
    { id: "params", source: "alpha = 0.5", tags: ["parameters"], analysis: { defines: ["alpha"] } },
    { id: "load", source: 'df = pd.read_csv("d.csv")', analysis: { defines: ["df"], reads: ["pd"] } },
    { id: "head", source: "df.head()", analysis: { reads: ["df"], displayOnly: true } },
    { id: "clean", source: "df = df.dropna()", analysis: { defines: ["df"], reads: ["df"] } },
    { id: "fit", source: "model = Ridge(alpha=alpha)\nmodel.fit(df)", analysis: { defines: ["model", "Ridge"], reads: ["alpha", "df"] } },
  ]);
}

/** Applies `breakIt` to a copy of the valid plan and returns the kinds of problems found. */
function kindsAfter(breakIt: (plan: SplitPlan) => void): PlanProblemKind[] {
  const { notebook, analyses, dataflow, plan } = validFlow();
  const broken = structuredClone(plan);
  breakIt(broken);
  return validatePlan(broken, { notebook, analyses, dataflow }).map((problem) => problem.kind);
}

function step(plan: SplitPlan, index: number): SplitPlan["steps"][number] {
  const found = plan.steps[index];
  assert.ok(found, `the valid plan has a step ${index}`);
  return found;
}

describe("validatePlan: the invariants of a SplitPlan", () => {
  it("finds no problem in the planner's own plan", () => {
    const { notebook, analyses, dataflow, plan } = validFlow();
    assert.deepEqual(plan.steps.map((entry) => entry.name), ["load_data", "prepare_data", "train_model"]);
    assert.deepEqual(validatePlan(plan, { notebook, analyses, dataflow }), []);
  });

  const cases: readonly [string, (plan: SplitPlan) => void, PlanProblemKind][] = [
    ["a code cell in no step and not left out", (plan) => { plan.excluded = []; }, "cell-placement"],
    ["a code cell in two steps", (plan) => { step(plan, 2).cellIds.push("clean"); }, "cell-placement"],
    ["a cell both in a step and left out", (plan) => { plan.excluded.push({ cellId: "fit", reason: "x" }); }, "cell-placement"],
    ["a cell id the notebook does not have", (plan) => { plan.shared.cellIds.push("ghost"); }, "cell-placement"],
    ["the parameters cell not accounted for", (plan) => { plan.parametersCellIds = []; }, "cell-placement"],
    ["an input from a step that does not exist", (plan) => { step(plan, 2).inputs.push({ name: "df2", fromStep: "nowhere" }); }, "input-source"],
    ["an input from a later step", (plan) => { step(plan, 0).inputs.push({ name: "model", fromStep: "train_model" }); }, "input-source"],
    ["an input the source step does not hand on", (plan) => { step(plan, 2).inputs.push({ name: "other", fromStep: "load_data" }); }, "input-source"],
    ["an input from a param the plan does not define", (plan) => { step(plan, 2).inputs.push({ name: "beta", param: "beta" }); }, "input-source"],
    [
      "steps in an order the dataflow contradicts",
      (plan) => { plan.steps.reverse(); },
      "dataflow-order",
    ],
    ["a value read across steps but not taken as an input", (plan) => { step(plan, 2).inputs = step(plan, 2).inputs.filter((input) => input.name !== "df"); }, "dataflow-order"],
    ["a param read but not taken as an input", (plan) => { step(plan, 2).inputs = step(plan, 2).inputs.filter((input) => input.name !== "alpha"); }, "dataflow-order"],
    ["a step name that is not snake_case", (plan) => { step(plan, 0).name = "LoadData"; }, "name"],
    ["a step named after a Python keyword", (plan) => { step(plan, 0).name = "import"; }, "name"],
    ["two steps with one name", (plan) => { step(plan, 1).name = "load_data"; }, "name"],
    ["a value name that is a keyword", (plan) => { step(plan, 0).outputs.push({ name: "lambda" }); }, "name"],
    ["a value name that is not an identifier", (plan) => { step(plan, 0).outputs.push({ name: "my-df" }); }, "name"],
    ["a param name that is not an identifier", (plan) => { plan.params.push({ name: "2x", value: 1, type: "int", cellId: "params" }); }, "name"],
    ["an unknown schema version", (plan) => { Object.assign(plan, { schemaVersion: 3 }); }, "schema"],
    ["a step without cells", (plan) => { step(plan, 0).cellIds = []; }, "schema"],
  ];
  for (const [label, breakIt, kind] of cases) {
    it(`catches ${label}`, () => {
      assert.ok(kindsAfter(breakIt).includes(kind), `expected a ${kind} problem`);
    });
  }

  it("says in plain words which step and value are wrong", () => {
    const { notebook, analyses, dataflow, plan } = validFlow();
    const broken = structuredClone(plan);
    step(broken, 2).inputs.push({ name: "other", fromStep: "load_data" });
    const messages = validatePlan(broken, { notebook, analyses, dataflow }).map((problem) => problem.message);
    assert.deepEqual(messages, ["Step train_model takes other from load_data, which does not hand it on."]);
  });

  it("accepts a Unicode variable name, as Python does", () => {
    assert.deepEqual(kindsAfter((plan) => { step(plan, 0).outputs.push({ name: "données" }); }), []);
  });
});
