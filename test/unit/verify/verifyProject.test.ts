// verifyProject with a scripted runner that plays the harness: what is run where, with
// which environment and timeout, and how runs that fail, crash or time out are reported.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryFileSystem } from "../../../src/core/memoryFileSystem";
import type { ProcessOptions, ProcessResult, ProcessRunner } from "../../../src/core/ports";
import type { ScratchDir, ScratchSpace } from "../../../src/core/verify/scratchSpace";
import { verifyProject } from "../../../src/core/verify/verifyProject";
import { VerifySetupError } from "../../../src/core/verify/verifySetupError";
import { notebookOk, pipelineOk, sampleManifest } from "./verifySamples";

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { language: "python" } },
  cells: [
    { cell_type: "code", id: "load", source: "df = load()", metadata: {}, outputs: [], execution_count: null },
    { cell_type: "code", id: "features", source: "X, y = split(df)", metadata: {}, outputs: [], execution_count: null },
    { cell_type: "code", id: "train", source: "model = fit(X, y, alpha)", metadata: {}, outputs: [], execution_count: null },
  ],
};

class MemoryScratch implements ScratchSpace, ScratchDir {
  readonly path = "/tmp/nb2prod-verify-test";
  readonly files = new Map<string, string>();
  created = 0;
  removed = 0;

  create(): Promise<ScratchDir> {
    this.created += 1;
    return Promise.resolve(this);
  }
  write(relativePath: string, text: string): Promise<void> {
    this.files.set(relativePath, text);
    return Promise.resolve();
  }
  read(relativePath: string): Promise<string | undefined> {
    return Promise.resolve(this.files.get(relativePath));
  }
  remove(): Promise<void> {
    this.removed += 1;
    this.files.clear();
    return Promise.resolve();
  }
}

interface Call {
  readonly program: string;
  readonly args: readonly string[];
  readonly options: ProcessOptions | undefined;
}

type Script = (phase: string, scratch: MemoryScratch) => Partial<ProcessResult>;

/** Answers the version probe, then plays each harness phase as `script` says. */
class ScriptedRunner implements ProcessRunner {
  readonly calls: Call[] = [];
  constructor(
    private readonly scratch: MemoryScratch,
    private readonly script: Script,
  ) {}

  run(program: string, args: readonly string[], options?: ProcessOptions): Promise<ProcessResult> {
    this.calls.push({ program, args, options });
    const base = { exitCode: 0, stdout: "", stderr: "", timedOut: false };
    if (args[0] === "-c") return Promise.resolve({ ...base, stdout: "3.11.7\n" });
    return Promise.resolve({ ...base, ...this.script(args[1] ?? "", this.scratch) });
  }
}

const compareAllEqual = {
  phase: "compare",
  steps: { load: { df: { status: "equal", detail: "" } }, features: { X: { status: "equal", detail: "" }, y: { status: "equal", detail: "" } }, train: { model: { status: "equal", detail: "" } } },
};

const harnessThatWorks: Script = (phase, scratch) => {
  const results: Record<string, unknown> = { notebook: notebookOk(), pipeline: pipelineOk(), compare: compareAllEqual };
  scratch.files.set(`${phase}.json`, JSON.stringify(results[phase]));
  return {};
};

function setup(script: Script, now?: () => number): { scratch: MemoryScratch; runner: ScriptedRunner; run: () => ReturnType<typeof verifyProject> } {
  const fs = new MemoryFileSystem({ "/work/nb/sample.ipynb": JSON.stringify(NOTEBOOK), "/work/p/nb2prod.json": JSON.stringify(sampleManifest()) });
  const scratch = new MemoryScratch();
  const runner = new ScriptedRunner(scratch, script);
  const request = { notebookPath: "/work/nb/sample.ipynb", projectDir: "/work/p", python: "/venv/bin/python", timeoutMs: 60_000 };
  return { scratch, runner, run: () => verifyProject(request, { fs, runner, scratch, ...(now && { now }) }) };
}

describe("verifyProject", () => {
  it("runs the three harness phases with the chosen python, in the notebook's folder, with the Agg backend", async () => {
    const { scratch, runner, run } = setup(harnessThatWorks);
    const report = await run();
    assert.equal(report.status, "equal");
    assert.deepEqual(runner.calls.map((call) => call.args[1]), ["import sys; print('%d.%d.%d' % sys.version_info[:3])", "notebook", "pipeline", "compare"]);
    for (const call of runner.calls.slice(1)) {
      assert.equal(call.program, "/venv/bin/python");
      assert.deepEqual(call.args, ["/tmp/nb2prod-verify-test/harness/nb2prod_verify.py", call.args[1], "/tmp/nb2prod-verify-test/input.json"]);
      assert.equal(call.options?.cwd, "/work/nb");
      assert.equal(call.options.env?.MPLBACKEND, "Agg");
      assert.equal(call.options.env.PYTHONDONTWRITEBYTECODE, "1");
      assert.ok((call.options.timeoutMs ?? 0) > 0 && (call.options.timeoutMs ?? 0) <= 60_000);
    }
    assert.deepEqual(report.python, { executable: "/venv/bin/python", version: "3.11.7" });
    assert.deepEqual([scratch.created, scratch.removed], [1, 1]);
  });

  it("writes the harness and its input into the scratch folder only", async () => {
    let written: string[] = [];
    let input: unknown;
    const { run } = setup((phase, scratch) => {
      if (phase === "notebook") {
        written = [...scratch.files.keys()];
        input = JSON.parse(scratch.files.get("input.json") ?? "null");
      }
      return harnessThatWorks(phase, scratch);
    });
    await run();
    assert.ok(written.includes("harness/nb2prod_verify.py") && written.includes("harness/nb2prod_equality.py"));
    assert.ok(written.every((path) => path.startsWith("harness/") || path === "input.json"), written.join(", "));
    assert.deepEqual((input as { project: unknown }).project, { srcDir: "/work/p/src", paramsFile: "/work/p/params.yaml" });
  });

  it("reports a harness that dies without a result as crashed, with the end of its output", async () => {
    const { run } = setup((phase, scratch) => (phase === "notebook" ? { exitCode: 1, stderr: "Traceback (most recent call last):\nImportError: no numpy\n" } : harnessThatWorks(phase, scratch)));
    const report = await run();
    assert.equal(report.status, "failed");
    assert.equal(report.notebookRun.status, "crashed");
    assert.equal(report.notebookRun.message, "the notebook run exited with code 1 without a result: ImportError: no numpy");
    assert.match(report.notebookRun.outputTail ?? "", /ImportError: no numpy$/);
  });

  it("gives each phase what is left of the overall timeout, and skips the pipeline once it is used up", async () => {
    let clock = 0;
    const { runner, run } = setup((phase, scratch) => {
      scratch.files.set(`${phase}.progress.json`, JSON.stringify({ cell: { number: 2, id: "features" } }));
      clock += 60_000;
      return { exitCode: undefined, timedOut: true };
    }, () => clock);
    const report = await run();
    assert.deepEqual(runner.calls.map((call) => call.args[1]).slice(1), ["notebook"]);
    assert.equal(report.notebookRun.status, "timed-out");
    assert.deepEqual(report.notebookRun.cell, { number: 2, id: "features" });
    assert.equal(report.pipelineRun.status, "not-run");
    assert.equal(report.seconds, 60);
  });

  it("removes the scratch folder when something throws", async () => {
    const { scratch, run } = setup(() => {
      throw new Error("runner broke");
    });
    await assert.rejects(run(), /runner broke/);
    assert.deepEqual([scratch.created, scratch.removed], [1, 1]);
  });

  it("checks the interpreter before creating anything", async () => {
    const { scratch, runner, run } = setup(harnessThatWorks);
    runner.run = () => Promise.resolve({ exitCode: undefined, stdout: "", stderr: "", timedOut: false, startError: { code: "ENOENT", message: "spawn ENOENT" } });
    await assert.rejects(run(), (error: unknown) => error instanceof VerifySetupError && /Cannot run the Python interpreter "\/venv\/bin\/python"/.test(error.message));
    assert.equal(scratch.created, 0);
  });

  it("refuses an interpreter older than Python 3.9", async () => {
    const { runner, run } = setup(harnessThatWorks);
    runner.run = () => Promise.resolve({ exitCode: 0, stdout: "3.7.9\n", stderr: "", timedOut: false });
    await assert.rejects(run(), /"\/venv\/bin\/python" is Python 3\.7\.9; nb2prod verify needs 3\.9 or newer/);
  });
});
