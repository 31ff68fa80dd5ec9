import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NotebookCellModel, NotebookModel } from "../../../src/core/notebook/notebookModel";
import { summarizeNotebook } from "../../../src/core/notebook/notebookSummary";

function cell(index: number, kind: NotebookCellModel["kind"], source: string, extra: Partial<NotebookCellModel> = {}): NotebookCellModel {
  return { id: `c${index}`, index, kind, language: kind === "code" ? "python" : kind, source, tags: [], executionCount: null, metadata: {}, ...extra };
}

function notebook(cells: NotebookCellModel[]): NotebookModel {
  return { origin: "test.ipynb", language: "python", cells };
}

describe("summarizeNotebook", () => {
  it("counts cells by kind, non-blank code lines, executed and empty code cells", () => {
    const summary = summarizeNotebook(
      notebook([
        cell(0, "markdown", "# Title"),
        cell(1, "code", "import pandas as pd\n\n\ndf = pd.read_csv('x.csv')\n", { executionCount: 1 }),
        cell(2, "code", "   \n"),
        cell(3, "raw", "raw text"),
        cell(4, "code", "df.head()", { executionCount: 3 }),
      ]),
    );
    assert.deepEqual(summary, {
      totalCells: 5,
      codeCells: 3,
      markdownCells: 1,
      rawCells: 1,
      codeLines: 3,
      executedCells: 2,
      emptyCodeCells: 1,
      languages: ["python"],
      syntaxErrorCellIds: [],
    });
  });

  it("lists the Python cells the checker rejects, and only Python cells", () => {
    const summary = summarizeNotebook(
      notebook([
        cell(0, "code", "ok = 1"),
        cell(1, "code", "def broken(:"),
        cell(2, "code", "let x: number = (", { language: "typescript" }),
        cell(3, "markdown", "def also_not_checked(:"),
      ]),
      (source) => source.includes("(:"),
    );
    assert.deepEqual(summary.syntaxErrorCellIds, ["c1"]);
  });

  it("lists code languages by frequency, then name", () => {
    const summary = summarizeNotebook(
      notebook([
        cell(0, "code", "a", { language: "typescript" }),
        cell(1, "code", "b", { language: "python" }),
        cell(2, "code", "c", { language: "python" }),
        cell(3, "code", "d", { language: "javascript" }),
      ]),
    );
    assert.deepEqual(summary.languages, ["python", "javascript", "typescript"]);
  });

  it("handles an empty notebook", () => {
    const summary = summarizeNotebook(notebook([]));
    assert.equal(summary.totalCells, 0);
    assert.deepEqual(summary.languages, []);
  });
});
