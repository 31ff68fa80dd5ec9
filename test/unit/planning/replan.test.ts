// Re-planning after edits reuses what the planner remembered per cell and per step
// (cellFacts.ts, statementFacts.ts, stepMemo.ts, typeHints.ts). Whatever it reuses, the
// plan must be the one a fresh process makes for the edited notebook.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { NotebookCellModel, NotebookModel } from "../../../src/core/notebook/notebookModel";
import type { SplitPlan } from "../../../src/core/planning/splitPlan";
import { exampleNotebook } from "../exampleNotebooks";
import { usePlanChain } from "./planChain";

const CORPUS = join(__dirname, "..", "..", "..", "..", "test", "fixtures", "corpus");
const NOTEBOOKS = [
  exampleNotebook("diabetes_regression"),
  exampleNotebook("iris_classifier"),
  join(CORPUS, "nb02_04_model_training.ipynb"),
  join(CORPUS, "nb05_08_grid_search.ipynb"),
  join(CORPUS, "nb07_05.11-K-Means.ipynb"),
];

function withCells(notebook: NotebookModel, cells: readonly Omit<NotebookCellModel, "index">[]): NotebookModel {
  return { ...notebook, cells: cells.map((cell, index) => ({ ...cell, index })) };
}

/** Edits a user makes while typing: a new name, a use of it, a metric shown, a cell deleted, one inserted, headings reworded. */
function edits(notebook: NotebookModel): ((notebook: NotebookModel) => NotebookModel)[] {
  const code = notebook.cells.filter((cell) => cell.kind === "code");
  const middle = code[Math.floor(code.length / 2)]?.id ?? "";
  const last = code[code.length - 1]?.id ?? "";
  const appendTo = (id: string, line: string) => (current: NotebookModel): NotebookModel =>
    withCells(current, current.cells.map((cell) => (cell.id === id ? { ...cell, source: `${cell.source}\n${line}` } : cell)));
  return [
    appendTo(middle, "edited_value = 41"),
    appendTo(last, "print(edited_value + 1)"),
    appendTo(middle, "edited_value = edited_value + 1"),
    (current) => withCells(current, current.cells.filter((cell) => cell.id !== code[1]?.id)),
    (current) => withCells(current, [{ id: "inserted", kind: "code", language: "python", source: "import os\nroot = os.getcwd()", tags: [], executionCount: null, metadata: {} }, ...current.cells]),
    // A heading's words are evidence for the cells under it, also inside a step that began in an earlier section.
    (current) => withCells(current, current.cells.map((cell) => (cell.kind === "markdown" && cell.source.startsWith("#") ? { ...cell, source: cell.source.replace(/^(#+[^\n]*)/, "$1 (revised)") } : cell))),
  ];
}

describe("re-planning after edits", () => {
  const plans = usePlanChain();

  for (const path of NOTEBOOKS) {
    it(`gives the plan a fresh process gives, after each edit of ${path.split("/").pop() ?? path}`, async () => {
      let notebook = (await plans().planFile(path)).notebook;
      const folder = mkdtempSync(join(tmpdir(), "nb2prod-replan-"));
      for (const [index, edit] of edits(notebook).entries()) {
        notebook = edit(notebook);
        assertFreshPlan(plans().planNotebook(notebook).plan, notebook, join(folder, `edit${index}.json`), `edit ${index + 1}`);
      }
    });
  }

  it("rewords a step's rationale when a heading inside the step is reworded", () => {
    // No cell has stage-specific code: each takes its stage from its section's heading, and
    // the second heading's words are evidence inside the step the first section starts.
    const notebook = (fitting: string): NotebookModel =>
      withCells({ origin: "headings.ipynb", language: "python", cells: [] }, [
        markdown("m1", "# Training the model"),
        code("c1", "import sys\ncount = len(sys.argv)"),
        markdown("m2", `## ${fitting}`),
        code("c2", "doubled = count * 2"),
        code("c3", "result = doubled + 1"),
      ]);
    const folder = mkdtempSync(join(tmpdir(), "nb2prod-replan-"));
    const before = plans().planNotebook(notebook("Fitting the model"));
    assert.match(JSON.stringify(before.plan), /Fitting the model/);
    const reworded = notebook("Fitting the final model");
    assertFreshPlan(plans().planNotebook(reworded).plan, reworded, join(folder, "reworded.json"), "heading reworded");
  });
});

function markdown(id: string, source: string): Omit<NotebookCellModel, "index"> {
  return { id, kind: "markdown", language: "markdown", source, tags: [], executionCount: null, metadata: {} };
}

function code(id: string, source: string): Omit<NotebookCellModel, "index"> {
  return { id, kind: "code", language: "python", source, tags: [], executionCount: null, metadata: {} };
}

/** The warm-cache plan equals the plan a fresh process (no planning caches) makes of the same notebook. */
function assertFreshPlan(warm: SplitPlan, notebook: NotebookModel, modelPath: string, label: string): void {
  writeFileSync(modelPath, JSON.stringify(notebook));
  const fresh = spawnSync(process.execPath, [join(__dirname, "planOnce.js"), modelPath], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(fresh.status, 0, fresh.stderr);
  assert.equal(JSON.stringify(warm), fresh.stdout, label);
}
