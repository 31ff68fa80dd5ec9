import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { MemoryFileSystem } from "../../../src/core/memoryFileSystem";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import { NotebookReadError } from "../../../src/core/notebook/notebookReadError";
import { readNotebookFile } from "../../../src/core/notebook/notebookReader";
import { fixturePath, readFixture } from "./notebookFiles";

async function assertReadError(promise: Promise<unknown>, origin: string, problem: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof NotebookReadError, `expected a NotebookReadError, got ${String(error)}`);
    assert.ok(error.message.startsWith(`Cannot read ${origin}: `), error.message);
    assert.match(error.message, problem);
    return true;
  });
}

describe("readNotebookFile", () => {
  const fs = new MemoryFileSystem({
    "/w/sales.ipynb": readFixture("with-ids.ipynb"),
    "/w/SALES.IPYNB": readFixture("without-ids.ipynb"),
    "/w/sales.py": readFixture("jupytext-percent.py"),
    "/w/notes.txt": "# %%\nx = 1",
    "/w/Makefile": "all:",
  });

  it("reads .ipynb files as Jupyter notebooks, whatever the case of the extension", async () => {
    const notebook = await readNotebookFile(fs, "/w/sales.ipynb");
    assert.equal(notebook.origin, "/w/sales.ipynb");
    assert.equal(notebook.cells[0]?.id, "intro");
    assert.equal((await readNotebookFile(fs, "/w/SALES.IPYNB")).cells.length, 7);
  });

  it("reads .py files as percent scripts", async () => {
    const notebook = await readNotebookFile(fs, "/w/sales.py");
    assert.deepEqual(notebook.cells.slice(0, 3).map((cell) => cell.kind), ["markdown", "code", "code"]);
    assert.deepEqual(notebook.cells[2]?.tags, ["parameters"]);
  });

  it("rejects other files, saying which ones it reads", async () => {
    const supported = /is not a notebook nb2prod reads\. Open a Jupyter notebook \(\.ipynb\) or a percent script \(\.py/;
    await assertReadError(readNotebookFile(fs, "/w/notes.txt"), "/w/notes.txt", /a \.txt file/);
    await assertReadError(readNotebookFile(fs, "/w/notes.txt"), "/w/notes.txt", supported);
    await assertReadError(readNotebookFile(fs, "/w/Makefile"), "/w/Makefile", /a file without an extension/);
  });

  it("reports a missing file by its path", async () => {
    await assertReadError(readNotebookFile(fs, "/w/gone.ipynb"), "/w/gone.ipynb", /the file does not exist\. Check the path/);
  });

  it("passes the path to the reader, so its errors name the file", async () => {
    const broken = new MemoryFileSystem({ "/w/broken.ipynb": readFixture("invalid-json.ipynb") });
    await assertReadError(readNotebookFile(broken, "/w/broken.ipynb"), "/w/broken.ipynb", /invalid JSON at line 8/);
  });
});

describe("readNotebookFile on disk", () => {
  const dir = mkdtempSync(join(tmpdir(), "nb2prod-read-"));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads a fixture notebook and reports missing and unreadable paths", async () => {
    const fs = new NodeFileSystem();
    assert.equal((await readNotebookFile(fs, fixturePath("with-ids.ipynb"))).cells.length, 7);
    await assertReadError(readNotebookFile(fs, join(dir, "none.ipynb")), join(dir, "none.ipynb"), /does not exist/);
    await assertReadError(readNotebookFile(fs, join(dir, "none", "x.py")), join(dir, "none", "x.py"), /does not exist/);
    const folder = join(dir, "folder.ipynb");
    mkdirSync(folder);
    await assertReadError(readNotebookFile(fs, folder), folder, /the file cannot be read \(it is not a regular file/);
  });
});
