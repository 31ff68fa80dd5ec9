import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { findNodeAtLocation, parseTree } from "jsonc-parser";
import { MemoryFileSystem } from "../../../src/core/memoryFileSystem";
import { sourceHashId } from "../../../src/core/notebook/cellIds";
import { readIpynb } from "../../../src/core/notebook/ipynbReader";
import { NotebookWriteError, setCellMetadata, writeCellMetadata } from "../../../src/core/notebook/ipynbWriter";
import { NotebookReadError } from "../../../src/core/notebook/notebookReadError";
import { corpusDir, corpusNotebooks, invalidFixtures, readFixture, validFixtures } from "./notebookFiles";

const NEW_METADATA = { tags: ["parameters", "étape"], nb2prod: { step: "train_model", stage: "training", exclude: false }, empty: {} };

interface Span {
  readonly start: number;
  readonly end: number;
  /** Indentation of the line where the span starts. */
  readonly lineIndent: string;
}

function metadataSpan(text: string, index: number): Span {
  const node = findNodeAtLocation(parseTree(text) ?? assert.fail("not JSON"), ["cells", index, "metadata"]);
  if (node === undefined) assert.fail(`cell ${index} has no metadata`);
  const lineStart = text.lastIndexOf("\n", node.offset) + 1;
  const lineIndent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
  return { start: node.offset, end: node.offset + node.length, lineIndent };
}

/** What the new metadata must look like: the file's indent unit and line ending, at the cell's depth. */
function expectedText(before: string, span: Span, unit: string, eol: string): string {
  const metadata = JSON.stringify(NEW_METADATA, null, unit).split("\n").join(eol + span.lineIndent);
  return before.slice(0, span.start) + metadata + before.slice(span.end);
}

function assertOnlyMetadataChanged(before: string, after: string, index: number, unit: string, eol: string): void {
  assert.equal(after, expectedText(before, metadataSpan(before, index), unit, eol));
  const reparsed = JSON.parse(after) as { cells: { metadata: Record<string, unknown> }[] };
  const original = JSON.parse(before) as { cells: { metadata: Record<string, unknown> }[] };
  const cell = original.cells[index] ?? assert.fail(`no cell ${index}`);
  cell.metadata = NEW_METADATA;
  assert.deepEqual(reparsed, original);
  assert.deepEqual(Object.keys(reparsed.cells[index]?.metadata ?? {}), Object.keys(NEW_METADATA));
}

function idAt(text: string, index: number): string {
  return readIpynb(text, "x.ipynb").cells[index]?.id ?? assert.fail(`no cell ${index}`);
}

describe("setCellMetadata with no changes", () => {
  it("returns every corpus notebook and valid fixture byte-identical", () => {
    const texts = [
      ...corpusNotebooks().map((name) => readFileSync(join(corpusDir, name), "utf8")),
      ...validFixtures().map(readFixture),
    ];
    for (const text of texts) assert.equal(setCellMetadata(text, []), text);
  });

  it("rejects the invalid fixtures as the reader does", () => {
    for (const name of invalidFixtures()) {
      assert.throws(() => setCellMetadata(readFixture(name), [], name), NotebookReadError, name);
    }
  });
});

describe("setCellMetadata with one change", () => {
  const styles: readonly [string, number, string, string][] = [
    ["with-ids.ipynb", 2, " ", "\n"],
    ["without-ids.ipynb", 5, "  ", "\n"],
    ["vscode-tabs-crlf.ipynb", 1, "\t", "\r\n"],
    ["one-line.ipynb", 1, "", "\n"],
    ["r-kernel.ipynb", 0, " ", "\n"],
  ];
  for (const [name, index, unit, eol] of styles) {
    it(`changes only that cell's metadata, in the file's own style: ${name}`, () => {
      const before = readFixture(name);
      const after = setCellMetadata(before, [{ cellId: idAt(before, index), metadata: NEW_METADATA }]);
      assertOnlyMetadataChanged(before, after, index, unit, eol);
    });
  }

  it("covers every valid fixture in the table above", () => {
    assert.deepEqual(styles.map(([name]) => name).sort(), validFixtures());
  });

  it("changes only that cell's metadata in every corpus notebook", () => {
    for (const name of corpusNotebooks()) {
      const before = readFileSync(join(corpusDir, name), "utf8");
      const index = Math.floor((JSON.parse(before) as { cells: unknown[] }).cells.length / 2);
      const after = setCellMetadata(before, [{ cellId: idAt(before, index), metadata: NEW_METADATA }], name);
      assertOnlyMetadataChanged(before, after, index, " ", "\n");
    }
  });

  it("finds cells by the ids the reader derives, repeats included", () => {
    const before = readFixture("without-ids.ipynb");
    const cellId = `${sourceHashId("df.head()")}-2`;
    const after = setCellMetadata(before, [{ cellId, metadata: NEW_METADATA }]);
    assertOnlyMetadataChanged(before, after, 5, "  ", "\n");
  });

  it("keeps a byte order mark", () => {
    const before = `\uFEFF${readFixture("r-kernel.ipynb")}`;
    const after = setCellMetadata(before, [{ cellId: idAt(before, 0), metadata: { tags: ["x"] } }]);
    assert.ok(after.startsWith("\uFEFF{"));
    assert.deepEqual(readIpynb(after, "x.ipynb").cells[0]?.tags, ["x"]);
  });
});

describe("setCellMetadata with several changes", () => {
  const before = readFixture("with-ids.ipynb");

  it("applies each, the last one winning for a cell listed twice", () => {
    const after = setCellMetadata(before, [
      { cellId: "train", metadata: { tags: ["first"] } },
      { cellId: "intro", metadata: { tags: ["doc"] } },
      { cellId: "train", metadata: { tags: ["second"] } },
    ]);
    const cells = readIpynb(after, "x.ipynb").cells;
    assert.deepEqual(cells.map((cell) => cell.tags), [["doc"], [], ["parameters"], ["second"], [], [], []]);
    assert.deepEqual(cells.map((cell) => cell.source), readIpynb(before, "x.ipynb").cells.map((cell) => cell.source));
  });

  it("edits nothing for a change that keeps the metadata as it is, whatever its key order", () => {
    const same = { nb2prod: { step: "train_model", stage: "training" }, collapsed: false };
    assert.equal(setCellMetadata(before, [{ cellId: "train", metadata: same }]), before);
  });

  it("rejects an unknown cell id, naming it, and changes nothing", () => {
    assert.throws(
      () => setCellMetadata(before, [{ cellId: "intro", metadata: {} }, { cellId: "nope", metadata: {} }], "/w/a.ipynb"),
      (error: unknown) => {
        assert.ok(error instanceof NotebookWriteError);
        assert.match(error.message, /^Cannot update \/w\/a\.ipynb: it has no cell with id "nope"\. .*analyze it again/);
        return true;
      },
    );
  });
});

describe("writeCellMetadata", () => {
  const path = "/w/sales.ipynb";
  const original = readFixture("with-ids.ipynb");
  const change = [{ cellId: "params", metadata: { tags: ["parameters"], nb2prod: { step: "load" } } }];

  it("writes the changed notebook and leaves no temporary file", async () => {
    const fs = new MemoryFileSystem({ [path]: original });
    await writeCellMetadata(fs, path, change);
    assert.equal(await fs.readText(path), setCellMetadata(original, change));
    assert.deepEqual(fs.paths(), [path]);
  });

  it("leaves the notebook as it was when the write fails halfway", async () => {
    const fs = new MemoryFileSystem({ [path]: original });
    fs.failNextWrite(new Error("ENOSPC: no space left on device"));
    await assert.rejects(writeCellMetadata(fs, path, change), /ENOSPC/);
    assert.equal(await fs.readText(path), original);
    assert.deepEqual(fs.paths(), [path]);
  });

  it("does not write when nothing changes", async () => {
    const fs = new MemoryFileSystem({ [path]: original });
    fs.failNextWrite(new Error("a write happened"));
    await writeCellMetadata(fs, path, [{ cellId: "intro", metadata: {} }]);
    assert.equal(await fs.readText(path), original);
  });

  it("names the file when it is missing, not a notebook, or not an .ipynb", async () => {
    const fs = new MemoryFileSystem({ "/w/bad.ipynb": "{", "/w/a.py": "# %%\nx = 1" });
    await assert.rejects(writeCellMetadata(fs, "/w/gone.ipynb", change), /^NotebookReadError: Cannot read \/w\/gone\.ipynb: the file does not exist/);
    await assert.rejects(writeCellMetadata(fs, "/w/bad.ipynb", change), /^NotebookReadError: Cannot read \/w\/bad\.ipynb: invalid JSON at line 1, column 2/);
    await assert.rejects(writeCellMetadata(fs, "/w/a.py", change), /^NotebookWriteError: Cannot update \/w\/a\.py: .*only to \.ipynb/);
    assert.equal(await fs.readText("/w/bad.ipynb"), "{");
  });
});
