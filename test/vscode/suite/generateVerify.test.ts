// Generate and verify from the editor, in the real VS Code: files appear where the CLI
// would put them, user edits survive a second generation, undo puts files back, and
// verify refuses to run where it must not. The commands get {confirm: false} (their
// internal test option) so no preview or dialog waits for a click.
import * as assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import type { GenerationResult } from "../../../src/extension/generate/generatePipelineCommand";
import type { UndoResult } from "../../../src/extension/generate/undoGenerationCommand";
import type { VerifyCommandResult } from "../../../src/extension/verify/verifyPipelineCommand";
import type { DriftCommandResult } from "../../../src/extension/generate/checkDriftCommand";
import { activateExtension, openNotebookCopy, waitFor, workspaceRoot } from "./helpers";

const DIABETES = "diabetes_regression.ipynb";
const NO_CONFIRM = { confirm: false };

async function generate(options: object = NO_CONFIRM): Promise<GenerationResult> {
  const result = await vscode.commands.executeCommand<GenerationResult | undefined>("nb2prod.generatePipeline", undefined, options);
  assert.ok(result, "generate returned no result (see the nb2prod log)");
  return result;
}

function stemOf(editor: vscode.NotebookEditor): string {
  return editor.notebook.uri.path.split("/").pop()?.replace(/\.ipynb$/, "") ?? "";
}

function manifestOf(projectDir: string): { notebook: string; steps: { name: string; cellIds: string[] }[] } {
  return JSON.parse(readFileSync(join(projectDir, "nb2prod.json"), "utf8")) as { notebook: string; steps: { name: string; cellIds: string[] }[] };
}

/** Replaces the text of a code cell without saving: the notebook becomes dirty. */
async function editCell(editor: vscode.NotebookEditor, index: number, text: string): Promise<void> {
  const document = editor.notebook.cellAt(index).document;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

function codeCellIndex(editor: vscode.NotebookEditor, startsWith: string): number {
  const cell = editor.notebook.getCells().find((candidate) => candidate.document.getText().startsWith(startsWith));
  assert.ok(cell, `no cell starts with ${startsWith}`);
  return cell.index;
}

suite("generate pipeline", () => {
  test("writes the project of the live notebook (unsaved edits included) into <outputFolder>/<stem>, with the Pipeline view's steps", async () => {
    const api = await activateExtension();
    const editor = await openNotebookCopy(DIABETES);
    // An unsaved step marker: what is generated must follow the live document, not the file.
    const train = editor.notebook.cellAt(codeCellIndex(editor, "regressor = Ridge"));
    await vscode.commands.executeCommand("nb2prod.startStepHere", train, "fit_model");
    assert.equal(editor.notebook.isDirty, true);

    const result = await generate();
    const expectedDir = join(workspaceRoot(), api.settings().outputFolder, stemOf(editor));
    assert.equal(result.projectDir, expectedDir);
    assert.equal(result.applied, true);
    assert.deepEqual(result.conflicts, []);
    for (const path of ["nb2prod.json", "README.md", "pyproject.toml", "params.yaml"]) {
      assert.ok(result.written.includes(path), `${path} not written: ${result.written.join(", ")}`);
      assert.ok(existsSync(join(expectedDir, path)), `${path} is not on disk`);
    }
    const manifest = manifestOf(expectedDir);
    assert.equal(manifest.notebook, `${stemOf(editor)}.ipynb`);
    assert.ok(manifest.steps.some((step) => step.name === "fit_model"), "the unsaved step marker is in the project");
    const [root] = api.pipelineTree.getChildren();
    assert.ok(root);
    const stepsNode = api.pipelineTree.getChildren(root).find((node) => node.kind === "steps");
    assert.ok(stepsNode);
    const shown = api.pipelineTree.getChildren(stepsNode).map((node) => (node.kind === "step" ? node.step.name : ""));
    assert.deepEqual(manifest.steps.map((step) => step.name), shown, "the project has the steps the Pipeline view shows");
  });

  test("a credential in a cell is read from the environment, written nowhere, and a diagnostic on the cell says so", async () => {
    await activateExtension();
    const editor = await openNotebookCopy(DIABETES);
    const index = codeCellIndex(editor, "regressor = Ridge");
    const original = editor.notebook.cellAt(index).document.getText();
    await editCell(editor, index, `${original}\ndb_password = "hunter2-editor-test"\nprint(len(db_password))`);
    const result = await generate();
    for (const path of result.written) assert.ok(!readFileSync(join(result.projectDir, path), "utf8").includes("hunter2-editor-test"), `${path} holds the credential`);
    const cellUri = editor.notebook.cellAt(index).document.uri;
    const diagnostic = await waitFor("a credential diagnostic on the cell", () => vscode.languages.getDiagnostics(cellUri).find((candidate) => candidate.code === "secret"));
    assert.match(diagnostic.message, /environment variable DB_PASSWORD/);
    assert.equal(diagnostic.range.start.line, original.split("\n").length);
  });

  test("a second generate reports a file the user changed as a conflict and leaves it alone", async () => {
    const editor = await openNotebookCopy(DIABETES);
    const first = await generate();
    const trainModule = first.written.find((path) => path.endsWith("steps/train.py"));
    assert.ok(trainModule, first.written.join(", "));
    const target = join(first.projectDir, trainModule);
    const mine = `${readFileSync(target, "utf8")}\n# my own change\n`;
    writeFileSync(target, mine);

    await editCell(editor, codeCellIndex(editor, "regressor = Ridge"), "regressor = Ridge(alpha=alpha * 2)\nregressor.fit(X_train, y_train)");
    const second = await generate();
    assert.deepEqual(second.conflicts.map((conflict) => conflict.path), [trainModule]);
    assert.match(second.conflicts[0]?.reason ?? "", /you changed the file/);
    assert.equal(readFileSync(target, "utf8"), mine, "the user's file is untouched");
    assert.ok(second.unchanged.includes("params.yaml"), "files that did not change are left as they are");
  });

  test("Undo Last Generation puts regenerated files back and deletes the files it created", async () => {
    const editor = await openNotebookCopy(DIABETES);
    const first = await generate();
    const snapshot = new Map(first.written.map((path) => [path, readFileSync(join(first.projectDir, path), "utf8")]));

    await editCell(editor, codeCellIndex(editor, "regressor = Ridge"), "regressor = Ridge(alpha=alpha / 2)\nregressor.fit(X_train, y_train)");
    const second = await generate();
    assert.ok(second.written.length > 0 && second.written.every((path) => snapshot.has(path)), `regenerated: ${second.written.join(", ")}`);
    const undoSecond = await vscode.commands.executeCommand<UndoResult>("nb2prod.undoGeneration");
    assert.deepEqual([...undoSecond.reverted].sort(), [...second.written].sort());
    for (const path of second.written) assert.equal(readFileSync(join(first.projectDir, path), "utf8"), snapshot.get(path), `${path} is restored`);

    // Only the latest generation can be undone, once.
    assert.equal(await vscode.commands.executeCommand("nb2prod.undoGeneration"), undefined);

    const third = await generate();
    assert.ok(third.written.length > 0);
    await vscode.commands.executeCommand<UndoResult>("nb2prod.undoGeneration");
    const restored = third.written.filter((path) => readFileSync(join(first.projectDir, path), "utf8") === snapshot.get(path));
    assert.deepEqual(restored, third.written);

    const fresh = await openNotebookCopy(DIABETES);
    const created = await generate();
    assert.ok(created.written.length > 5);
    const undone = await vscode.commands.executeCommand<UndoResult>("nb2prod.undoGeneration");
    assert.equal(undone.reverted.length, created.written.length);
    await waitFor("the created files to be deleted", () => (created.written.some((path) => existsSync(join(created.projectDir, path))) ? undefined : true));
    assert.equal(existsSync(created.projectDir), false, "the folders the generation created are gone too");
    assert.ok(fresh.notebook.uri.fsPath.endsWith(".ipynb"));
  });

  test("in an untrusted workspace no interpreter is asked, and the result says the dependencies are unpinned", async () => {
    await openNotebookCopy(DIABETES);
    const result = await generate({ confirm: false, assumeUntrusted: true });
    assert.match(result.unpinnedReason ?? "", /not trusted/);
    assert.ok(result.written.includes("pyproject.toml"));
  });
});

suite("check pipeline drift", () => {
  test("after an unsaved edit of a cell of the live notebook, reports that cell's step stale, naming the cell", async () => {
    const editor = await openNotebookCopy(DIABETES);
    await generate();
    const inSync = await vscode.commands.executeCommand<DriftCommandResult>("nb2prod.checkDrift");
    assert.ok(inSync.kind === "checked", JSON.stringify(inSync));
    assert.equal(inSync.report.status, "in-sync");

    const index = codeCellIndex(editor, "regressor = Ridge");
    await editCell(editor, index, "regressor = Ridge(alpha=alpha * 3)\nregressor.fit(X_train, y_train)");
    const result = await vscode.commands.executeCommand<DriftCommandResult>("nb2prod.checkDrift");
    assert.ok(result.kind === "checked", JSON.stringify(result));
    assert.equal(result.report.status, "drifted");
    const train = result.report.steps.find((step) => step.name === "train");
    assert.equal(train?.status, "stale", JSON.stringify(result.report.steps));
    assert.deepEqual(train.changedCells.map((cell) => cell.number), [index + 1]);
  });
});

suite("verify pipeline", () => {
  test("refuses to run in an untrusted workspace and says why", async () => {
    await openNotebookCopy(DIABETES);
    const result = await vscode.commands.executeCommand<VerifyCommandResult>("nb2prod.verifyPipeline", undefined, { assumeUntrusted: true });
    assert.ok(result.kind === "blocked", JSON.stringify(result));
    assert.equal(result.reason, "untrusted");
    assert.match(result.message, /trusted workspace.*Trust this folder/);
  });

  test("without a generated project, says so and offers to generate", async () => {
    await openNotebookCopy(DIABETES);
    const result = await vscode.commands.executeCommand<VerifyCommandResult>("nb2prod.verifyPipeline", undefined, NO_CONFIRM);
    assert.equal(result.kind === "blocked" ? result.reason : result.kind, "no-project");
    assert.match(result.kind === "blocked" ? result.message : "", /no generated pipeline.*Generate it first/);
  });

  test("runs the notebook and the generated pipeline in Python and shows each step's result in the Pipeline view", async function () {
    const python = process.env.NB2PROD_TEST_PYTHON;
    if (python === undefined || python === "") {
      this.skip(); // The harness sets it when the test venv exists (npm run python-env).
    }
    this.timeout(240_000);
    const api = await activateExtension();
    const configuration = vscode.workspace.getConfiguration("nb2prod");
    await configuration.update("pythonInterpreter", python, vscode.ConfigurationTarget.Global);
    try {
      const editor = await openNotebookCopy(DIABETES);
      await generate();
      const result = await vscode.commands.executeCommand<VerifyCommandResult>("nb2prod.verifyPipeline", undefined, NO_CONFIRM);
      assert.ok(result.kind === "verified", JSON.stringify(result));
      assert.equal(result.report.notebookRun.status, "ok");
      assert.equal(result.report.pipelineRun.status, "ok");
      assert.ok(["equal", "not-comparable"].includes(result.report.status), result.report.status);
      assert.equal(result.report.steps.find((step) => step.name === "train")?.status, "equal");
      assert.ok(api.pipelineTree.getChildren().length > 0);
      const [root] = api.pipelineTree.getChildren();
      assert.ok(root);
      const stepsNode = api.pipelineTree.getChildren(root).find((node) => node.kind === "steps");
      assert.ok(stepsNode);
      const train = api.pipelineTree.getChildren(stepsNode).find((node) => node.kind === "step" && node.step.name === "train");
      assert.ok(train);
      assert.match(String(api.pipelineTree.getTreeItem(train).description), /verify: equal/);
      assert.ok(editor.notebook.uri.fsPath.startsWith(workspaceRoot()));
    } finally {
      await configuration.update("pythonInterpreter", undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
