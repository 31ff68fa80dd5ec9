import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { SplitPlan } from "../../../src/core/planning/splitPlan";
import type { PipelineNode } from "../../../src/extension/views/pipelineTree";
import { activateExtension, jupyterMetadata, openNotebookCopy, undoInNotebook, waitFor } from "./helpers";

// iris_classifier.ipynb: one code cell per section, one step per code cell.
const CLASSIFIER = "iris_classifier.ipynb";
const STEPS = ["load_the_data", "validate", "preprocess", "train", "evaluate", "save_the_model"];
const CELL = { load: 3, validate: 5, preprocess: 7, train: 9, evaluate: 11, save: 13 } as const;

type Api = Awaited<ReturnType<typeof activateExtension>>;

function stepNodes(api: Api): Extract<PipelineNode, { kind: "step" }>[] {
  const [root] = api.pipelineTree.getChildren();
  const stepsNode = root === undefined ? undefined : api.pipelineTree.getChildren(root).find((node) => node.kind === "steps");
  if (stepsNode === undefined) return [];
  return api.pipelineTree.getChildren(stepsNode).flatMap((node) => (node.kind === "step" ? [node] : []));
}

function names(plan: SplitPlan | undefined): string[] {
  return plan?.steps.map((step) => step.name) ?? [];
}

function cellIdsOf(plan: SplitPlan | undefined, step: string): string[] {
  return plan?.steps.find((candidate) => candidate.name === step)?.cellIds ?? [];
}

function jupyterId(editor: vscode.NotebookEditor, index: number): string {
  const id = (editor.notebook.cellAt(index).metadata as { id?: unknown }).id;
  assert.equal(typeof id, "string");
  return id as string;
}

function allMetadata(editor: vscode.NotebookEditor): string {
  return JSON.stringify(editor.notebook.getCells().map(jupyterMetadata));
}

/** One Undo must put every cell's metadata back as it was. */
async function undoRestores(editor: vscode.NotebookEditor, before: string): Promise<void> {
  await undoInNotebook(editor.notebook);
  await waitFor("one undo to restore every cell's metadata", () => (allMetadata(editor) === before ? true : undefined));
}

suite("step commands", () => {
  test("Rename Step… on a Pipeline view step item writes a marker with the new name; the other steps keep theirs; Undo reverts", async () => {
    const api = await activateExtension();
    const editor = await openNotebookCopy(CLASSIFIER);
    await vscode.commands.executeCommand("nb2prod.analyzeNotebook");
    const node = await waitFor("the Pipeline view's steps", () => stepNodes(api).find((candidate) => candidate.step.name === "preprocess"));
    const before = allMetadata(editor);

    const refused = await vscode.commands.executeCommand<SplitPlan | undefined>("nb2prod.renameStep", node, "train");
    assert.equal(refused, undefined, "a name another step has is refused");
    assert.equal(allMetadata(editor), before);

    const plan = await vscode.commands.executeCommand<SplitPlan>("nb2prod.renameStep", node, "prepare_features");
    assert.deepEqual(names(plan), ["load_the_data", "validate", "prepare_features", "train", "evaluate", "save_the_model"]);
    assert.deepEqual(jupyterMetadata(editor.notebook.cellAt(CELL.preprocess)).nb2prod, { step: "prepare_features" });
    assert.equal(editor.notebook.isDirty, true);
    await waitFor("the Pipeline view to show the new name", () => (stepNodes(api).some((candidate) => candidate.step.name === "prepare_features") ? true : undefined));

    await undoRestores(editor, before);
    await waitFor("the Pipeline view to show the old names", () => (stepNodes(api).map((candidate) => candidate.step.name).join() === STEPS.join() ? true : undefined));
  });

  test("Merge With Previous Step given a cell (cell toolbar) merges that cell's step into the one before; one Undo reverts both cells", async () => {
    const editor = await openNotebookCopy(CLASSIFIER);
    const before = allMetadata(editor);
    const plan = await vscode.commands.executeCommand<SplitPlan>("nb2prod.mergeWithPreviousStep", editor.notebook.cellAt(CELL.train));
    assert.deepEqual(names(plan), ["load_the_data", "validate", "preprocess", "evaluate", "save_the_model"]);
    assert.deepEqual(cellIdsOf(plan, "preprocess"), [jupyterId(editor, CELL.preprocess), jupyterId(editor, CELL.train)]);
    assert.deepEqual(jupyterMetadata(editor.notebook.cellAt(CELL.train)).nb2prod, { step: "preprocess" });
    await undoRestores(editor, before);
  });

  test("Move Cell to Step… from the code's right-click menu (the cell's Uri) moves the right-clicked cell, not the selected one", async () => {
    const editor = await openNotebookCopy(CLASSIFIER);
    editor.selections = [new vscode.NotebookRange(CELL.load, CELL.load + 1)];
    const before = allMetadata(editor);
    const plan = await vscode.commands.executeCommand<SplitPlan>("nb2prod.moveCellToStep", editor.notebook.cellAt(CELL.evaluate).document.uri, "train");
    assert.deepEqual(names(plan), ["load_the_data", "validate", "preprocess", "train", "save_the_model"]);
    assert.deepEqual(cellIdsOf(plan, "train"), [jupyterId(editor, CELL.train), jupyterId(editor, CELL.evaluate)]);
    assert.deepEqual(cellIdsOf(plan, "load_the_data"), [jupyterId(editor, CELL.load)], "the selected cell did not move");
    await undoRestores(editor, before);
  });

  test("Assign Selected Cells to Step… puts several selected cells, apart, into one new step; the others keep their names", async () => {
    const editor = await openNotebookCopy(CLASSIFIER);
    editor.selections = [new vscode.NotebookRange(CELL.validate, CELL.validate + 1), new vscode.NotebookRange(CELL.save, CELL.save + 1)];
    const before = allMetadata(editor);
    const plan = await vscode.commands.executeCommand<SplitPlan>("nb2prod.assignSelectedCellsToStep", { from: "cellContainer" }, "checks_and_save");
    assert.deepEqual(cellIdsOf(plan, "checks_and_save"), [jupyterId(editor, CELL.validate), jupyterId(editor, CELL.save)]);
    assert.deepEqual(
      names(plan).filter((name) => name !== "checks_and_save"),
      ["load_the_data", "preprocess", "train", "evaluate"],
    );
    await undoRestores(editor, before);
  });

  test("Assign Selected Cells to Step… on a Pipeline view step item moves the notebook's selected cells into that step", async () => {
    const api = await activateExtension();
    const editor = await openNotebookCopy(CLASSIFIER);
    await vscode.commands.executeCommand("nb2prod.analyzeNotebook");
    const node = await waitFor("the Pipeline view's steps", () => stepNodes(api).find((candidate) => candidate.step.name === "evaluate" && candidate.analysis.notebookUri.toString() === editor.notebook.uri.toString()));
    editor.selections = [new vscode.NotebookRange(CELL.save, CELL.save + 1)];
    const before = allMetadata(editor);
    const plan = await vscode.commands.executeCommand<SplitPlan>("nb2prod.assignSelectedCellsToStep", node);
    assert.deepEqual(cellIdsOf(plan, "evaluate"), [jupyterId(editor, CELL.evaluate), jupyterId(editor, CELL.save)]);
    assert.deepEqual(names(plan), ["load_the_data", "validate", "preprocess", "train", "evaluate"]);
    await undoRestores(editor, before);
  });

  test("a right-clicked cell (its Uri) inside a multi-cell selection stands for the selection; outside it, for itself", async () => {
    const editor = await openNotebookCopy(CLASSIFIER);
    editor.selections = [new vscode.NotebookRange(CELL.validate, CELL.preprocess + 1)];
    const inside = await vscode.commands.executeCommand<boolean[]>("nb2prod.toggleExcludeCell", editor.notebook.cellAt(CELL.preprocess).document.uri);
    assert.deepEqual(inside, [true, true, true], "cells 5, 6 (markdown) and 7 of the selection");
    const outside = await vscode.commands.executeCommand<boolean[]>("nb2prod.toggleExcludeCell", editor.notebook.cellAt(CELL.train).document.uri);
    assert.deepEqual(outside, [true]);
    assert.deepEqual(jupyterMetadata(editor.notebook.cellAt(CELL.train)).nb2prod, { exclude: true });
  });
});
