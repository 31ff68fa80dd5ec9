// End to end: the projects generated for the examples pass the checks their CI runs
// (ruff, mypy, pytest) in the pinned test venv, and the flow runs under Prefect, twice:
// the second run reuses every step from the cache.
import * as assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { before, describe, it } from "node:test";
import { generateCommand } from "../../../src/cli/commands/generateCommand";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import { NodeProcessRunner } from "../../../src/core/nodeProcessRunner";
import { NodeScratchSpace } from "../../../src/core/verify/nodeScratchSpace";
import { verifyProject } from "../../../src/core/verify/verifyProject";
import { writePercentScript } from "../../eval/percentScript";
import { checkFlow, checkMypy, checkPytest, checkRuff } from "./generatedChecks";
import { REPO_ROOT, ensurePythonEnv } from "./pythonEnvHandle";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

function lastRunEvents(project: string): { type?: string; cacheHit?: boolean; status?: string }[] {
  const runsDir = join(project, ".nb2prod", "runs");
  const last = readdirSync(runsDir).sort().pop() ?? assert.fail("no run recorded");
  return readFileSync(join(runsDir, last, "events.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type?: string });
}

for (const [example, pkg] of [["iris_classifier", "iris_classifier"], ["diabetes_regression", "diabetes_regression"]] as const) {
  describe(`generated project for examples/${example}.ipynb`, { timeout: FIFTEEN_MINUTES }, () => {
    let python = "";
    const project = join(mkdtempSync(join(tmpdir(), "nb2prod-e2e-")), example);
    before(async () => {
      python = (await ensurePythonEnv()).python;
      let output = "";
      const code = await generateCommand.run([join(REPO_ROOT, "examples", `${example}.ipynb`), "--out", project, "--python", python], { out: (text) => (output += text), err: (text) => (output += text) });
      assert.equal(code, 0, output);
      assert.doesNotMatch(output, /unpinned/);
    }, { timeout: FIFTEEN_MINUTES });

    it("passes ruff check", { timeout: FIFTEEN_MINUTES }, () => {
      const result = checkRuff(python, project);
      assert.ok(result.ok, result.reason);
    });

    it("passes mypy", { timeout: FIFTEEN_MINUTES }, () => {
      const result = checkMypy(python, project);
      assert.ok(result.ok, result.reason);
    });

    it("passes its own pytest suite, equivalence with the notebook included", { timeout: FIFTEEN_MINUTES }, () => {
      const result = checkPytest(python, project);
      assert.ok(result.ok, result.reason);
    });

    it("runs under Prefect, then re-runs from the cache", { timeout: FIFTEEN_MINUTES }, () => {
      const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-e2e-prefect-"));
      const first = checkFlow(python, project, pkg, prefectHome);
      assert.ok(first.ok, first.reason);
      const steps = lastRunEvents(project).filter((event) => event.type === "step_finished");
      assert.ok(steps.length > 0 && steps.every((event) => event.status === "completed" && event.cacheHit === false));
      assert.ok(lastRunEvents(project).some((event) => event.type === "artifact"));
      const second = checkFlow(python, project, pkg, prefectHome);
      assert.ok(second.ok, second.reason);
      const cached = lastRunEvents(project).filter((event) => event.type === "step_finished");
      assert.ok(cached.length > 0 && cached.every((event) => event.cacheHit === true), JSON.stringify(cached));
    });
  });
}

// A percent script works end to end like a notebook: its project's tests pass (the
// equivalence test runs the program generate wrote, no .ipynb needed), `verify` finds
// every step equal, and the flow run keeps what the notebook showed and drew: metrics,
// a report and the residual plot as a PNG named after its step and cell.
describe("generated project for examples/diabetes_regression.ipynb written as a percent script", { timeout: FIFTEEN_MINUTES }, () => {
  let python = "";
  const folder = mkdtempSync(join(tmpdir(), "nb2prod-e2e-percent-"));
  const project = join(folder, "project");
  let script = "";
  before(async () => {
    python = (await ensurePythonEnv()).python;
    script = writePercentScript(join(REPO_ROOT, "examples", "diabetes_regression.ipynb"), folder);
    let output = "";
    const code = await generateCommand.run([script, "--out", project, "--python", python], { out: (text) => (output += text), err: (text) => (output += text) });
    assert.equal(code, 0, output);
  }, { timeout: FIFTEEN_MINUTES });

  it("passes ruff, mypy and its own pytest suite, equivalence included", { timeout: FIFTEEN_MINUTES }, () => {
    for (const result of [checkRuff(python, project), checkMypy(python, project), checkPytest(python, project)]) assert.ok(result.ok, result.reason);
  });

  it("verifies equal at every step", { timeout: FIFTEEN_MINUTES }, async () => {
    const report = await verifyProject(
      { notebookPath: script, projectDir: project, python, timeoutMs: FIFTEEN_MINUTES },
      { fs: new NodeFileSystem(), runner: new NodeProcessRunner(), scratch: new NodeScratchSpace() },
    );
    assert.equal(report.status, "equal", JSON.stringify(report.steps.filter((step) => step.status !== "equal")));
  });

  it("keeps the shown metrics and the drawn figure in the run's events and artifacts", { timeout: FIFTEEN_MINUTES }, () => {
    const run = checkFlow(python, project, "diabetes_regression");
    assert.ok(run.ok, run.reason);
    const events = lastRunEvents(project) as { type?: string; name?: string; kind?: string; path?: string; step?: string }[];
    const metrics = events.filter((event) => event.type === "metric").map((event) => event.name);
    assert.ok(metrics.includes("mae") && metrics.includes("r2"), JSON.stringify(metrics));
    const figures = events.filter((event) => event.type === "artifact" && event.kind === "figure");
    assert.equal(figures.length, 1, JSON.stringify(figures));
    const png = figures[0]?.path ?? "";
    assert.match(basename(png), new RegExp(`^${figures[0]?.step ?? "?"}__figures_cell_\\d+_1-[0-9a-f]{16}\\.png$`));
    assert.deepEqual([...readFileSync(png).subarray(1, 4)], [...Buffer.from("PNG")]);
  });
});
