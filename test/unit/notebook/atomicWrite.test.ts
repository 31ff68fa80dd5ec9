// The FileSystem port's atomic write, which notebook saves rely on, in both implementations.
import * as assert from "node:assert/strict";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, beforeEach, describe, it } from "node:test";
import { MemoryFileSystem } from "../../../src/core/memoryFileSystem";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import { FileNotFoundError } from "../../../src/core/ports";

describe("NodeFileSystem", () => {
  const root = mkdtempSync(join(tmpdir(), "nb2prod-fs-"));
  let dir = root;
  let case_ = 0;
  const fs = new NodeFileSystem();
  beforeEach(() => {
    case_ += 1;
    dir = join(root, String(case_));
    mkdirSync(dir);
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("creates a file and replaces it, leaving no temporary file", async () => {
    const path = join(dir, "a.ipynb");
    await fs.writeTextAtomic(path, "first ✓");
    await fs.writeTextAtomic(path, "second ✓");
    assert.equal(readFileSync(path, "utf8"), "second ✓");
    assert.equal(await fs.readText(path), "second ✓");
    assert.deepEqual(readdirSync(dir), ["a.ipynb"]);
  });

  it("keeps the permissions of the file it replaces, even those the umask would remove", async () => {
    const path = join(dir, "shared.ipynb");
    writeFileSync(path, "old");
    chmodSync(path, 0o606);
    await fs.writeTextAtomic(path, "new");
    assert.equal(statSync(path).mode & 0o777, 0o606);
  });

  it("writes through a symlink to the file it points to", async () => {
    const target = join(dir, "real.ipynb");
    const link = join(dir, "link.ipynb");
    writeFileSync(target, "old");
    symlinkSync(target, link);
    await fs.writeTextAtomic(link, "new");
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(target, "utf8"), "new");
    assert.deepEqual(readdirSync(dir).sort(), ["link.ipynb", "real.ipynb"]);
  });

  it("leaves the target and the folder as they were when the rename fails", async () => {
    const target = join(dir, "taken.ipynb");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "kept");
    await assert.rejects(fs.writeTextAtomic(target, "new"));
    assert.deepEqual(readdirSync(dir), ["taken.ipynb"]);
    assert.equal(readFileSync(join(target, "inside"), "utf8"), "kept");
  });

  it("fails without leaving anything when the folder does not exist", async () => {
    await assert.rejects(fs.writeTextAtomic(join(dir, "missing", "a.ipynb"), "x"), /ENOENT/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it("reports a missing file as FileNotFoundError, and says whether paths exist", async () => {
    await assert.rejects(fs.readText(join(dir, "none")), FileNotFoundError);
    await assert.rejects(fs.readText(join(dir, "none", "deeper")), FileNotFoundError);
    writeFileSync(join(dir, "here"), "");
    assert.equal(await fs.exists(join(dir, "here")), true);
    assert.equal(await fs.exists(join(dir, "none")), false);
  });
});

describe("MemoryFileSystem", () => {
  it("reads what it was given and what was written", async () => {
    const fs = new MemoryFileSystem({ "/w/a.txt": "a" });
    await fs.writeTextAtomic("/w/b.txt", "b");
    assert.equal(await fs.readText("/w/a.txt"), "a");
    assert.equal(await fs.readText("/w/./b.txt"), "b");
    assert.equal(await fs.exists("/w/b.txt"), true);
    assert.equal(await fs.exists("/w/c.txt"), false);
    await assert.rejects(fs.readText("/w/c.txt"), FileNotFoundError);
  });

  it("never leaves a half-written target or a temporary file when a write fails", async () => {
    const fs = new MemoryFileSystem({ "/w/a.ipynb": "old" });
    fs.failNextWrite(new Error("disk full"));
    await assert.rejects(fs.writeTextAtomic("/w/a.ipynb", "new content"), /disk full/);
    assert.equal(await fs.readText("/w/a.ipynb"), "old");
    assert.deepEqual(fs.paths(), ["/w/a.ipynb"]);
    await fs.writeTextAtomic("/w/a.ipynb", "new content");
    assert.equal(await fs.readText("/w/a.ipynb"), "new content");
  });
});
