// The order the flow runs steps in (issue 13): waves of steps no data passes between,
// never reordered across the flow's checks, file-writing steps or the quality gates.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stepWaves } from "../../../src/core/codegen/python/printers/flowPrinter";
import type { StepStructure } from "../../../src/core/codegen/python/structures";
import { resolveTypeHint } from "../../../src/core/codegen/python/typeRefs";
import { sampleProject, trainStep } from "./sampleProject";

function step(name: string, stage: string, readsFrom: readonly string[], extra: Partial<StepStructure> = {}): StepStructure {
  return { ...trainStep, name, stage, inputs: readsFrom.map((from) => ({ name: `${from}_out`, fromStep: from, type: resolveTypeHint("pandas.DataFrame") })), reports: [], ...extra };
}

const names = (waves: StepStructure[][]): string[][] => waves.map((wave) => wave.map((one) => one.name));

describe("stepWaves", () => {
  it("puts independent branches in one wave and what reads them in the next, keeping the plan's order within a wave", () => {
    const steps = [step("split", "preprocessing", []), step("forest", "training", ["split"]), step("forest_eval", "evaluation", ["forest"]), step("boosting", "training", ["split"]), step("boosting_eval", "evaluation", ["boosting"])];
    // split is monitored (preprocessing): the flow checks its data before going on.
    assert.deepEqual(names(stepWaves({ ...sampleProject, steps })), [["split"], ["forest", "boosting"], ["forest_eval", "boosting_eval"]]);
  });

  it("never moves a step across a data check, a file-writing step or the quality gates", () => {
    const steps = [
      step("a", "training", []),
      step("save", "training", [], { reports: [{ name: "path", kind: "file", cellId: "c9", line: 1 }] }),
      step("b", "training", []),
      step("c", "evaluation", []),
      step("register", "registration", []),
      step("d", "deployment", []),
    ];
    assert.deepEqual(names(stepWaves({ ...sampleProject, steps })), [["a", "save"], ["b", "c"], ["register", "d"]]);
    const checked = [step("load", "ingestion", []), step("x", "training", []), step("y", "training", [])];
    assert.deepEqual(names(stepWaves({ ...sampleProject, steps: checked, dataChecks: { after: "load", values: [] } })), [["load"], ["x", "y"]]);
  });
});
