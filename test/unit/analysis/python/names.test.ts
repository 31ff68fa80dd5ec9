import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sorted, useParser } from "./parserFixture";
import { SCOPE_CASES } from "./scopeCases";

describe("analyzePythonSource: defines and reads", () => {
  const { analyze } = useParser();

  for (const testCase of SCOPE_CASES) {
    it(testCase.rule, () => {
      const analysis = analyze(testCase.source);
      assert.deepEqual(
        { defines: sorted(analysis.defines), reads: sorted(analysis.reads) },
        { defines: sorted(testCase.defines), reads: sorted(testCase.reads) },
      );
    });
  }

  it("lists defines in the order the cell binds them", () => {
    assert.deepEqual(analyze("b = 1\na = 2\nb = 3\nc = a").defines, ["b", "a", "c"]);
  });

  it("lists each read once", () => {
    assert.deepEqual(analyze("f(x)\nf(x)\ndef g():\n    return x").reads, ["f", "x"]);
  });
});
