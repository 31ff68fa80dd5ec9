import * as assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import type { PipelineNode } from "../../../src/extension/views/pipelineTree";
import { activateExtension, EXTENSION_ID, jupyterMetadata, openNotebookCopy, undoInNotebook, waitFor } from "./helpers";

interface RawNotebook {
  cells: { cell_type: string; source: string | string[]; metadata: Record<string, unknown> }[];
}

function readRawNotebook(path: string): RawNotebook {
  return JSON.parse(readFileSync(path, "utf8")) as RawNotebook;
}

const CLASSIFIER = "iris_classifier.ipynb";

suite("extension", () => {
  test("activates and registers every contributed command", async () => {
    const api = await activateExtension();
    // The activation time is recorded (activation.json), never asserted: it only has to be measured.
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs > 0, `activation time ${api.activationMs}`);
    const resultsDir = process.env.NB2PROD_TEST_RESULTS;
    if (resultsDir !== undefined) {
      mkdirSync(resultsDir, { recursive: true });
      writeFileSync(join(resultsDir, "activation.json"), JSON.stringify({ activationMs: api.activationMs }));
    }
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (extension?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((entry) => entry.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  test("the notebook that becomes active is analysed without a command, and the Pipeline view follows the active editor", async () => {
    const api = await activateExtension();
    const rootLabel = (): string | undefined => {
      const [root] = api.pipelineTree.getChildren();
      const label = root === undefined ? undefined : api.pipelineTree.getTreeItem(root).label;
      return typeof label === "string" ? label : label?.label;
    };
    const first = await openNotebookCopy(CLASSIFIER);
    const firstName = first.notebook.uri.path.split("/").pop() ?? "";
    await waitFor(`the Pipeline view to show ${firstName}`, () => (rootLabel() === firstName ? true : undefined));
    const second = await openNotebookCopy("diabetes_regression.ipynb");
    const secondName = second.notebook.uri.path.split("/").pop() ?? "";
    await waitFor(`the Pipeline view to show ${secondName}`, () => (rootLabel() === secondName ? true : undefined));
  });

  test("Analyze Notebook shows the active notebook's cell counts in the Pipeline view", async () => {
    const api = await activateExtension();
    const editor = await openNotebookCopy(CLASSIFIER);
    const raw = readRawNotebook(editor.notebook.uri.fsPath);
    const expectedCode = raw.cells.filter((cell) => cell.cell_type === "code").length;
    const expectedMarkdown = raw.cells.filter((cell) => cell.cell_type === "markdown").length;

    const summary = await vscode.commands.executeCommand<{ totalCells: number; codeCells: number; markdownCells: number }>(
      "nb2prod.analyzeNotebook",
    );
    assert.equal(summary.totalCells, raw.cells.length);
    assert.equal(summary.codeCells, expectedCode);
    assert.equal(summary.markdownCells, expectedMarkdown);

    const roots = api.pipelineTree.getChildren();
    assert.equal(roots.length, 1);
    const root = roots[0] as PipelineNode;
    const rootItem = api.pipelineTree.getTreeItem(root);
    assert.equal(rootItem.description, `${raw.cells.length} cells`);
    const facts = api.pipelineTree.getChildren(root).map((node) => api.pipelineTree.getTreeItem(node));
    const codeFact = facts.find((item) => item.label === "Code cells" && item.description !== undefined);
    assert.equal(codeFact?.description, String(expectedCode));
  });

  test("a cell command given the NotebookCell (cell toolbar) changes that cell, and undo reverts it", async () => {
    const editor = await openNotebookCopy(CLASSIFIER);
    const cell = editor.notebook.getCells().find((candidate) => candidate.kind === vscode.NotebookCellKind.Code);
    assert.ok(cell);
    const result = await vscode.commands.executeCommand<boolean[]>("nb2prod.toggleExcludeCell", cell);
    assert.deepEqual(result, [true]);
    assert.deepEqual(jupyterMetadata(editor.notebook.cellAt(cell.index)).nb2prod, { exclude: true });
    assert.equal(editor.notebook.isDirty, true);

    await undoInNotebook(editor.notebook);
    await waitFor("undo to remove the exclude flag", () =>
      jupyterMetadata(editor.notebook.cellAt(cell.index)).nb2prod === undefined ? true : undefined,
    );
  });

  test("a cell command from the right-click menu ({from: 'cellContainer'}) acts on the selected cell", async () => {
    const editor = await openNotebookCopy(CLASSIFIER);
    const codeCells = editor.notebook.getCells().filter((candidate) => candidate.kind === vscode.NotebookCellKind.Code);
    const [first, second] = codeCells;
    assert.ok(first && second);

    editor.selections = [new vscode.NotebookRange(first.index, first.index + 1)];
    await vscode.commands.executeCommand("nb2prod.markParametersCell", { from: "cellContainer" });
    assert.ok((jupyterMetadata(editor.notebook.cellAt(first.index)).tags as string[]).includes("parameters"));

    // Marking another cell moves the tag: papermill reads a single parameters cell.
    editor.selections = [new vscode.NotebookRange(second.index, second.index + 1)];
    await vscode.commands.executeCommand("nb2prod.markParametersCell", { from: "cellContainer" });
    assert.ok((jupyterMetadata(editor.notebook.cellAt(second.index)).tags as string[]).includes("parameters"));
    assert.equal(jupyterMetadata(editor.notebook.cellAt(first.index)).tags, undefined);
  });

  test("Start New Step Here writes the step into the cell metadata and the saved file", async () => {
    const editor = await openNotebookCopy(CLASSIFIER);
    const cell = editor.notebook.getCells().filter((candidate) => candidate.kind === vscode.NotebookCellKind.Code)[1];
    assert.ok(cell);

    const rejected = await vscode.commands.executeCommand("nb2prod.startStepHere", cell, "Not A Name");
    assert.equal(rejected, undefined, "an invalid step name is refused");
    assert.equal(jupyterMetadata(editor.notebook.cellAt(cell.index)).nb2prod, undefined);

    const name = await vscode.commands.executeCommand("nb2prod.startStepHere", cell, "train_model");
    assert.equal(name, "train_model");
    await editor.notebook.save();
    const saved = readRawNotebook(editor.notebook.uri.fsPath);
    const savedCell = saved.cells[cell.index];
    assert.deepEqual(savedCell?.metadata.nb2prod, { step: "train_model" });
    assert.equal(saved.cells.length, editor.notebook.cellCount, "no cell lost on save");
  });

  test("the Pipeline view follows edits of the analysed notebook", async () => {
    const api = await activateExtension();
    const editor = await openNotebookCopy(CLASSIFIER);
    await vscode.commands.executeCommand("nb2prod.analyzeNotebook");
    const cell = editor.notebook.getCells().find((candidate) => candidate.kind === vscode.NotebookCellKind.Code);
    assert.ok(cell);
    await vscode.commands.executeCommand("nb2prod.toggleExcludeCell", cell);

    const description = await waitFor("the tree to show the excluded cell", () => {
      const [root] = api.pipelineTree.getChildren();
      if (root === undefined) return undefined;
      const cellsNode = api.pipelineTree.getChildren(root).find((node) => node.kind === "cells");
      if (cellsNode === undefined) return undefined;
      const first = api.pipelineTree.getChildren(cellsNode)[0];
      const text = first === undefined ? "" : String(api.pipelineTree.getTreeItem(first).description ?? "");
      return text.includes("excluded") ? text : undefined;
    });
    assert.match(description, /excluded/);
  });

  test("the inline Reveal Cell button of a cell in the Pipeline view selects that cell", async () => {
    const api = await activateExtension();
    const editor = await openNotebookCopy(CLASSIFIER);
    await vscode.commands.executeCommand("nb2prod.analyzeNotebook");
    const cellNode = await waitFor("the cell outline", () => {
      const [root] = api.pipelineTree.getChildren();
      const cellsNode = root === undefined ? undefined : api.pipelineTree.getChildren(root).find((node) => node.kind === "cells");
      return cellsNode === undefined ? undefined : api.pipelineTree.getChildren(cellsNode).find((node) => node.kind === "cell" && node.cell.index > 0);
    });
    assert.equal(cellNode.kind, "cell");
    // Menus pass the tree element itself, not the item's command arguments.
    await vscode.commands.executeCommand("nb2prod.revealCell", cellNode);
    const expected = cellNode.cell.index;
    await waitFor("the cell to be selected", () => (vscode.window.activeNotebookEditor?.selection.start === expected ? true : undefined));
    assert.equal(vscode.window.activeNotebookEditor?.notebook.uri.toString(), editor.notebook.uri.toString());
  });
});

suite("hidden state", () => {
  test("findings become diagnostics on the cells and nodes in the Pipeline view", async () => {
    const api = await activateExtension();
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, "total = price * 2", "python"),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, "price = 10", "python"),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, "print(total", "python"),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument("jupyter-notebook", data);
    await vscode.window.showNotebookDocument(notebook);
    await vscode.commands.executeCommand("nb2prod.analyzeNotebook");

    const first = notebook.cellAt(0).document.uri;
    const laterDefinition = await waitFor("a defined-later diagnostic on cell 1", () =>
      vscode.languages.getDiagnostics(first).find((diagnostic) => diagnostic.code === "defined-later"),
    );
    assert.match(laterDefinition.message, /price/);
    assert.equal(notebook.cellAt(0).document.getText(laterDefinition.range), "price");

    const syntax = vscode.languages.getDiagnostics(notebook.cellAt(2).document.uri).find((diagnostic) => diagnostic.code === "syntax-error");
    assert.ok(syntax, "the unclosed call in cell 3 is reported");
    assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);

    const [root] = api.pipelineTree.getChildren();
    assert.ok(root);
    const findingsNode = api.pipelineTree.getChildren(root).find((node) => node.kind === "findings");
    assert.ok(findingsNode);
    const labels = api.pipelineTree.getChildren(findingsNode).map((node) => {
      const label = api.pipelineTree.getTreeItem(node).label;
      return typeof label === "string" ? label : (label?.label ?? "");
    });
    assert.ok(labels.includes("price: defined-later"), labels.join(", "));
  });
});

suite("pipeline steps", () => {
  function stepNames(api: Awaited<ReturnType<typeof activateExtension>>): string[] | undefined {
    const [root] = api.pipelineTree.getChildren();
    if (root === undefined) return undefined;
    const stepsNode = api.pipelineTree.getChildren(root).find((node) => node.kind === "steps");
    if (stepsNode === undefined) return undefined;
    return api.pipelineTree.getChildren(stepsNode).map((node) => (node.kind === "step" ? node.step.name : ""));
  }

  test("the Pipeline view shows the suggested steps, and follows a step started from a cell", async () => {
    const api = await activateExtension();
    const editor = await openNotebookCopy(CLASSIFIER);
    await vscode.commands.executeCommand("nb2prod.analyzeNotebook");
    const before = stepNames(api);
    assert.deepEqual(before, ["load_the_data", "validate", "preprocess", "train", "evaluate", "save_the_model"]);

    // The evaluation cell prints and computes metrics; start a step of its own at its last
    // code cell ("Save the model") under a new name: the plan must pick the marker up.
    const codeCells = editor.notebook.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Code);
    const last = codeCells[codeCells.length - 1];
    assert.ok(last);
    await vscode.commands.executeCommand("nb2prod.startStepHere", last, "persist_model");
    const after = await waitFor("the plan to show the new step", () => {
      const names = stepNames(api);
      return names?.includes("persist_model") === true ? names : undefined;
    });
    assert.equal(after[after.length - 1], "persist_model");
  });
});
