// The pipeline graph panel in a real VS Code: the webview receives the plan of the active
// notebook with its latest run, draws it (and says what it drew), reveals a step's cells,
// and follows edits of the notebook.
import * as assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as vscode from "vscode";
import type { StepGraphNode } from "../../../src/core/planning/pipelineGraph";
import type { PipelineGraphState } from "../../../src/extension/views/pipelineGraphPanel";
import { activateExtension, openNotebookCopy, waitFor, workspaceRoot } from "./helpers";

const repoRoot = join(__dirname, "..", "..", "..", "..");
const COMPLETED_RUN_ID = "20261130T103625Z-96e25e93";

function stepNodes(state: PipelineGraphState): StepGraphNode[] {
  return (state.graph?.nodes ?? []).filter((node): node is StepGraphNode => node.kind === "step");
}

async function showGraph(): Promise<PipelineGraphState> {
  const state = await vscode.commands.executeCommand<PipelineGraphState | undefined>("nb2prod.showPipelineGraph");
  assert.ok(state, "Show Pipeline Graph returns the panel's state");
  return state;
}

suite("pipeline graph", () => {
  suiteSetup(() => {
    // The same recorded run the Runs view tests use (same id and content, so they see no difference).
    const events = join(workspaceRoot(), ".nb2prod", "runs", COMPLETED_RUN_ID, "events.jsonl");
    mkdirSync(dirname(events), { recursive: true });
    writeFileSync(events, readFileSync(join(repoRoot, "test", "fixtures", "runs", "diabetes-completed.events.jsonl"), "utf8"));
  });

  teardown(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  test("Show Pipeline Graph draws the notebook's steps, params and its latest run's artifacts, and reveals a step's cells", async () => {
    await activateExtension();
    const document = await vscode.workspace.openNotebookDocument(vscode.Uri.file(join(workspaceRoot(), "diabetes_regression.ipynb")));
    await vscode.window.showNotebookDocument(document);
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const state = await showGraph();
    assert.equal(state.notebookUri.toString(), document.uri.toString());
    const graphTab = (): vscode.Tab | undefined =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith("nb2prod.pipelineGraph"));
    assert.equal((await waitFor("the pipeline graph tab", graphTab)).label, "Pipeline Graph: diabetes_regression.ipynb");

    // The webview reports what it drew once ELK has laid the graph out.
    const rendered = await waitFor("the webview to draw the graph with the run's artifacts", () => (state.rendered !== undefined && state.rendered.artifactNodes > 0 ? state.rendered : undefined), 30_000);
    assert.deepEqual({ ...rendered }, { type: "rendered", stepNodes: 6, paramNodes: 4, artifactNodes: 10, edges: state.graph?.edges.length });
    assert.equal(state.graph?.run?.runId, COMPLETED_RUN_ID);
    assert.deepEqual(
      stepNodes(state).map((node) => [node.name, node.stage, node.run?.status]),
      [
        ["ingest", "ingestion", "completed"],
        ["validate", "validation", "completed"],
        ["split", "preprocessing", "completed"],
        ["train", "training", "completed"],
        ["evaluate", "evaluation", "completed"],
        ["register", "registration", "completed"],
      ],
    );

    const train = stepNodes(state).find((node) => node.name === "train");
    assert.ok(train);
    await state.revealStep(train.id);
    const editor = vscode.window.activeNotebookEditor;
    assert.equal(editor?.notebook.uri.toString(), document.uri.toString());
    assert.deepEqual(
      editor.selections.map((range) => [range.start, range.end]),
      [[train.cellIndexes[0], (train.cellIndexes[0] ?? 0) + 1]],
    );

    // Asked again, the same panel is shown.
    assert.equal(await showGraph(), state);
  });

  test("the graph follows edits of the notebook, as the Pipeline view does", async () => {
    await activateExtension();
    const editor = await openNotebookCopy("diabetes_regression.ipynb");
    const state = await showGraph();
    await waitFor("the first drawing", () => (state.rendered?.stepNodes === 6 ? true : undefined), 30_000);
    const register = stepNodes(state).find((node) => node.name === "register");
    const index = register?.cellIndexes[0];
    assert.ok(index !== undefined);
    await vscode.commands.executeCommand("nb2prod.toggleExcludeCell", editor.notebook.cellAt(index));
    await waitFor("the graph without the excluded step", () => (state.rendered?.stepNodes === 5 ? true : undefined), 30_000);
    assert.ok(!stepNodes(state).some((node) => node.name === "register"));
  });

  test("a notebook without pipeline code gets a message that says what to do, not an empty graph", async () => {
    await activateExtension();
    const markdownOnly = new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, "# Notes, no code yet", "markdown")]);
    const document = await vscode.workspace.openNotebookDocument("jupyter-notebook", markdownOnly);
    await vscode.window.showNotebookDocument(document);
    const state = await showGraph();
    await waitFor("the no-steps message", () => (state.notice === "No pipeline steps yet" ? true : undefined), 30_000);
    assert.equal(state.graph, undefined);
  });
});
