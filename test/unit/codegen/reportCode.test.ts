// What a cell's shown values become in a step (SplitPlan step reports): the statement that
// showed a kept value assigns it to the report's name and logs it, so the step returns it.
import * as assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PythonParser } from "../../../src/core/analysis/python/pythonParser";
import type { CellCode } from "../../../src/core/codegen/python/cells/readCellCode";
import { readCellCode } from "../../../src/core/codegen/python/cells/readCellCode";
import type { StepReport } from "../../../src/core/planning/splitPlan";
import { REPO_ROOT } from "./pythonEnvHandle";

describe("reports in a step's code", () => {
  let parser: PythonParser | undefined;
  before(async () => {
    parser = await PythonParser.load(join(REPO_ROOT, "dist"));
  });
  after(() => parser?.dispose());

  function read(source: string, reports: readonly Omit<StepReport, "kind" | "cellId">[]): CellCode {
    if (parser === undefined) throw new Error("parser not loaded");
    const context = { parser, logger: "LOGGER", lifted: new Set<string>(), resolveLiteral: () => undefined, reports: reports.map((report) => ({ ...report, kind: "value" as const, cellId: "cell1" })) };
    return readCellCode({ id: "cell1", source }, context);
  }
  const text = (code: CellCode): string => code.pieces.map((piece) => piece.lines.join("\n")).join("\n");

  const cases: [label: string, source: string, report: Omit<StepReport, "kind" | "cellId">, expected: string][] = [
    ["print(value)", "print(metrics.accuracy_score(y, p))", { name: "accuracy_score", line: 1, expression: "metrics.accuracy_score(y, p)" }, 'accuracy_score = metrics.accuracy_score(y, p)\nLOGGER.info("accuracy_score: %s", accuracy_score)'],
    ["print(label, value)", 'print("R2:", model.score(X, y))', { name: "r2", line: 1, expression: "model.score(X, y)" }, 'r2 = model.score(X, y)\nLOGGER.info("r2: %s", r2)'],
    ["a trailing expression", "df = frame()\ngrid.best_params_", { name: "grid_best_params", line: 2, expression: "grid.best_params_" }, 'df = frame()\ngrid_best_params = grid.best_params_\nLOGGER.info("grid_best_params: %s", grid_best_params)'],
    ["a variable shown as it stands", "scores = cv(model)\nscores", { name: "scores", line: 2, expression: "scores" }, 'scores = cv(model)\nLOGGER.debug("%s", scores)'],
    ["several values printed together", 'print("n =", n, "mean =", m)', { name: "n", line: 1, expression: '" ".join(str(part) for part in ("n =", n, "mean =", m,))' }, 'n = " ".join(str(part) for part in ("n =", n, "mean =", m,))\nLOGGER.info("n: %s", n)'],
    ["a value in an f-string", 'print(f"score={model.score(X, y):.2f}")', { name: "score", line: 1, expression: "model.score(X, y)" }, 'score = model.score(X, y)\nLOGGER.info(f"score={score:.2f}")'],
    ["a value written over several lines", 'print(\n    "%4.2f"\n    % rate\n)', { name: "rate_text", line: 1, expression: '"%4.2f"\n    % rate' }, 'rate_text = ("%4.2f"\n    % rate)\nLOGGER.info("rate_text: %s", rate_text)'],
  ];
  for (const [label, source, report, expected] of cases) {
    it(`keeps ${label}`, () => {
      const code = read(source, [report]);
      assert.equal(text(code), expected);
      assert.deepEqual(code.reports.map((placed) => placed.name), [report.name]);
      assert.deepEqual(code.warnings, []);
    });
  }

  it("leaves out, with a warning, a report whose statement is not where the plan says", () => {
    const code = read("x = 1\nprint(x)", [{ name: "gone", line: 5, expression: "x" }]);
    assert.deepEqual(code.reports, []);
    assert.match(code.warnings[0]?.message ?? "", /keeps gone from a statement that is not there/);
  });
});
