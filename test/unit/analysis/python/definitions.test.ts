import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ImportRecord } from "../../../../src/core/analysis/cellAnalysis";
import { useParser } from "./parserFixture";

const IMPORT_CASES: readonly { readonly source: string; readonly imports: readonly ImportRecord[] }[] = [
  { source: "import a.b as c", imports: [{ module: "a.b", alias: "c", line: 1 }] },
  { source: "import a.b", imports: [{ module: "a.b", line: 1 }] },
  { source: "import os, sys as system", imports: [{ module: "os", line: 1 }, { module: "sys", alias: "system", line: 1 }] },
  { source: "from a import b as c", imports: [{ module: "a", name: "b", alias: "c", line: 1 }] },
  { source: "from . import x", imports: [{ module: ".", name: "x", line: 1 }] },
  { source: "from ..pkg.mod import (\n    y,\n    z as w,\n)", imports: [{ module: "..pkg.mod", name: "y", line: 1 }, { module: "..pkg.mod", name: "z", alias: "w", line: 1 }] },
  { source: "from a import *", imports: [{ module: "a", name: "*", line: 1 }] },
  { source: "from __future__ import annotations", imports: [{ module: "__future__", name: "annotations", line: 1 }] },
  { source: "x = 1\ndef f():\n    import json\n    return json", imports: [{ module: "json", line: 3, nested: true }] },
  { source: "try:\n    import ujson as json\nexcept ImportError:\n    import json", imports: [{ module: "ujson", alias: "json", line: 2, nested: true }, { module: "json", line: 4, nested: true }] },
];

describe("analyzePythonSource: imports, functions, classes", () => {
  const { analyze } = useParser();

  for (const testCase of IMPORT_CASES) {
    it(`imports of ${JSON.stringify(testCase.source)}`, () => {
      assert.deepEqual(analyze(testCase.source).imports, testCase.imports);
    });
  }

  it("lists top-level functions and classes, decorated or inside if/try, not nested ones", () => {
    const source = [
      "@cache",
      "def load(path):",
      "    def helper():",
      "        pass",
      "    return helper",
      "class Model(Base):",
      "    def fit(self):",
      "        pass",
      "    class Config:",
      "        pass",
      "if FAST:",
      "    def train(): pass",
      "else:",
      "    def train(): pass",
      "square = lambda v: v * v",
      "async def fetch(): pass",
    ].join("\n");
    const analysis = analyze(source);
    assert.deepEqual({ functions: analysis.functions, classes: analysis.classes }, { functions: ["load", "train", "fetch"], classes: ["Model"] });
  });

  it("a def that binds a global name through `global` is not a top-level function", () => {
    assert.deepEqual(analyze("def outer():\n    global inner\n    def inner(): pass").functions, ["outer"]);
    assert.deepEqual(analyze("def outer():\n    global inner\n    def inner(): pass").defines, ["outer", "inner"]);
  });
});
