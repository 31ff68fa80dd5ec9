// nb2prod verify for real: the Python of the test venv runs the fixture notebook and the
// hand-written fixture projects (test/fixtures/verify), and the corpus notebook nb04,
// whose CSV is missing. Each case checks the JSON report and that the project folder
// (and the notebook's folder) are exactly as before.
import * as assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { verifyCommand } from "../../../src/cli/commands/verifyCommand";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import { NodeProcessRunner } from "../../../src/core/nodeProcessRunner";
import { NodeScratchSpace } from "../../../src/core/verify/nodeScratchSpace";
import type { ScratchDir, ScratchSpace } from "../../../src/core/verify/scratchSpace";
import { DEFAULT_VERIFY_TIMEOUT_MS, verifyProject } from "../../../src/core/verify/verifyProject";
import { verifyReportSchema } from "../../../src/core/verify/verifyReport";
import type { StepReport, VerifyReport } from "../../../src/core/verify/verifyReport";
import { corpusDir, FIFTEEN_MINUTES, projectDir, smallNotebookDir, snapshotTree, testPython } from "./verifyTestFiles";

interface Verified {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly seconds: number;
}

async function verify(notebook: string, project: string, python: string, ...extra: string[]): Promise<Verified> {
  let out = "";
  let err = "";
  const io = { out: (text: string) => (out += text), err: (text: string) => (err += text) };
  const started = Date.now();
  const code = await verifyCommand.run([notebook, "--project", project, "--python", python, ...extra], io);
  return { code, out, err, seconds: (Date.now() - started) / 1000 };
}

/** Runs verify --json and checks that nothing in the project or beside the notebook changed. */
async function verifyJson(notebook: string, project: string, python: string, ...extra: string[]): Promise<{ code: number; report: VerifyReport }> {
  const projectBefore = snapshotTree(project);
  const stamp = (path: string): string => `${statSync(path).size} ${statSync(path).mtimeMs}`;
  const notebookFolderBefore = snapshotTree(join(notebook, ".."), stamp);
  const result = await verify(notebook, project, python, "--json", ...extra);
  assert.equal(result.err, "", result.err);
  assert.deepEqual(snapshotTree(project), projectBefore, "verify changed the project folder");
  assert.deepEqual(snapshotTree(join(notebook, ".."), stamp), notebookFolderBefore, "verify changed the notebook's folder");
  return { code: result.code, report: verifyReportSchema.parse(JSON.parse(result.out)) };
}

function step(report: VerifyReport, name: string): StepReport {
  const found = report.steps.find((candidate) => candidate.name === name);
  assert.ok(found, `no step ${name} in the report`);
  return found;
}

const statuses = (report: VerifyReport): Record<string, string> => Object.fromEntries(report.steps.map((entry) => [entry.name, entry.status]));

describe("nb2prod verify with real Python", { timeout: FIFTEEN_MINUTES }, () => {
  const notebook = join(smallNotebookDir, "small.ipynb");
  let python = "";

  before(async () => {
    python = (await testPython()).python;
  });

  it("reports every step equal when the project computes what the notebook does, and the runtime types", async () => {
    const { code, report } = await verifyJson(notebook, projectDir("equal"), python);
    assert.equal(code, 0);
    assert.equal(report.status, "equal");
    assert.deepEqual(statuses(report), { load_data: "equal", build_features: "equal", train_model: "equal" });
    assert.match(report.observedTypes.load_data?.raw ?? "", /^pandas\.(core\.frame\.)?DataFrame$/);
    assert.deepEqual(report.observedTypes.build_features, { X: "numpy.ndarray", y: "numpy.ndarray", summary: "builtins.dict" });
    assert.equal(report.observedTypes.train_model?.model, "sklearn.linear_model._ridge.Ridge");
    const raw = step(report, "load_data").outputs[0];
    assert.deepEqual([raw?.notebook?.shape, raw?.notebook?.columns], [[40, 3], ["x1", "x2", "y"]]);
  });

  it("prints a readable table without --json", async () => {
    const result = await verify(notebook, projectDir("equal"), python);
    assert.equal(result.code, 0);
    assert.match(result.out, /^build_features {2}X +equal +numpy\.ndarray \(40 x 3\)$/m);
    assert.match(result.out, /^Result: equal/m);
  });

  it("reports a step that computes something else as different, with where and by how much", async () => {
    const { code, report } = await verifyJson(notebook, projectDir("different"), python);
    assert.equal(code, 1);
    assert.equal(report.status, "different");
    assert.deepEqual(statuses(report), { load_data: "equal", build_features: "different", train_model: "different" });
    const [x, y] = step(report, "build_features").outputs;
    assert.equal(x?.status, "different");
    assert.match(x.detail ?? "", /^max abs diff [\d.e+-]+ at \[\d+, 2\] \([\d.]+ vs [\d.]+\); 40 of 120 values differ$/);
    assert.equal(y?.status, "equal");
    assert.match(step(report, "train_model").outputs[0]?.detail ?? "", /^model\.coef_: max abs diff/);
  });

  it("names the cell and the error when a notebook cell raises, and still compares the steps before it", async () => {
    const { code, report } = await verifyJson(join(smallNotebookDir, "failing.ipynb"), projectDir("equal"), python);
    assert.equal(code, 1);
    assert.equal(report.status, "failed");
    assert.equal(report.notebookRun.status, "failed");
    assert.deepEqual(report.notebookRun.cell, { number: 5, id: "features" });
    assert.deepEqual([report.notebookRun.error?.type, report.notebookRun.error?.line], ["KeyError", 2]);
    assert.match(report.notebookRun.error?.code ?? "", /raw\["x3"\]/);
    assert.deepEqual(statuses(report), { load_data: "equal", build_features: "failed", train_model: "not-run" });
  });

  it("names the step when a pipeline step raises", async () => {
    const { code, report } = await verifyJson(notebook, projectDir("step-fails"), python);
    assert.equal(code, 1);
    assert.equal(report.pipelineRun.status, "failed");
    assert.equal(report.pipelineRun.step, "train_model");
    assert.equal(report.pipelineRun.error?.type, "ValueError");
    assert.match(report.pipelineRun.error.code ?? "", /model\.fit\(X, y\[:-1\]\)/);
    assert.deepEqual(statuses(report), { load_data: "equal", build_features: "equal", train_model: "failed" });
  });

  it("does not compare matplotlib figures and axes, and says why", async () => {
    const { code, report } = await verifyJson(notebook, projectDir("figure"), python);
    assert.equal(code, 0);
    assert.equal(report.status, "not-comparable");
    const plot = step(report, "plot_fit");
    assert.equal(plot.status, "not-comparable");
    assert.match(plot.reason ?? "", /returns only drawing objects/);
    assert.deepEqual(plot.outputs.map((output) => output.status), ["not-compared", "not-compared"]);
    for (const output of plot.outputs) assert.match(output.detail ?? "", /^matplotlib\.\S+ is a display object/);
    assert.equal(step(report, "train_model").status, "equal");
  });

  it("stops at the timeout, kills the run and says which cell was running", async () => {
    const { code, report } = await verifyJson(join(smallNotebookDir, "slow.ipynb"), projectDir("equal"), python, "--timeout", "5");
    assert.equal(code, 1);
    assert.equal(report.status, "failed");
    assert.equal(report.notebookRun.status, "timed-out");
    assert.deepEqual(report.notebookRun.cell, { number: 2, id: "params" });
    assert.match(report.notebookRun.message ?? "", /^the notebook run was stopped at the timeout, while running cell 2 \(id params\)$/);
    // Not a timing check: the cell sleeps 300 s, so finishing before that means it was killed.
    assert.ok(report.seconds < 300, `took ${report.seconds} s`);
    assert.equal(report.pipelineRun.status, "not-run");
    assert.deepEqual(statuses(report), { load_data: "not-run", build_features: "not-run", train_model: "not-run" });
  });

  it("reports the missing CSV of corpus notebook nb04 cleanly and leaves the corpus folder alone", async () => {
    const nb04 = join(corpusDir, "nb04_07_cross_validation.ipynb");
    const { code, report } = await verifyJson(nb04, projectDir("nb04"), python);
    assert.equal(code, 1);
    assert.equal(report.notebookRun.status, "failed");
    assert.deepEqual(report.notebookRun.cell, { number: 35, id: "84f7bd5b" });
    assert.equal(report.notebookRun.error?.type, "FileNotFoundError");
    assert.match(report.notebookRun.error.lastLine, /^FileNotFoundError: .*'data\/Advertising\.csv'$/);
    assert.equal(step(report, "load_advertising").status, "failed");
  });

  it("removes its scratch folder, which is outside the project", async () => {
    const created: string[] = [];
    const real = new NodeScratchSpace();
    const recording: ScratchSpace = {
      create: async (): Promise<ScratchDir> => {
        const dir = await real.create();
        created.push(dir.path);
        return dir;
      },
    };
    const request = { notebookPath: notebook, projectDir: projectDir("equal"), python, timeoutMs: DEFAULT_VERIFY_TIMEOUT_MS };
    const report = await verifyProject(request, { fs: new NodeFileSystem(), runner: new NodeProcessRunner(), scratch: recording });
    assert.equal(report.status, "equal");
    assert.equal(created.length, 1);
    assert.ok(!(created[0] ?? "").startsWith(projectDir("equal")));
    assert.equal(existsSync(created[0] ?? ""), false);
  });
});
