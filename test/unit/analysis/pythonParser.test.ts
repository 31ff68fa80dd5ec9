import * as assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { maskIpythonSyntax, PythonParser } from "../../../src/core/analysis/python/pythonParser";

// The same folder the bundles load from: esbuild copies both .wasm files into dist/.
const wasmDir = join(__dirname, "..", "..", "..", "..", "dist");

describe("PythonParser (web-tree-sitter, wasm from dist/)", () => {
  let parser: PythonParser;
  before(async () => {
    parser = await PythonParser.load(wasmDir);
  });
  after(() => {
    parser.dispose();
  });

  it("parses valid Python into a module tree", () => {
    const tree = parser.parse("import pandas as pd\ndf = pd.read_csv('x.csv')\n");
    try {
      assert.equal(tree.rootNode.type, "module");
      assert.equal(tree.rootNode.childCount, 2);
      assert.equal(tree.rootNode.hasError, false);
    } finally {
      tree.delete();
    }
  });

  it("reports syntax errors", () => {
    assert.equal(parser.hasSyntaxError("def broken(:\n    pass\n"), true);
    assert.equal(parser.hasSyntaxError("x = [1, 2\n"), true);
    assert.equal(parser.hasSyntaxError("match x:\n    case [a, *rest]:\n        pass\n"), false);
  });

  it("parses cells with IPython magics once they are masked, keeping line numbers", () => {
    const cell = "%matplotlib inline\n!pip install scikit-learn\nx = 1\n  %time y = 2";
    assert.equal(parser.hasSyntaxError(cell), true);
    const masked = maskIpythonSyntax(cell);
    assert.equal(masked.split("\n").length, cell.split("\n").length);
    assert.equal(parser.hasSyntaxError(masked), false);
  });

  it("explains a missing grammar folder", async () => {
    await assert.rejects(PythonParser.load("/nonexistent/folder"), /Could not load the Python grammar from \/nonexistent\/folder/);
  });
});
