import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatPlan, importStatement } from "../../../src/core/planning/formatPlan";
import { splitPlanJsonSchema, splitPlanSchema } from "../../../src/core/planning/splitPlan";
import { planOf } from "./planTestKit";

const { plan } = planOf([
  { id: "params", source: "alpha = 1\nflags = [True, False]", tags: ["parameters"], analysis: { defines: ["alpha", "flags"] } },
  { id: "load", source: "df = load_diabetes()", analysis: { defines: ["df"] } },
  { id: "head", source: "df.head()", analysis: { reads: ["df"], displayOnly: true } },
  { id: "fit", source: "model = Ridge(alpha=alpha)\nmodel.fit(df)", analysis: { defines: ["model"], reads: ["alpha", "df"] } },
]);

describe("SplitPlan schema", () => {
  it("accepts the planner's plans and is versioned", () => {
    assert.equal(splitPlanSchema.parse(plan).schemaVersion, 2);
    assert.equal(splitPlanSchema.safeParse({ ...plan, schemaVersion: 3 }).success, false);
  });

  it("reads a version 1 plan as one without divided cells or reports", () => {
    // Version 1 had no `parts`, and steps had no `reports`.
    const old: Record<string, unknown> = { ...plan, schemaVersion: 1, steps: plan.steps.map((step) => Object.fromEntries(Object.entries(step).filter(([key]) => key !== "reports"))) };
    delete old.parts;
    const parsed = splitPlanSchema.parse(old);
    assert.deepEqual(parsed.parts, []);
    assert.ok(parsed.steps.every((step) => step.reports.length === 0));
  });

  it("rejects an input with both a source step and a param", () => {
    const step = plan.steps[1];
    assert.ok(step);
    const broken = { ...plan, steps: [{ ...step, inputs: [{ name: "x", fromStep: "load_data", param: "x" }] }] };
    assert.equal(splitPlanSchema.safeParse(broken).success, false);
  });

  it("exports a JSON Schema that requires the plan's sections", () => {
    const schema = splitPlanJsonSchema() as { required?: string[]; properties?: Record<string, unknown> };
    for (const key of ["schemaVersion", "steps", "excluded", "params", "shared", "warnings"]) {
      assert.ok(schema.required?.includes(key), key);
    }
    assert.deepEqual(schema.properties?.schemaVersion, { anyOf: [{ type: "number", const: 1 }, { type: "number", const: 2 }] });
  });
});

describe("formatPlan", () => {
  const text = formatPlan(plan, "demo.ipynb");

  it("says what the plan is in one line, then how the steps were cut", () => {
    assert.match(text, /^Plan for demo\.ipynb: 2 steps, 1 cell left out, 2 params\.\nThe notebook has no step markers or headings/);
  });

  it("writes params as Python values", () => {
    assert.match(text, /\n {2}alpha: int = 1\n {2}flags: list\[bool\] = \[True, False\]\n/);
  });

  it("lists each step with its cells, rationale, inputs and outputs", () => {
    assert.match(text, /\n {2}2\. train_model \[training\] cell 4\n {5}The notebook moves from ingestion to training here;/);
    assert.match(text, /\n {5}takes: alpha: int \(param\), df \(from load_data\)\n/);
    assert.match(text, /\n {5}hands on: df\n/);
  });

  it("says why each left-out cell is left out", () => {
    assert.match(text, /\nLeft out:\n {2}cell 3: It shows the data \(df\.head, line 1\)/);
  });

  it("writes imports as Python statements", () => {
    assert.equal(importStatement({ module: "a.b", alias: "c" }), "import a.b as c");
    assert.equal(importStatement({ module: "a", name: "b", alias: "c" }), "from a import b as c");
  });
});
