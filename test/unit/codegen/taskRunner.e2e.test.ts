// Scale-out on Dask (issue 13), end to end: a notebook whose plan has independent
// branches (three models trained on one split) runs with `--task-runner dask` on a local
// Dask cluster; its run events show the independent training steps running at the same
// time, and the run completes with every step's artifacts and metrics recorded by the
// flow. With Prefect's default runner the same steps run one after another.
import * as assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { generateCommand } from "../../../src/cli/commands/generateCommand";
import { runTool } from "./generatedChecks";
import { ensurePythonEnv, REPO_ROOT } from "./pythonEnvHandle";

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const NOTEBOOK = join(REPO_ROOT, "test", "fixtures", "scaleout", "three_models.ipynb");

interface Event {
  readonly type: string;
  readonly step?: string;
  readonly ts: string;
  readonly status?: string;
  readonly name?: string;
}

function lastRun(runsDir: string): Event[] {
  const runId = readdirSync(runsDir).sort().pop() ?? assert.fail("no run recorded");
  return readFileSync(join(runsDir, runId, "events.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as Event);
}

function interval(events: readonly Event[], step: string): [number, number] {
  const started = events.find((event) => event.type === "step_started" && event.step === step);
  const finished = events.find((event) => event.type === "step_finished" && event.step === step);
  assert.ok(started && finished, `${step} has no start or end`);
  assert.equal(finished.status, "completed", step);
  return [Date.parse(started.ts), Date.parse(finished.ts)];
}

describe("three_models.ipynb on a Dask cluster", { timeout: FIFTEEN_MINUTES }, () => {
  let python = "";
  const project = join(mkdtempSync(join(tmpdir(), "nb2prod-dask-")), "three_models");
  before(async () => {
    python = (await ensurePythonEnv()).python;
    let output = "";
    const code = await generateCommand.run([NOTEBOOK, "--out", project, "--python", python], { out: (text) => (output += text), err: (text) => (output += text) });
    assert.equal(code, 0, output);
  }, { timeout: FIFTEEN_MINUTES });

  for (const runner of ["threads", "dask"] as const) {
    it(`runs with --task-runner ${runner}: ${runner === "dask" ? "the independent training steps at the same time" : "one step after another"}`, { timeout: FIFTEEN_MINUTES }, () => {
      const state = mkdtempSync(join(tmpdir(), `nb2prod-dask-${runner}-`));
      const runsDir = join(state, "runs");
      const env = { NB2PROD_RUNS_DIR: runsDir, NB2PROD_ARTIFACTS_DIR: join(state, "artifacts"), PREFECT_RESULTS_LOCAL_STORAGE_PATH: join(state, "results"), NB2PROD_TRACKING: "off" };
      const result = runTool(python, project, ["-m", "three_models", "--task-runner", runner, "--refresh-cache"], FIFTEEN_MINUTES, mkdtempSync(join(tmpdir(), "nb2prod-dask-prefect-")), env);
      assert.ok(result.ok, result.reason);
      const events = lastRun(runsDir);
      assert.equal(events[events.length - 1]?.type, "run_finished");
      assert.equal(events[events.length - 1]?.status, "completed");
      const [forestStart, forestEnd] = interval(events, "random_forest");
      const [boostingStart, boostingEnd] = interval(events, "gradient_boosting");
      const overlapped = forestStart < boostingEnd && boostingStart < forestEnd;
      assert.equal(overlapped, runner === "dask", JSON.stringify({ forestStart, forestEnd, boostingStart, boostingEnd }));
      // The flow records every step's artifacts and metrics, wherever the step ran.
      for (const [step, artifact] of [["random_forest", "forest"], ["gradient_boosting", "boosting"], ["logistic_regression", "logistic"]]) {
        assert.ok(events.some((event) => event.type === "artifact" && event.step === step && event.name === artifact), `${step}.${artifact}`);
      }
      for (const metric of ["forest_accuracy", "boosting_accuracy", "logistic_accuracy"]) assert.ok(events.some((event) => event.type === "metric" && event.name === metric), metric);
    });
  }
});
