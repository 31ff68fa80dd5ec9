// Differential test (issue 3, section 5): the analyser against a reference written in
// Python with ast/symtable (test/reference/reference_analyzer.py), over every code cell
// of the shared corpus and of the project's fixtures. Both see the same magic-masked
// source. Writes test-results/analysis-differential.json and prints the agreement.
import * as assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { splitIpython } from "../../../../src/core/analysis/python/ipythonSyntax";
import { collectCorpusCells } from "./corpusCells";
import { compareWithReference } from "./differentialCompare";
import { repoRoot, sorted, useParser } from "./parserFixture";
import { runReference } from "./referenceRunner";
import type { ReferenceResult } from "./referenceRunner";
import { SCOPE_CASES } from "./scopeCases";
import { corpusDir as corpusDirOf } from "../../../corpus";

const corpusDir = corpusDirOf(repoRoot);
const fixturesDir = join(repoRoot, "test", "fixtures");
const reportPath = join(repoRoot, "test-results", "analysis-differential.json");

describe("differential test against the Python reference analyser", () => {
  const { analyze } = useParser();

  it("the reference implements the same contract: every hand-written case", () => {
    const results = runReference(SCOPE_CASES.map((testCase, index) => ({ id: String(index), source: splitIpython(testCase.source).python })));
    const wrong = SCOPE_CASES.flatMap((testCase, index) => {
      const result = results.get(String(index));
      const got = result?.ok === true ? { defines: result.defines, reads: result.reads } : result;
      const expected = { defines: sorted(testCase.defines), reads: sorted(testCase.reads) };
      return JSON.stringify(got) === JSON.stringify(expected) ? [] : [{ rule: testCase.rule, got, expected }];
    });
    assert.deepEqual(wrong, []);
  });

  it("the comparison counts and reports a disagreement (so the next test can fail)", () => {
    const cells = [
      { id: "same", source: "x = y" },
      { id: "different", source: "x = y" },
    ];
    const results = new Map<string, ReferenceResult>([
      ["same", { ok: true, defines: ["x"], reads: ["y"] }],
      ["different", { ok: true, defines: ["x"], reads: [] }],
    ]);
    const report = compareWithReference(cells, results, analyze);
    assert.deepEqual(report.agreement, { defines: 100, reads: 50, syntaxErrors: 100 });
    assert.deepEqual(report.disagreements, [{ id: "different", source: "x = y", reads: { onlyAnalyser: ["y"], onlyReference: [] } }]);
  });

  it("agrees with the reference on ≥ 99% of corpus and fixture cells, for defines and for reads", () => {
    const { cells, skippedNotebooks } = collectCorpusCells([
      { label: "corpus", dir: corpusDir },
      { label: "fixtures", dir: fixturesDir },
    ]);
    assert.ok(
      cells.some((cell) => cell.id.startsWith("corpus/")),
      `no code cells found under ${corpusDir}`,
    );
    const python = cells.map((cell) => ({ cell, split: splitIpython(cell.source) }));
    const compared = python.filter(({ split }) => split.isPython);
    const results = runReference(compared.map(({ cell, split }) => ({ id: cell.id, source: split.python })));
    const report = compareWithReference(
      compared.map(({ cell }) => cell),
      results,
      analyze,
    );
    const summary = {
      sources: [corpusDir, fixturesDir],
      codeCells: cells.length,
      excludedNotPython: python.filter(({ split }) => !split.isPython).map(({ cell }) => cell.id),
      skippedNotebooks,
      ...report,
    };
    mkdirSync(join(repoRoot, "test-results"), { recursive: true });
    writeFileSync(reportPath, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(
      `analysis differential: defines ${report.agreement.defines}%, reads ${report.agreement.reads}% exact agreement, ` +
        `syntax errors ${report.agreement.syntaxErrors}% ` +
        `over ${report.compared} cells (${report.excludedPythonSyntax.length} excluded: Python does not parse them; ` +
        `${summary.excludedNotPython.length} not Python). Report: ${reportPath}`,
    );
    assert.ok(report.agreement.defines >= 99, `defines agreement ${report.agreement.defines}% < 99%`);
    assert.ok(report.agreement.reads >= 99, `reads agreement ${report.agreement.reads}% < 99%`);
    assert.ok(report.agreement.syntaxErrors >= 99, `syntax error agreement ${report.agreement.syntaxErrors}% < 99%`);
    const unexplained = report.disagreements.filter((entry) => entry.explanation === undefined);
    assert.deepEqual(unexplained, [], "every disagreement is explained in knownDifferences.ts");
  });
});
