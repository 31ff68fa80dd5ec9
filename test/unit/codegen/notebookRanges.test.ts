// The value ranges a notebook asserts on a step's data: which forms are taken, and which are
// left alone (anything else, other values, a value changed after its assert).
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertedRanges } from "../../../src/core/codegen/python/notebookRanges";

const ranges = (source: string): unknown => Object.fromEntries(assertedRanges(source, new Set(["X", "y"])));

describe("asserted value ranges", () => {
  const taken: [string, string, unknown][] = [
    ["between on a column", 'assert X["age"].between(0, 120).all()', { X: [{ column: "age", kind: "in_range", min: 0, max: 120 }] }],
    ["a comparison on a column, single quotes, with a message", "assert (X['bmi'] > 0.5).all(), \"bmi must be positive\"", { X: [{ column: "bmi", kind: "gt", bound: 0.5 }] }],
    ["a comparison on a series", "assert (y >= -1e3).all()", { y: [{ kind: "ge", bound: -1000 }] }],
    ["min and max", 'assert X["s1"].min() >= 0\nassert X["s1"].max() < 10', { X: [{ column: "s1", kind: "ge", bound: 0 }, { column: "s1", kind: "lt", bound: 10 }] }],
  ];
  for (const [name, source, expected] of taken) it(`takes ${name}`, () => { assert.deepEqual(ranges(source), expected); });

  const left: [string, string][] = [
    ["a value not handed on", 'assert Z["age"].between(0, 1).all()'],
    ["a bound that is not a number literal", 'assert X["age"].between(0, limit).all()'],
    ["a column name with a quote or escape", 'assert X["it\\"s"].between(0, 1).all()'],
    ["a condition with more to it", 'assert (X["age"] >= 0).all() and ok'],
    ["min() bounded from above (it bounds nothing)", 'assert X["age"].min() <= 5'],
    ["a value assigned after its assert", 'assert X["age"].between(0, 120).all()\nX = X * 2'],
    ["a column assigned after its assert", 'assert X["age"].between(0, 120).all()\nX["age"] += 1'],
    ["a cell set through .loc after its assert", 'assert (X["age"] >= 0).all()\nX.loc[0, "age"] = -5'],
    ["a change in place after its assert", 'assert (y >= 0).all()\ny.clip(lower=-5, inplace=True)'],
    ["a commented-out assert", '# assert X["age"].between(0, 120).all()'],
  ];
  for (const [name, source] of left) it(`leaves ${name}`, () => { assert.deepEqual(ranges(source), {}); });

  it("keeps every range of a value several asserts bound, and comparisons later on do not count as changes", () => {
    assert.deepEqual(ranges('assert (X["a"] >= 0).all()\nassert (X["a"] <= 10).all()\nsmall = X["a"] <= 3'), { X: [{ column: "a", kind: "ge", bound: 0 }, { column: "a", kind: "le", bound: 10 }] });
  });

  it("keeps an assert when only another value changes later", () => {
    assert.deepEqual(ranges('assert (y >= 0).all()\nX = X.dropna()\nassert y.max() == y.max()'), { y: [{ kind: "ge", bound: 0 }] });
  });
});
