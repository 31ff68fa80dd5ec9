import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assignCellIds, sourceHashId } from "../../../src/core/notebook/cellIds";

const cells = (...sources: string[]): { source: string }[] => sources.map((source) => ({ source }));

describe("sourceHashId", () => {
  it("is the first 8 hex digits of the SHA-1 of the source (FIPS 180 test vectors)", () => {
    assert.equal(sourceHashId(""), "da39a3ee");
    assert.equal(sourceHashId("abc"), "a9993e36");
  });
});

describe("assignCellIds", () => {
  it("derives ids from sources, numbering repeats -2, -3 in order", () => {
    const ids = assignCellIds(cells("x = 1", "df.head()", "df.head()", "", "df.head()"));
    const head = sourceHashId("df.head()");
    assert.deepEqual(ids, [sourceHashId("x = 1"), head, `${head}-2`, sourceHashId(""), `${head}-3`]);
  });

  it("keeps the ids of the other cells when a cell is inserted, removed or moved", () => {
    const before = assignCellIds(cells("a", "b", "c"));
    const inserted = assignCellIds(cells("a", "new", "b", "c"));
    const moved = assignCellIds(cells("c", "a", "b"));
    assert.deepEqual([inserted[0], inserted[2], inserted[3]], before);
    assert.deepEqual(moved, [before[2], before[0], before[1]]);
  });

  it("keeps a cell's own id, and renames only the repeats of a duplicated id", () => {
    const ids = assignCellIds([{ id: "intro", source: "x" }, { id: "intro", source: "y" }, { id: "", source: "abc" }]);
    assert.deepEqual(ids, ["intro", "intro-2", "a9993e36"]);
  });

  it("never derives an id that another cell carries explicitly, even a later one", () => {
    const ids = assignCellIds([{ source: "abc" }, { id: "a9993e36", source: "other" }]);
    assert.deepEqual(ids, ["a9993e36-2", "a9993e36"]);
  });
});
