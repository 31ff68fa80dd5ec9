import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sourceHashId } from "../../../src/core/notebook/cellIds";
import { readIpynb } from "../../../src/core/notebook/ipynbReader";
import { NotebookReadError } from "../../../src/core/notebook/notebookReadError";
import { fixturePath, readFixture } from "./notebookFiles";

function readFixtureNotebook(name: string): ReturnType<typeof readIpynb> {
  return readIpynb(readFixture(name), fixturePath(name));
}

function notebookText(cells: unknown[], metadata: unknown = {}, nbformat = 4): string {
  return JSON.stringify({ cells, metadata, nbformat, nbformat_minor: 4 });
}

function assertReadError(read: () => unknown, origin: string, problem: RegExp): void {
  assert.throws(read, (error: unknown) => {
    assert.ok(error instanceof NotebookReadError, `expected a NotebookReadError, got ${String(error)}`);
    assert.ok(error.message.startsWith(`Cannot read ${origin}: `), error.message);
    assert.match(error.message, problem);
    assert.doesNotMatch(error.message, /\n/, "the message is one line");
    return true;
  });
}

describe("readIpynb on notebooks with cell ids (nbformat 4.5)", () => {
  const notebook = readFixtureNotebook("with-ids.ipynb");

  it("keeps the cells' own ids, kinds and order", () => {
    assert.equal(notebook.origin, fixturePath("with-ids.ipynb"));
    assert.deepEqual(
      notebook.cells.map((cell) => [cell.index, cell.id, cell.kind]),
      [
        [0, "intro", "markdown"],
        [1, "attached", "markdown"],
        [2, "params", "code"],
        [3, "train", "code"],
        [4, "raw-note", "raw"],
        [5, "boom", "code"],
        [6, "never-run", "code"],
      ],
    );
  });

  it("joins list sources and keeps non-ASCII text", () => {
    assert.equal(notebook.cells[0]?.source, "# Café sales — naïve forecast 📈\n\nPredicts next month’s sales.");
    assert.equal(notebook.cells[6]?.source, "");
  });

  it("reads language, tags, execution counts and metadata", () => {
    assert.equal(notebook.language, "python");
    assert.deepEqual(
      notebook.cells.map((cell) => [cell.language, cell.executionCount]),
      [["markdown", null], ["markdown", null], ["python", 1], ["python", 2], ["raw", null], ["python", 3], ["python", null]],
    );
    assert.deepEqual(notebook.cells[2]?.tags, ["parameters"]);
    assert.deepEqual(notebook.cells[3]?.metadata, { collapsed: false, nb2prod: { stage: "training", step: "train_model" } });
    assert.deepEqual(notebook.cells[4]?.metadata, { format: "text/restructuredtext" });
  });
});

describe("readIpynb on notebooks without cell ids", () => {
  const notebook = readFixtureNotebook("without-ids.ipynb");

  it("derives ids from the sources, numbering repeated sources", () => {
    const head = sourceHashId("df.head()");
    const empty = sourceHashId("");
    assert.deepEqual(
      notebook.cells.map((cell) => cell.id),
      [
        sourceHashId("## Load the data"),
        sourceHashId("import pandas as pd\ndf = pd.read_csv('sales.csv')"),
        head,
        empty,
        sourceHashId("df = df.dropna()\n"),
        `${head}-2`,
        `${empty}-2`,
      ],
    );
  });

  it("gives the same ids every time the same text is read", () => {
    const again = readFixtureNotebook("without-ids.ipynb");
    assert.deepEqual(again.cells.map((cell) => cell.id), notebook.cells.map((cell) => cell.id));
  });

  it("reads string sources, Kale tags and the language from language_info", () => {
    assert.equal(notebook.cells[1]?.source, "import pandas as pd\ndf = pd.read_csv('sales.csv')");
    assert.deepEqual(notebook.cells[4]?.tags, ["step:clean", "skip"]);
    assert.equal(notebook.language, "python");
  });
});

describe("readIpynb languages", () => {
  it("takes the kernel's language, lower-cased like VS Code's language ids", () => {
    const notebook = readFixtureNotebook("r-kernel.ipynb");
    assert.equal(notebook.language, "r");
    assert.equal(notebook.cells[0]?.language, "r");
  });

  it("prefers kernelspec.language, then language_info.name, then python", () => {
    const code = [{ cell_type: "code", metadata: {}, source: "x", outputs: [], execution_count: null }];
    const both = { kernelspec: { name: "j", display_name: "J", language: "julia" }, language_info: { name: "python" } };
    assert.equal(readIpynb(notebookText(code, both), "a.ipynb").language, "julia");
    assert.equal(readIpynb(notebookText(code, { language_info: { name: "Scala" } }), "a.ipynb").language, "scala");
    assert.equal(readIpynb(notebookText(code, {}), "a.ipynb").language, "python");
  });

  it("takes a code cell's own language from VS Code's metadata.vscode.languageId", () => {
    const notebook = readFixtureNotebook("vscode-tabs-crlf.ipynb");
    assert.deepEqual(notebook.cells.map((cell) => cell.language), ["python", "sql", "markdown"]);
    assert.equal(notebook.cells[1]?.source, "SELECT * FROM sales");
  });
});

describe("readIpynb leniency", () => {
  it("reads cells without metadata, outputs or execution_count, as many tools write them", () => {
    const notebook = readIpynb(notebookText([{ cell_type: "code", source: ["a = 1\n", "b = 2"] }]), "loose.ipynb");
    assert.deepEqual(notebook.cells[0], {
      id: sourceHashId("a = 1\nb = 2"),
      index: 0,
      kind: "code",
      language: "python",
      source: "a = 1\nb = 2",
      tags: [],
      executionCount: null,
      metadata: {},
    });
  });

  it("accepts a byte order mark and a one-line file", () => {
    assert.equal(readIpynb(`\uFEFF${readFixture("with-ids.ipynb")}`, "bom.ipynb").cells.length, 7);
    assert.deepEqual(readFixtureNotebook("one-line.ipynb").cells.map((cell) => cell.kind), ["code", "markdown"]);
  });

  it("reads an empty notebook as no cells", () => {
    assert.deepEqual(readIpynb(notebookText([]), "empty.ipynb").cells, []);
  });
});

describe("readIpynb errors name the file, the problem and what to do", () => {
  const cases: readonly [string, RegExp][] = [
    ["invalid-json.ipynb", /invalid JSON at line 8, column 4: expected a comma\. Fix the JSON there/],
    ["invalid-merge-conflict.ipynb", /invalid JSON at line 9, column 1: .*unresolved merge conflict/],
    ["invalid-nbformat3.ipynb", /nbformat 3, an old format .*"jupyter nbconvert --to notebook --nbformat 4 --inplace/],
    ["invalid-missing-cells.ipynb", /the notebook has no "cells" list/],
    ["invalid-unknown-cell-type.ipynb", /cell 2: unknown cell type "heading" \(expected code, markdown or raw\)/],
  ];
  for (const [name, problem] of cases) {
    it(name, () => {
      assertReadError(() => readFixtureNotebook(name), fixturePath(name), problem);
    });
  }

  it("an empty file", () => {
    assertReadError(() => readIpynb(" \n", "e.ipynb"), "e.ipynb", /the file is empty/);
  });

  it("JSON that is not a notebook", () => {
    assertReadError(() => readIpynb("[1, 2]", "list.ipynb"), "list.ipynb", /not a Jupyter notebook \(no nbformat/);
    assertReadError(() => readIpynb('{"cells": []}', "x.ipynb"), "x.ipynb", /not a Jupyter notebook/);
  });

  it("nbformat 2 and a future nbformat 5", () => {
    assertReadError(() => readIpynb(notebookText([], {}, 2), "v2.ipynb"), "v2.ipynb", /nbformat 2, an old format/);
    assertReadError(() => readIpynb(notebookText([], {}, 5), "v5.ipynb"), "v5.ipynb", /nbformat 5, newer than/);
  });

  it("a source of the wrong type, naming the cell and the field", () => {
    const text = notebookText([{ cell_type: "markdown", metadata: {}, source: "ok" }, { cell_type: "code", source: 42 }]);
    assertReadError(() => readIpynb(text, "s.ipynb"), "s.ipynb", /cell 2, field "source": expected a string or a list of strings/);
  });

  it("a cell without cell_type, and cells that are not a list", () => {
    assertReadError(() => readIpynb(notebookText([{ source: "x" }]), "t.ipynb"), "t.ipynb", /cell 1: the cell has no cell_type/);
    const notList = JSON.stringify({ cells: {}, metadata: {}, nbformat: 4, nbformat_minor: 4 });
    assertReadError(() => readIpynb(notList, "c.ipynb"), "c.ipynb", /"cells" is not a list/);
  });
});
