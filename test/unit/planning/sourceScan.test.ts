import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findAssignments, findCalls } from "../../../src/core/planning/pythonCalls";
import { maskPython, statements } from "../../../src/core/planning/sourceScan";

describe("maskPython", () => {
  it("blanks strings, comments and IPython lines but keeps offsets and newlines", () => {
    const source = 'x = "a(b)"  # call(me)\n%time y = f(x)\n!pip install z\ns = r\'\\\'\'\nt = """one\ntwo(3)"""';
    const masked = maskPython(source);
    assert.equal(masked.length, source.length);
    assert.equal(masked.split("\n").length, source.split("\n").length);
    assert.doesNotMatch(masked, /a\(b\)|call\(me\)|f\(x\)|pip|two\(3\)/);
    assert.match(masked, /^x = " {4}"/);
  });

  it("keeps code after a string with an escaped quote", () => {
    assert.match(maskPython('a = "say \\"hi\\""; b = g(a)'), /b = g\(a\)$/);
  });
});

describe("statements", () => {
  it("joins bracketed continuation lines and splits on semicolons", () => {
    const masked = maskPython("x = f(\n    1,\n)\na = 1; b = 2\nif a:\n    c = 3\n");
    const found = statements(masked).map((statement) => [masked.slice(statement.start, statement.end).replace(/\s+/g, " "), statement.line, statement.indent]);
    assert.deepEqual(found, [
      ["x = f( 1, )", 1, 0],
      ["a = 1", 4, 0],
      ["b = 2", 4, 0],
      ["if a:", 5, 0],
      ["c = 3", 6, 4],
    ]);
  });
});

describe("findCalls", () => {
  const calls = (source: string): ReturnType<typeof findCalls> => findCalls(maskPython(source), source);

  it("finds dotted calls with their receiver, first argument and line", () => {
    assert.deepEqual(calls('import joblib\n\njoblib.dump(model, "m.pkl")'), [
      { name: "joblib.dump", text: "joblib.dump", method: "dump", receiver: "joblib", firstArg: "model", argsText: 'model, "     ")', line: 3 },
    ]);
  });

  it("shows a call on an expression as written, and names a constructor it is chained on", () => {
    const [inner, outer] = calls("scaler = StandardScaler().fit(X)");
    assert.equal(inner?.name, "StandardScaler");
    assert.deepEqual(outer, { name: ".fit", text: "StandardScaler().fit", method: "fit", firstArg: "X", chainedOn: "StandardScaler", argsText: "X)", line: 1 });
    assert.equal(calls('df["a"].isna().sum()')[1]?.text, 'df["a"].isna().sum');
  });

  it("skips keywords, definitions and calls inside strings or comments", () => {
    const names = calls('def f(x):\n    return (x)\nif (a):\n    print("g(1)")  # h(2)\nclass K(Base):\n    pass').map((call) => call.name);
    assert.deepEqual(names, ["print"]);
  });
});

describe("findAssignments", () => {
  it("finds top-level single-target assignments and the call they take their value from", () => {
    const found = findAssignments(maskPython('df = pd.read_csv("x")\nn: int = 3\n    inner = 1\na == b\nm = Model().fit(X)'));
    assert.deepEqual(found.map((entry) => [entry.name, entry.call, entry.line]), [
      ["df", "pd.read_csv", 1],
      ["n", undefined, 2],
      ["m", "Model", 5],
    ]);
  });
});
