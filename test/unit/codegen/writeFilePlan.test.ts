// Writing a FilePlan: atomic writes through the FileSystem port, and user edits are never
// overwritten (detected with the hash of the file's own body in its header).
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryFileSystem } from "../../../src/core/memoryFileSystem";
import { parseHeader, renderHeader, renderJsonWithHeader, sourceHash } from "../../../src/core/codegen/fileHeader";
import type { FilePlan, PlannedFile } from "../../../src/core/codegen/filePlan";
import { OutsideOutputError, planFileWrites, writeFilePlan } from "../../../src/core/codegen/writeFilePlan";

const fields = { notebook: "nb.ipynb", cellIds: ["a1", "b2"], sourceHash: sourceHash([{ id: "a1", source: "x = 1" }]) };

function planned(path: string, body: string, ownership: PlannedFile["ownership"] = "generated"): PlannedFile {
  return { path, content: `${renderHeader(fields, body, "hash")}${body}`, ownership, cellIds: fields.cellIds, sourceHash: fields.sourceHash };
}

const planOf = (...files: PlannedFile[]): FilePlan => ({ projectName: "p", packageName: "p", files, warnings: [] });

describe("file headers", () => {
  it("round-trip the notebook, cells and hashes, and tell an untouched body from an edited one", () => {
    const text = planned("x.py", "print(1)\n").content;
    const header = parseHeader(text);
    assert.deepEqual({ ...header, body: undefined }, { notebook: "nb.ipynb", cellIds: ["a1", "b2"], sourceHash: fields.sourceHash, contentHash: header?.contentHash, body: undefined });
    assert.equal(header?.body, "print(1)\n");
    assert.notEqual(sourceHash([{ id: "a1", source: "x = 2" }]), fields.sourceHash);
  });

  it("put JSON headers in an nb2prod member hashed without it", () => {
    const text = renderJsonWithHeader({ schemaVersion: 1, steps: [] }, fields);
    const header = parseHeader(text);
    assert.equal(header?.body, JSON.stringify({ schemaVersion: 1, steps: [] }, null, 2));
    assert.equal(parseHeader("{}"), undefined);
  });
});

describe("writeFilePlan", () => {
  for (const path of ["../escape.py", "a/../../escape.py", "/etc/passwd", "a/./b.py", "a\\..\\b.py", "", "nul\u0000.py"]) {
    it(`refuses the path ${JSON.stringify(path)} before writing anything`, async () => {
      const fs = new MemoryFileSystem();
      await assert.rejects(writeFilePlan(fs, "out", planOf(planned("ok.py", "a = 1\n"), planned(path, "b = 1\n"))), OutsideOutputError);
      assert.equal(await fs.exists("out/ok.py"), false);
    });
  }

  it("creates missing files, leaves identical ones alone, and updates untouched generated ones", async () => {
    const fs = new MemoryFileSystem();
    const first = await writeFilePlan(fs, "out", planOf(planned("a.py", "a = 1\n"), planned("b.py", "b = 1\n")));
    assert.deepEqual(first.results.map((result) => result.outcome), ["created", "created"]);
    const second = await writeFilePlan(fs, "out", planOf(planned("a.py", "a = 1\n"), planned("b.py", "b = 2\n")));
    assert.deepEqual(second.results.map((result) => result.outcome), ["unchanged", "updated"]);
    assert.match(await fs.readText("out/b.py"), /b = 2\n$/);
  });

  it("reports a file the user edited as a conflict and keeps their text", async () => {
    const fs = new MemoryFileSystem();
    await writeFilePlan(fs, "out", planOf(planned("a.py", "a = 1\n"), planned("tests/test_a.py", "t = 1\n", "user")));
    const edited = (await fs.readText("out/a.py")).replace("a = 1", "a = 42");
    await fs.writeTextAtomic("out/a.py", edited);
    await fs.writeTextAtomic("out/tests/test_a.py", (await fs.readText("out/tests/test_a.py")) + "assert t\n");
    const report = await writeFilePlan(fs, "out", planOf(planned("a.py", "a = 2\n"), planned("tests/test_a.py", "t = 2\n", "user")));
    assert.deepEqual(report.conflicts.map((conflict) => conflict.path), ["a.py", "tests/test_a.py"]);
    assert.match(report.conflicts[0]?.reason ?? "", /you changed the file/);
    assert.match(report.conflicts[1]?.reason ?? "", /you extended this file/);
    assert.equal(await fs.readText("out/a.py"), edited);
  });

  it("never overwrites a file nb2prod did not write", async () => {
    const fs = new MemoryFileSystem({ "out/README.md": "# mine\n" });
    const report = await writeFilePlan(fs, "out", planOf(planned("README.md", "# generated\n")));
    assert.equal(report.conflicts[0]?.reason, "the file exists and was not written by nb2prod");
    assert.equal(await fs.readText("out/README.md"), "# mine\n");
  });

  it("writes atomically: a failed write leaves neither a torn file nor a temporary one", async () => {
    const fs = new MemoryFileSystem();
    await writeFilePlan(fs, "out", planOf(planned("a.py", "a = 1\n")));
    const before = await fs.readText("out/a.py");
    fs.failNextWrite(new Error("disk full"));
    await assert.rejects(writeFilePlan(fs, "out", planOf(planned("a.py", "a = 2\n"))), /disk full/);
    assert.equal(await fs.readText("out/a.py"), before);
    assert.deepEqual(fs.paths(), ["out/a.py"]);
  });

  it("asks the caller to prepare each file's folder", async () => {
    const folders: string[] = [];
    await writeFilePlan(new MemoryFileSystem(), "out", planOf(planned("src/pkg/x.py", "x = 1\n")), (folder) => {
      folders.push(folder);
      return Promise.resolve();
    });
    assert.deepEqual(folders, ["out/src/pkg"]);
  });
});

describe("planFileWrites", () => {
  it("says what writeFilePlan would do with each file, with the current text, and writes nothing", async () => {
    const fs = new MemoryFileSystem({ "out/mine.md": "# mine\n" });
    await writeFilePlan(fs, "out", planOf(planned("same.py", "s = 1\n"), planned("old.py", "o = 1\n"), planned("edited.py", "e = 1\n")));
    const edited = (await fs.readText("out/edited.py")).replace("e = 1", "e = 42");
    await fs.writeTextAtomic("out/edited.py", edited);
    const before = new Map(await Promise.all(fs.paths().map(async (path) => [path, await fs.readText(path)] as const)));

    const plan = planOf(planned("new.py", "n = 1\n"), planned("same.py", "s = 1\n"), planned("old.py", "o = 2\n"), planned("edited.py", "e = 2\n"), planned("mine.md", "# generated\n"));
    const writes = await planFileWrites(fs, "out", plan);

    assert.deepEqual(
      writes.map((write) => [write.path, write.target, write.outcome]),
      [
        ["new.py", "out/new.py", "created"],
        ["same.py", "out/same.py", "unchanged"],
        ["old.py", "out/old.py", "updated"],
        ["edited.py", "out/edited.py", "conflict"],
        ["mine.md", "out/mine.md", "conflict"],
      ],
    );
    assert.equal(writes[0]?.existing, undefined);
    assert.equal(writes[2]?.existing, before.get("out/old.py"));
    assert.match(writes[3]?.reason ?? "", /you changed the file/);
    assert.equal(writes[3]?.existing, edited);
    assert.equal(writes[4]?.reason, "the file exists and was not written by nb2prod");
    const after = new Map(await Promise.all(fs.paths().map(async (path) => [path, await fs.readText(path)] as const)));
    assert.deepEqual(after, before, "planning wrote nothing");
  });

  it("agrees with writeFilePlan's report on the same folder", async () => {
    const fs = new MemoryFileSystem({ "out/mine.md": "# mine\n" });
    const plan = planOf(planned("a.py", "a = 1\n"), planned("mine.md", "# generated\n"));
    const decided = await planFileWrites(fs, "out", plan);
    const report = await writeFilePlan(fs, "out", plan);
    assert.deepEqual(decided.map((write) => [write.path, write.outcome, write.reason]), report.results.map((result) => [result.path, result.outcome, result.reason]));
  });
});
