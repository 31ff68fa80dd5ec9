import * as assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PythonParser } from "../../../src/core/analysis/python/pythonParser";
import { readCellCode } from "../../../src/core/codegen/python/cells/readCellCode";
import { LiteralRegistry } from "../../../src/core/codegen/python/literalRegistry";
import { fixStepBody } from "../../../src/core/codegen/python/stepBodyFixes";
import { REPO_ROOT } from "./pythonEnvHandle";

describe("fixStepBody", () => {
  let parser: PythonParser | undefined;
  before(async () => {
    parser = await PythonParser.load(join(REPO_ROOT, "dist"));
  });
  after(() => parser?.dispose());

  function fix(source: string, parameters: string[] = [], returned: string[] = []): { text: string; usesAny: boolean } {
    if (parser === undefined) throw new Error("parser not loaded");
    const registry = new LiteralRegistry(new Set());
    const code = readCellCode({ id: "c", source }, { parser, logger: "LOGGER", lifted: new Set(), resolveLiteral: (finding, _cell, inside) => registry.resolve(finding, inside) });
    const fixed = fixStepBody({ pieces: code.pieces, parameters: new Set(parameters), returned: new Set(returned) });
    return { text: fixed.pieces.map((piece) => piece.lines.join("\n")).join("\n"), usesAny: fixed.usesAny };
  }

  it("declares Any where a name bound again later is first bound, but never a parameter", () => {
    const result = fix("best = float('inf')\nfor v in vals:\n    best = min(best, v)\nX = X[:3]\nX = X * 2", ["X", "vals"], ["best"]);
    assert.equal(result.text, "best: Any = float('inf')\nfor v in vals:\n    best = min(best, v)\nX = X[:3]\nX = X * 2");
    assert.ok(result.usesAny);
  });

  it("gives an empty container bound once its element type", () => {
    assert.equal(fix("scores = []\nfor k in ks:\n    scores.append(k)", ["ks"], ["scores"]).text, "scores: list[Any] = []\nfor k in ks:\n    scores.append(k)");
  });

  it("silences F841 only on an assignment nothing reads and the step does not return", () => {
    const result = fix("for k in ks:\n    if k:\n        best = k\n        seen = k\nprint(seen)", ["ks"]);
    assert.equal(result.text, 'for k in ks:\n    if k:\n        best = k  # noqa: F841\n        seen = k\nLOGGER.info("%s", seen)');
    assert.equal(result.usesAny, false);
  });
});
