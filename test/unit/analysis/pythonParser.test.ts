import * as assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { maskIpythonSyntax, PythonParser } from "../../../src/core/analysis/python/pythonParser";
import { copyTree } from "../../../src/core/analysis/python/syntaxTree";
import type { CopiedTree, SyntaxNode } from "../../../src/core/analysis/python/syntaxTree";
import { corpusDir } from "../../corpus";
import { collectCorpusCells } from "./python/corpusCells";
import { useParser } from "../parserFixture";


describe("PythonParser (web-tree-sitter, wasm from dist/)", () => {
  const parserOf = useParser();

  it("parses valid Python into a module tree", () => {
    const tree = parserOf().parse("import pandas as pd\ndf = pd.read_csv('x.csv')\n");
    try {
      assert.equal(tree.rootNode.type, "module");
      assert.equal(tree.rootNode.childCount, 2);
      assert.equal(tree.rootNode.hasError, false);
    } finally {
      tree.delete();
    }
  });

  it("reports syntax errors", () => {
    assert.equal(parserOf().hasSyntaxError("def broken(:\n    pass\n"), true);
    assert.equal(parserOf().hasSyntaxError("x = [1, 2\n"), true);
    assert.equal(parserOf().hasSyntaxError("match x:\n    case [a, *rest]:\n        pass\n"), false);
  });

  it("parses cells with IPython magics once they are masked, keeping line numbers", () => {
    const cell = "%matplotlib inline\n!pip install scikit-learn\nx = 1\n  %time y = 2";
    assert.equal(parserOf().hasSyntaxError(cell), true);
    const masked = maskIpythonSyntax(cell);
    assert.equal(masked.split("\n").length, cell.split("\n").length);
    assert.equal(parserOf().hasSyntaxError(masked), false);
  });

  it("explains a missing grammar folder", async () => {
    await assert.rejects(PythonParser.load("/nonexistent/folder"), /Could not load the Python grammar from \/nonexistent\/folder/);
  });
});

describe("tree copy through the cursor's wasm calls (cursorReader.ts)", () => {
  const parserOf = useParser();

  /** Every node in pre-order, with its named children as indices into its children (a flat
   * form: `named` shares nodes with `children`, so comparing trees directly is exponential
   * in their depth). */
  function flat(copy: CopiedTree): string[] {
    const lines: string[] = [`depth ${copy.depth}`];
    const stack: SyntaxNode[] = [copy.root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      const named = node.named.map((child) => node.children.indexOf(child)).join(",");
      lines.push(`${node.type} named=${node.isNamed} missing=${node.isMissing} field=${node.field ?? "-"} ${node.start}-${node.end} [${named}]/${node.children.length}`);
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as SyntaxNode);
    }
    return lines;
  }

  function publicCopy(source: string): string[] {
    const tree = parserOf().parse(source);
    try {
      return flat(copyTree(tree));
    } finally {
      tree.delete();
    }
  }

  const directCopy = (source: string): string[] => flat(parserOf().parseCopy(source));

  it("is in use with the pinned web-tree-sitter (a version that changes its internals turns this red)", () => {
    assert.equal(parserOf().cursorCalls, "direct");
  });

  it("copies every corpus and fixture cell exactly as the public cursor does", () => {
    const repoRoot = join(__dirname, "..", "..", "..", "..");
    const { cells } = collectCorpusCells([
      { label: "corpus", dir: corpusDir(repoRoot) },
      { label: "fixtures", dir: join(repoRoot, "test", "fixtures") },
    ]);
    assert.ok(cells.length > 300, `only ${cells.length} cells found`);
    for (const cell of cells) {
      const python = maskIpythonSyntax(cell.source);
      assert.deepEqual(directCopy(python), publicCopy(python), cell.id);
    }
  });

  it("copies trees with syntax errors, missing tokens and deep nesting the same way", () => {
    const sources = [
      "def broken(:\n    pass\n",
      "x = [1, 2\ny = (3,\n",
      "print('a' 'b'\nif x\n    y = 1\n",
      `${"(".repeat(300)}1${")".repeat(300)}\n`,
      `${"[".repeat(120)}\n`,
      "f'{x!r:>{width}}' + rb'\\x00' # comment\n",
      "",
    ];
    for (const source of sources) assert.deepEqual(directCopy(source), publicCopy(source), JSON.stringify(source.slice(0, 40)));
  });

  it("frees each walk's cursor: thousands of deep copies in a row stay correct", () => {
    const source = `value = ${"[".repeat(60)}1${"]".repeat(60)}\n`;
    const expected = publicCopy(source);
    for (let round = 0; round < 3000; round += 1) assert.deepEqual(directCopy(source), expected);
  });
});
