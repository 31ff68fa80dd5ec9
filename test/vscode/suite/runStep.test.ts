// Run Step (issue 14, item 4) in the real VS Code, on a pipeline generated from the
// example notebook with the test venv's Python: the step of a Pipeline view item or of
// a right-clicked cell runs alone as a task (`python -m <package> step NAME`) on the
// artifacts of the newest successful run; a step that reads earlier outputs refuses to
// run before any run, with exit code 2; a step the generated pipeline does not have
// (renamed since) is refused with the reason; a step whose cells changed since runs the
// generated code, and says which cells; step runs record no pipeline run.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import { readProjectManifest } from "../../../src/core/verify/readProjectManifest";
import type { GenerationResult } from "../../../src/extension/generate/generatePipelineCommand";
import type { StepRunStart } from "../../../src/extension/commands/runStep";
import type { PipelineNode } from "../../../src/extension/views/pipelineTree";
import { activateExtension, openNotebookCopy, waitFor, workspaceRoot } from "./helpers";

const CLASSIFIER = "iris_classifier.ipynb";
const LOAD_CELL = 3;

type Api = Awaited<ReturnType<typeof activateExtension>>;

function stepNode(api: Api, notebook: vscode.Uri, name: string): Extract<PipelineNode, { kind: "step" }> | undefined {
  for (const root of api.pipelineTree.getChildren()) {
    const stepsNode = api.pipelineTree.getChildren(root).find((node) => node.kind === "steps");
    if (stepsNode === undefined) continue;
    for (const node of api.pipelineTree.getChildren(stepsNode)) {
      if (node.kind === "step" && node.step.name === name && node.analysis.notebookUri.toString() === notebook.toString()) return node;
    }
  }
  return undefined;
}

async function runStep(arg: unknown): Promise<StepRunStart> {
  const start = await vscode.commands.executeCommand<StepRunStart | undefined>("nb2prod.runStep", arg);
  assert.ok(start, "Run Step started nothing (see the nb2prod log)");
  return start;
}

function listing(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

/** `python -m <package>` once, as a pipeline run from a terminal would (asynchronous: the extension host must not block). */
async function runPipeline(python: string, project: string, runsDir: string): Promise<{ code: number | null; output: string }> {
  const { package: packageName } = await readProjectManifest(new NodeFileSystem(), project);
  return new Promise((resolve) => {
    const env = { ...process.env, NB2PROD_RUNS_DIR: runsDir, PYTHONPATH: join(project, "src"), MPLBACKEND: "Agg" };
    const child = spawn(python, ["-m", packageName], { cwd: project, env });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => {
      resolve({ code, output });
    });
  });
}

suite("Run Step", () => {
  test("runs one step of the generated pipeline on the newest successful run's artifacts, from a step item and from a cell", async function () {
    const python = process.env.NB2PROD_TEST_PYTHON;
    if (python === undefined || python === "") {
      this.skip(); // The harness sets it when the test venv exists (npm run python-env).
    }
    this.timeout(900_000);
    const api = await activateExtension();
    const configuration = vscode.workspace.getConfiguration("nb2prod");
    await configuration.update("pythonInterpreter", python, vscode.ConfigurationTarget.Global);
    try {
      const editor = await openNotebookCopy(CLASSIFIER);
      const notebook = editor.notebook.uri;
      const generated = await vscode.commands.executeCommand<GenerationResult | undefined>("nb2prod.generatePipeline", undefined, { confirm: false });
      assert.ok(generated?.applied, "the pipeline was generated (see the nb2prod log)");
      const project = generated.projectDir;
      const runsDir = join(workspaceRoot(), ".nb2prod", "runs");
      const stepRuns = join(workspaceRoot(), ".nb2prod", "step-runs");
      const train = await waitFor("the Pipeline view's train step", () => stepNode(api, notebook, "train"));

      // Before any run: a step that reads earlier outputs cannot start (exit 2, the terminal says why).
      const early = await runStep(train);
      assert.equal(early.step, "train");
      assert.equal(early.project, project);
      assert.equal(early.runsDir, runsDir);
      assert.equal(await early.ended, 2);

      // The first step needs no run; the right-clicked cell's Uri names its step.
      const load = await runStep(editor.notebook.cellAt(LOAD_CELL).document.uri);
      assert.equal(load.step, "load_the_data");
      assert.equal(await load.ended, 0, "python -m <package> step load_the_data exits with 0 (see the task's terminal)");
      assert.ok(listing(stepRuns).some((name) => name.startsWith("load_the_data-")), listing(stepRuns).join(", "));

      // After a pipeline run, the step runs on that run's artifacts and records no run of its own.
      const pipeline = await runPipeline(python, project, runsDir);
      assert.equal(pipeline.code, 0, pipeline.output);
      const runs = listing(runsDir);
      const trained = await runStep(train);
      assert.equal(await trained.ended, 0, "python -m <package> step train exits with 0 (see the task's terminal)");
      const trainRun = listing(stepRuns).filter((name) => name.startsWith("train-")).pop();
      assert.ok(trainRun, listing(stepRuns).join(", "));
      assert.ok(listing(join(stepRuns, trainRun, "train")).some((name) => name.startsWith("model-")), "the step's model is saved");
      assert.deepEqual(listing(runsDir), runs, "a step run records no pipeline run");

      // A cell of the step edited since generation (unsaved): the user is told the generated code runs (tests skip the question).
      const trainCell = editor.notebook.getCells().find((cell) => cell.document.getText().includes(".fit("));
      assert.ok(trainCell, "the training cell");
      const edit = new vscode.WorkspaceEdit();
      edit.insert(trainCell.document.uri, new vscode.Position(0, 0), "# tuned by hand\n");
      assert.ok(await vscode.workspace.applyEdit(edit));
      const edited = await waitFor("the train step after the edit", () => stepNode(api, notebook, "train"));
      const stale = await vscode.commands.executeCommand<StepRunStart | undefined>("nb2prod.runStep", edited, { confirm: false });
      assert.ok(stale);
      assert.deepEqual(stale.changedCells, [trainCell.index + 1]);
      assert.equal(await stale.ended, 0);
      assert.deepEqual(trained.changedCells, [], "the step was in sync before the edit");

      // A step renamed since generation is not in the generated pipeline: refused, nothing runs.
      const renamed = await vscode.commands.executeCommand("nb2prod.renameStep", train, "fit_classifier");
      assert.ok(renamed, "the step was renamed");
      const fit = await waitFor("the renamed step", () => stepNode(api, notebook, "fit_classifier"));
      assert.equal(await vscode.commands.executeCommand("nb2prod.runStep", fit), undefined);
    } finally {
      await configuration.update("pythonInterpreter", undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
