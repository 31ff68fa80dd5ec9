import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MagicRecord } from "../../../../src/core/analysis/cellAnalysis";
import { splitIpython } from "../../../../src/core/analysis/python/ipythonSyntax";
import { classifyLines } from "../../../../src/core/analysis/python/logicalLines";
import { maskIpythonSyntax } from "../../../../src/core/analysis/python/pythonParser";
import { useParser } from "./parserFixture";

const magic = (kind: MagicRecord["kind"], name: string, text: string, line = 1): MagicRecord => ({ kind, name, text, line });

const MAGIC_CASES: readonly { readonly source: string; readonly magics: readonly MagicRecord[]; readonly python: string }[] = [
  { source: "%matplotlib inline", magics: [magic("line-magic", "matplotlib", "matplotlib inline")], python: "" },
  { source: "!pip install scikit-learn==1.2", magics: [magic("shell", "pip", "pip install scikit-learn==1.2")], python: "" },
  { source: "%pip install -q xgboost", magics: [magic("line-magic", "pip", "pip install -q xgboost")], python: "" },
  { source: "pip install lightgbm", magics: [magic("line-magic", "pip", "pip install lightgbm")], python: "" },
  { source: "%run ./prep.py", magics: [magic("line-magic", "run", "run ./prep.py")], python: "" },
  { source: "files = !ls data", magics: [magic("shell", "ls", "ls data")], python: "files = None" },
  { source: "t = %timeit -o -n 10 f(x)", magics: [magic("line-magic", "timeit", "timeit -o -n 10 f(x)")], python: "t = f(x)" },
  { source: "%time model.fit(X, y)", magics: [magic("line-magic", "time", "time model.fit(X, y)")], python: "model.fit(X, y)" },
  { source: "df.describe?", magics: [magic("line-magic", "pinfo", "df.describe?")], python: "" },
  { source: "??np.where", magics: [magic("line-magic", "pinfo2", "??np.where")], python: "" },
  { source: "%%time\nx = 1", magics: [magic("cell-magic", "time", "time")], python: "\nx = 1" },
  { source: "%%capture out\nx = 1", magics: [magic("cell-magic", "capture", "capture out")], python: "\nx = 1" },
  { source: "\n%%bash\nls -la\nx = 1", magics: [magic("cell-magic", "bash", "bash", 2)], python: "\n\n\n" },
  { source: "for f in files:\n    !echo {f}\n", magics: [magic("shell", "echo", "echo {f}", 2)], python: "for f in files:\n    pass\n" },
  { source: "!ls \\\n  -la", magics: [magic("shell", "ls", "ls  -la")], python: "\n" },
  { source: 'print("a"\n      % x)\ns = """\n%notmagic\n"""', magics: [], python: 'print("a"\n      % x)\ns = """\n%notmagic\n"""' },
  { source: "x = 5 % 3\ny = a != b\nz = f'{q!r}'", magics: [], python: "x = 5 % 3\ny = a != b\nz = f'{q!r}'" },
];

describe("IPython syntax: magics, shell escapes, help", () => {
  const { analyze } = useParser();

  for (const testCase of MAGIC_CASES) {
    it(`reads ${JSON.stringify(testCase.source)}`, () => {
      const split = splitIpython(testCase.source);
      assert.deepEqual({ magics: split.magics, python: split.python }, { magics: testCase.magics, python: testCase.python });
      assert.deepEqual(analyze(testCase.source).magics, testCase.magics);
    });
  }

  it("a cell magic other than time/capture/... makes the cell non-Python: nothing is analysed", () => {
    const analysis = analyze("%%writefile train.py\nimport os\nx = y");
    assert.equal(splitIpython("%%writefile train.py\nimport os").isPython, false);
    assert.deepEqual([analysis.defines, analysis.reads, analysis.imports, analysis.syntaxErrors], [[], [], [], []]);
    assert.deepEqual(analysis.fileWrites, [{ path: "train.py", call: "%%writefile", line: 1 }]);
    assert.equal(analysis.displayOnly, false);
  });

  it("%%html and %%bash bodies are not parsed as Python, so they report no syntax errors", () => {
    assert.deepEqual(analyze("%%html\n<div>not python</div>").syntaxErrors, []);
    assert.deepEqual(analyze("%%bash\nfor f in *; do echo $f; done").syntaxErrors, []);
  });

  it("keeps line numbers and maps columns of rewritten lines back to the cell", () => {
    const analysis = analyze("%matplotlib inline\n%time y = f(\nz = 1");
    assert.equal(maskIpythonSyntax("%matplotlib inline\n!ls\nx = 1").split("\n").length, 3);
    assert.deepEqual(analysis.syntaxErrors.map((issue) => [issue.line, issue.column]), [[2, 12]]);
  });

  it("normalises Windows line ends", () => {
    assert.equal(splitIpython("%matplotlib inline\r\nx = 1\r\n").python, "\nx = 1\n");
  });
});

describe("classifyLines: where logical lines start", () => {
  it("brackets, strings and backslashes continue a line; comments do not open anything", () => {
    const lines = ["f(a,", "  b)", "s = '''", "%x", "'''", "t = 1 + \\", "  2", "u = ')'  # (", "%y"];
    assert.deepEqual(classifyLines(lines, () => false), ["start", "continuation", "start", "continuation", "continuation", "start", "continuation", "start", "start"]);
  });

  it("escaped lines are not scanned, and their backslash continues them", () => {
    const lines = ["!echo 'unbalanced", "x = 1", "%cmd \\", "  more", "y = (1,", "  2)"];
    const kinds = classifyLines(lines, (line) => /^\s*[!%]/.test(line));
    assert.deepEqual(kinds, ["escaped", "start", "escaped", "escaped-continuation", "start", "continuation"]);
  });
});
