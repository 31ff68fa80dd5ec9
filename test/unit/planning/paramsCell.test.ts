import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseParametersCell } from "../../../src/core/planning/paramsCell";
import type { LiteralValue } from "../../../src/core/planning/pythonLiteral";
import { parsePythonLiteral } from "../../../src/core/planning/pythonLiteral";

describe("parsePythonLiteral", () => {
  const cases: readonly [string, LiteralValue | undefined, string | undefined][] = [
    ["42", 42, "int"],
    ["-7", -7, "int"],
    ["1_000", 1000, "int"],
    ["0.25", 0.25, "float"],
    ["1e-3", 0.001, "float"],
    ["2.", 2, "float"],
    ["True", true, "bool"],
    ["False  # off", false, "bool"],
    ['"data/x.csv"', "data/x.csv", "str"],
    ["'it\\'s'", "it's", "str"],
    ["r'\\d+'", "\\d+", "str"],
    ['"a" "b"', "ab", "str"],
    ['"""multi\nline"""', "multi\nline", "str"],
    ['["a", "b"]', ["a", "b"], "list[str]"],
    ["[1, 2.5]", [1, 2.5], "list[float]"],
    ["[[1, 2], [3]]", [[1, 2], [3]], "list[list[int]]"],
    ["[1, 'a']", [1, "a"], "list"],
    ["[]", [], "list"],
    ["[\n  1,\n  2,\n]", [1, 2], "list[int]"],
    ["None", undefined, undefined],
    ["{'a': 1}", undefined, undefined],
    ["(1, 2)", undefined, undefined],
    ['f"run-{n}"', undefined, undefined],
    ["b'bytes'", undefined, undefined],
    ["1 + 2", undefined, undefined],
    ["os.getenv('X')", undefined, undefined],
    ["Truex", undefined, undefined],
    // Escapes decode as Python decodes them (issue 10: a param must never differ silently).
    ['"a\\x7fb"', "a\u007fb", "str"],
    ['"\\u00e9\\U0001F600"', "\u00e9\u{1F600}", "str"],
    ['"\\101\\0\\a\\q"', "A\u0000\u0007\\q", "str"],
    ['"line\\\ncontinued"', "linecontinued", "str"],
    ['"\\N{BULLET}"', undefined, undefined],
    ['"\\ud800"', undefined, undefined],
    ['"\\xZZ"', undefined, undefined],
  ];
  for (const [text, value, type] of cases) {
    it(`${JSON.stringify(text)} → ${type ?? "not a literal"}`, () => {
      const literal = parsePythonLiteral(text);
      assert.deepEqual(literal === undefined ? undefined : [literal.value, literal.type], type === undefined ? undefined : [value, type]);
    });
  }
});

describe("parseParametersCell", () => {
  it("turns each plain assignment into a typed param and reports the other lines", () => {
    const parsed = parseParametersCell(
      '# Parameters\nepochs = 10\nlr: float = 1\nnames: list[str] = []\nout = Path("x")\nepochs = 20\n',
    );
    assert.deepEqual(parsed.params, [
      { name: "lr", value: 1, type: "float", line: 3 },
      { name: "names", value: [], type: "list[str]", line: 4 },
      { name: "epochs", value: 20, type: "int", line: 6 },
    ]);
    assert.deepEqual(parsed.problems, [{ line: 5, text: 'out = Path("x")' }]);
  });

  it("keeps the literal's type when an annotation contradicts it", () => {
    assert.equal(parseParametersCell('n: int = "3"').params[0]?.type, "str");
  });
});
