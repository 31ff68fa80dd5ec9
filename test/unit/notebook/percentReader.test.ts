import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { sourceHashId } from "../../../src/core/notebook/cellIds";
import { readPercentScript } from "../../../src/core/notebook/percentReader";
import { readFixture } from "./notebookFiles";

// What Jupytext itself read from each script (see test/fixtures/notebooks/README.md).
const jupytextReading = z.object({
  cells: z.array(z.object({ kind: z.enum(["code", "markdown", "raw"]), source: z.string(), metadata: z.record(z.string(), z.unknown()) })),
});

function cellsOf(text: string): { kind: string; source: string; metadata: unknown }[] {
  return readPercentScript(text, "script.py").cells.map(({ kind, source, metadata }) => ({ kind, source, metadata }));
}

describe("readPercentScript agrees with Jupytext", () => {
  for (const name of ["jupytext-percent.py", "jupytext-percent-quoted.py", "vscode-percent.py"]) {
    it(name, () => {
      const expected = jupytextReading.parse(JSON.parse(readFixture(name.replace(/\.py$/, ".jupytext.json"))));
      assert.deepEqual(cellsOf(readFixture(name)), expected.cells);
    });
  }
});

describe("readPercentScript cells", () => {
  it("reads markers with a cell type, tags and other JSON metadata", () => {
    const text = [
      '# %% [markdown] tags=["a", "b"]',
      "# Title",
      '# %% tags=["parameters"]',
      "alpha = 1",
      '# %% Fit the model key={"x": [1, 2]} slideshow={"slide_type": "="} frozen',
      "fit()",
      '# %% [raw] {"format": "text/plain"}',
      "# raw",
    ].join("\n");
    assert.deepEqual(cellsOf(text), [
      { kind: "markdown", source: "Title", metadata: { tags: ["a", "b"] } },
      { kind: "code", source: "alpha = 1", metadata: { tags: ["parameters"] } },
      {
        kind: "code",
        source: "fit()",
        metadata: { key: { x: [1, 2] }, slideshow: { slide_type: "=" }, frozen: null, title: "Fit the model" },
      },
      { kind: "raw", source: "raw", metadata: { format: "text/plain" } },
    ]);
    const model = readPercentScript(text, "script.py");
    assert.deepEqual(model.cells.map((cell) => cell.tags), [["a", "b"], ["parameters"], [], []]);
    assert.deepEqual(model.cells.map((cell) => cell.language), ["markdown", "python", "python", "raw"]);
  });

  it("keeps metadata it cannot parse under Jupytext's incorrectly_encoded_metadata key", () => {
    assert.deepEqual(cellsOf("# %% tags=['single quotes']\nx")[0]?.metadata, {
      incorrectly_encoded_metadata: "tags=['single quotes']",
    });
  });

  it("makes a code cell of the text before the first marker only when it is not blank", () => {
    assert.deepEqual(cellsOf("\n\n# %%\nx = 1\n"), [{ kind: "code", source: "x = 1", metadata: {} }]);
    assert.deepEqual(cellsOf("import os\n\n# %%\nx = 1"), [
      { kind: "code", source: "import os", metadata: {} },
      { kind: "code", source: "x = 1", metadata: {} },
    ]);
  });

  it("reads a script without markers as one code cell, and an empty file as none", () => {
    assert.deepEqual(cellsOf("print('hi')\n"), [{ kind: "code", source: "print('hi')", metadata: {} }]);
    assert.deepEqual(cellsOf(""), []);
  });

  it("skips Jupytext's header: the #! line, the coding line and the YAML block", () => {
    const text = "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# ---\n# jupyter:\n#   kernelspec:\n#     name: python3\n# ---\n\n# %%\nx = 1\n";
    assert.deepEqual(cellsOf(text), [{ kind: "code", source: "x = 1", metadata: {} }]);
  });

  it("keeps a leading comment block that is not a YAML header", () => {
    assert.deepEqual(cellsOf("# ---\n# not closed\nx = 1\n# %%\ny = 2"), [
      { kind: "code", source: "# ---\n# not closed\nx = 1", metadata: {} },
      { kind: "code", source: "y = 2", metadata: {} },
    ]);
  });

  it("drops the blank lines between cells but keeps blank lines inside them", () => {
    assert.deepEqual(cellsOf("# %%\nx = 1\n\ny = 2\n\n\n\n# %%\n\nz = 3\n  \n"), [
      { kind: "code", source: "x = 1\n\ny = 2", metadata: {} },
      { kind: "code", source: "\nz = 3", metadata: {} },
    ]);
  });

  it("keeps empty cells", () => {
    assert.deepEqual(cellsOf("# %%\n# %% [markdown]\n"), [
      { kind: "code", source: "", metadata: {} },
      { kind: "markdown", source: "", metadata: {} },
    ]);
  });

  it("uncomments markdown lines, `#` alone being an empty line", () => {
    assert.equal(cellsOf("# %% [md]\n# # Heading\n#\n#no space\nnot commented")[0]?.source, "# Heading\n\nno space\nnot commented");
  });

  it("reads Jupytext's escaped magics back as magics, and leaves comments alone", () => {
    const text = "# %%\n# %matplotlib inline\n# !pip install \\\n#   numpy\n# files = !ls\n    # %time f()\n# ls data\n# df?\n# plain";
    assert.equal(
      cellsOf(text)[0]?.source,
      "%matplotlib inline\n!pip install \\\n  numpy\nfiles = !ls\n    %time f()\n# ls data\n# df?\n# plain",
    );
  });

  it("does not take `# %%time` (a cell magic) or a marker inside a string for a cell marker", () => {
    const text = '# %%\n# %%time\nx = """\n# %% inside\n"""\ny = 1';
    assert.deepEqual(cellsOf(text), [{ kind: "code", source: '%%time\nx = """\n# %% inside\n"""\ny = 1', metadata: {} }]);
  });

  it("does not take quotes in a comment or a one-line string for the start of a string", () => {
    const inComment = "# %%\nx = 1  # a \"\"\" in a comment\n# %%\ny = 2";
    assert.deepEqual(cellsOf(inComment).map((cell) => cell.source), ["x = 1  # a \"\"\" in a comment", "y = 2"]);
    const inString = "# %%\ns = '\"\"\"'\n# %%\ny = 2";
    assert.deepEqual(cellsOf(inString).map((cell) => cell.source), ["s = '\"\"\"'", "y = 2"]);
  });

  it("accepts VS Code's `#%%`, Spyder's `# %%%` and the legacy `# <codecell>` and `# In[2]:`", () => {
    const text = "#%%\na\n# %%% Sub\nb\n# <codecell>\nc\n# In[2]:\nd";
    assert.deepEqual(cellsOf(text), [
      { kind: "code", source: "a", metadata: {} },
      { kind: "code", source: "b", metadata: { title: "Sub" } },
      { kind: "code", source: "c", metadata: {} },
      { kind: "code", source: "d", metadata: {} },
    ]);
  });
});

describe("readPercentScript model", () => {
  it("is a Python notebook with source-derived ids and no execution counts", () => {
    const model = readPercentScript("# %%\nx = 1\n# %%\nx = 1\n# %% [markdown]\n# Done", "/w/a.py");
    assert.equal(model.origin, "/w/a.py");
    assert.equal(model.language, "python");
    const id = sourceHashId("x = 1");
    assert.deepEqual(model.cells.map((cell) => [cell.index, cell.id, cell.executionCount]), [
      [0, id, null],
      [1, `${id}-2`, null],
      [2, sourceHashId("Done"), null],
    ]);
  });

  it("reads CRLF scripts like LF ones", () => {
    const lf = readFixture("vscode-percent.py").replace(/\r\n/g, "\n");
    assert.ok(readFixture("vscode-percent.py").includes("\r\n"), "the fixture has CRLF line endings");
    assert.deepEqual(cellsOf(readFixture("vscode-percent.py")), cellsOf(lf));
  });
});
