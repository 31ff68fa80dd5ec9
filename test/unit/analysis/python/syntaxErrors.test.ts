import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sorted, useParser } from "./parserFixture";

interface SyntaxCase {
  readonly source: string;
  readonly line: number;
  readonly column: number;
  readonly message: RegExp;
}

const CASES: readonly SyntaxCase[] = [
  { source: "x = np.array([1, 2, 3]\ny = 2", line: 1, column: 13, message: /"\(" is never closed/ },
  { source: "def broken(:\n    pass", line: 1, column: 11, message: /"\(" is never closed/ },
  { source: "items = [1, 2\n", line: 1, column: 9, message: /"\[" is never closed/ },
  { source: "x = 1)\n", line: 1, column: 6, message: /Unmatched "\)"/ },
  { source: 'print "hello"', line: 1, column: 1, message: /Missing parentheses in call to "print"/ },
  { source: "def f(x):\nreturn x", line: 1, column: 10, message: /Expected an indented block/ },
  { source: "x = 1\n    y = 2", line: 2, column: 5, message: /Unexpected indent/ },
  { source: "for i in range(3)\n    print(i)", line: 1, column: 1, message: /Invalid syntax/ },
  { source: "import os import sys", line: 1, column: 11, message: /separate/ },
  { source: "x = y: int", line: 1, column: 5, message: /only a single target can be annotated/ },
  { source: "total =\n5", line: 1, column: 1, message: /Line 1 ends before the statement is complete/ },
  { source: "if a <> b:\n    pass", line: 1, column: 6, message: /use "!="/ },
];

describe("analyzePythonSource: syntaxErrors", () => {
  const { analyze } = useParser();

  for (const testCase of CASES) {
    it(`reports ${JSON.stringify(testCase.source)}`, () => {
      const [first, ...rest] = analyze(testCase.source).syntaxErrors;
      assert.ok(first !== undefined, "no syntax error reported");
      assert.deepEqual([first.line, first.column], [testCase.line, testCase.column], first.message);
      assert.match(first.message, testCase.message);
      assert.deepEqual(rest, []);
    });
  }

  it("reports nothing for valid Python, including Python 3.10+ syntax", () => {
    const valid = [
      "match p:\n    case [x, *_]:\n        pass",
      "print >> sys.stderr, 'old style but a valid tuple'",
      "async def f():\n    async with a as b:\n        await b",
      "def f(a, /, b, *, c): ...",
      "x = (\n    1 +\n    2\n)\ny = 1 + \\\n    2",
      "if x:  # comment\n    pass\n# trailing comment",
      "try:\n    pass\nexcept* ValueError as e:\n    pass",
    ];
    for (const source of valid) assert.deepEqual(analyze(source).syntaxErrors, [], source);
  });

  it("analyses the rest of the cell where the parser recovers", () => {
    const analysis = analyze("import pandas as pd\ndef f(:\n    pass\ndf = pd.read_csv('a.csv')\nprint(df, other)");
    assert.equal(analysis.syntaxErrors.length, 1);
    assert.deepEqual(sorted(analysis.defines), ["df", "f", "pd"]);
    assert.deepEqual(analysis.reads, ["other"]);
    assert.deepEqual(analysis.fileReads, [{ path: "a.csv", call: "pd.read_csv", line: 4 }]);
  });

  it("after a bracket left open, the statements that follow are still analysed", () => {
    const analysis = analyze("import numpy as np\nx = np.array([1, 2, 3]  # typo\ny = x * 2\nz = y + w\ndf.to_csv('out.csv')");
    assert.deepEqual(analysis.syntaxErrors, [{ line: 2, column: 13, message: '"(" is never closed' }]);
    assert.deepEqual(sorted(analysis.defines), ["np", "x", "y", "z"]);
    assert.deepEqual(sorted(analysis.reads), ["df", "w"]);
    assert.deepEqual(analysis.fileWrites, [{ path: "out.csv", call: "df.to_csv", line: 5 }]);
  });

  it("reports several errors, one per line, in line order", () => {
    const lines = analyze("print 'a'\nx = 1\nprint 'b'").syntaxErrors.map((issue) => issue.line);
    assert.deepEqual(lines, [1, 3]);
  });

  it("gives up politely on nesting deeper than Python allows", () => {
    const analysis = analyze(`x = ${"(".repeat(3000)}1${")".repeat(3000)}`);
    assert.match(analysis.syntaxErrors[0]?.message ?? "", /Too deeply nested/);
  });
});
