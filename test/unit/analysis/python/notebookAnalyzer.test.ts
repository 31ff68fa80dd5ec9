import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NotebookAnalyzer } from "../../../../src/core/analysis/python/notebookAnalyzer";
import type { NotebookCellModel, NotebookModel } from "../../../../src/core/notebook/notebookModel";
import { useParser } from "./parserFixture";

function cell(index: number, source: string, kind: NotebookCellModel["kind"] = "code", language = "python"): NotebookCellModel {
  return { id: `c${index}`, index, kind, language, source, tags: [], executionCount: null, metadata: {} };
}

function notebook(cells: readonly NotebookCellModel[], language = "python"): NotebookModel {
  return { origin: "test.ipynb", language, cells };
}

describe("NotebookAnalyzer", () => {
  const { parser } = useParser();

  it("analyses Python code cells in order, with their ids and indexes, and skips the rest", () => {
    const model = notebook([
      cell(0, "# Title", "markdown", "markdown"),
      cell(1, "import pandas as pd"),
      cell(2, "raw text", "raw", "raw"),
      cell(3, "const x = 1;", "code", "typescript"),
      cell(4, "df = pd.read_csv('a.csv')", "code", "ipython3"),
      cell(5, "df.head()", "code", ""),
    ]);
    const cells = new NotebookAnalyzer(parser()).analyze(model);
    assert.deepEqual(
      cells.map((analysis) => [analysis.cellId, analysis.index, analysis.defines]),
      [["c1", 1, ["pd"]], ["c4", 4, ["df"]], ["c5", 5, []]],
    );
    assert.equal(cells[2]?.displayOnly, true);
  });

  it("a cell without its own language follows the notebook's", () => {
    const cells = new NotebookAnalyzer(parser()).analyze(notebook([cell(0, "x = 1", "code", "")], "R"));
    assert.deepEqual(cells, []);
  });

  it("re-analysing after one edited cell analyses only that cell", () => {
    const sources = Array.from({ length: 50 }, (_, index) => `v${index} = v${index > 0 ? index - 1 : "seed"} + 1`);
    const analyzer = new NotebookAnalyzer(parser());
    const first = analyzer.analyze(notebook(sources.map((source, index) => cell(index, source))));
    assert.deepEqual(analyzer.stats, { hits: 0, misses: 50, size: 50 });
    const edited = sources.map((source, index) => cell(index, index === 20 ? "v20 = 42" : source));
    const second = analyzer.analyze(notebook(edited));
    assert.deepEqual(analyzer.stats, { hits: 49, misses: 51, size: 51 });
    assert.deepEqual(second[20]?.reads, []);
    assert.deepEqual(first[20]?.reads, ["v19"]);
    assert.deepEqual(second[21], first[21]);
  });

  it("cells with the same source share one analysis but keep their own id and index", () => {
    const analyzer = new NotebookAnalyzer(parser());
    const cells = analyzer.analyze(notebook([cell(0, "x = 1"), cell(1, "x = 1")]));
    assert.deepEqual(analyzer.stats.misses, 1);
    assert.deepEqual(cells.map((analysis) => [analysis.cellId, analysis.index]), [["c0", 0], ["c1", 1]]);
  });

  it("forgets the least recently used sources beyond its capacity", () => {
    const analyzer = new NotebookAnalyzer(parser(), 2);
    analyzer.analyzeSource("a = 1");
    analyzer.analyzeSource("b = 1");
    analyzer.analyzeSource("a = 1");
    analyzer.analyzeSource("c = 1");
    assert.equal(analyzer.stats.size, 2);
    analyzer.analyzeSource("a = 1");
    assert.deepEqual(analyzer.stats, { hits: 2, misses: 3, size: 2 });
    analyzer.analyzeSource("b = 1");
    assert.deepEqual(analyzer.stats, { hits: 2, misses: 4, size: 2 });
  });

  it("keeps the sources typed over in proportion to the notebooks it analyses, not up to its capacity", () => {
    const analyzer = new NotebookAnalyzer(parser());
    const sources = Array.from({ length: 10 }, (_, index) => `value_${index} = ${index}`);
    for (let round = 0; round < 700; round += 1) {
      analyzer.analyze(notebook(sources.map((source, index) => cell(index, index === round % 10 ? `${source}\ntyped_${round} = ${round}` : source))));
    }
    // Four times the notebook's cells, at least 512: the 10 current sources and the latest typed over.
    assert.equal(analyzer.stats.size, 512);
    const again = analyzer.stats.misses;
    analyzer.analyze(notebook(sources.map((source, index) => cell(index, source))));
    assert.equal(analyzer.stats.misses, again, "the notebook's current sources are kept");
  });

  it("keeps four times the cells of the largest notebook it analysed", () => {
    const analyzer = new NotebookAnalyzer(parser());
    const large = Array.from({ length: 200 }, (_, index) => cell(index, `value_${index} = ${index}`));
    analyzer.analyze(notebook(large));
    for (let round = 0; round < 700; round += 1) analyzer.analyze(notebook([cell(0, `typed_${round} = ${round}`)]));
    assert.equal(analyzer.stats.size, 800);
  });

  it("analyses a 200-cell notebook cell by cell (the warm time is printed, never asserted)", () => {
    const sources = Array.from({ length: 200 }, (_, index) =>
      [`import numpy as np`, `data_${index} = np.arange(${index}) * 2`, `def f_${index}(x, k=${index}):`, `    return [v + k for v in x if v]`, `result_${index} = f_${index}(data_${index})`, `result_${index}.sort()`].join("\n"),
    );
    const model = notebook(sources.map((source, index) => cell(index, source)));
    new NotebookAnalyzer(parser()).analyze(model);
    const start = performance.now();
    const analyses = new NotebookAnalyzer(parser()).analyze(model);
    const elapsed = performance.now() - start;
    console.log(`200-cell notebook, warm parser, empty cache: ${elapsed.toFixed(1)} ms (npm run bench analysis measures it)`);
    assert.equal(analyses.length, 200);
    analyses.forEach((analysis, index) => {
      assert.deepEqual([...analysis.defines].sort(), [`data_${index}`, `f_${index}`, `np`, `result_${index}`].sort());
      assert.deepEqual(analysis.mutates.map((mutation) => mutation.name), [`result_${index}`]);
    });
  });
});
