import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printImports } from "../../../src/core/codegen/python/importBlock";
import { PythonWriter } from "../../../src/core/codegen/python/pythonWriter";
import { pyLiteral, pyString, toPackageName } from "../../../src/core/codegen/python/pythonText";

describe("PythonWriter", () => {
  it("indents blocks, writes pass in an empty one and never leaves trailing spaces", () => {
    const writer = new PythonWriter();
    writer.block("def f()", () => writer.block("if x", () => writer.line("return 1").line()));
    writer.block("class Empty", () => undefined);
    assert.equal(writer.toString(), "def f():\n    if x:\n        return 1\n\nclass Empty:\n    pass\n");
  });

  it("places verbatim code at the current depth, except lines inside strings", () => {
    const writer = new PythonWriter();
    writer.block("def f()", () => writer.verbatim({ lines: ['s = """', "raw", '"""', "return s"], rawLines: new Set([1, 2]) }));
    assert.equal(writer.toString(), 'def f():\n    s = """\nraw\n"""\n    return s\n');
  });

  it("collapses repeated blank() calls and ends with exactly one newline", () => {
    const writer = new PythonWriter();
    writer.blank().line("a").blank().blank().line("b").line().line();
    assert.equal(writer.toString(), "a\n\nb\n");
  });
});

describe("Python text", () => {
  it("writes string literals that Python reads back unchanged", () => {
    assert.equal(pyString('a "b" \\ c\n\t\u0001'), '"a \\"b\\" \\\\ c\\n\\t\\x01"');
    assert.equal(pyLiteral([1, 2.5, true, null, "x"]), '[1, 2.5, True, None, "x"]');
    assert.equal(pyLiteral(Number.NaN), 'float("nan")');
  });

  it("makes valid package names from notebook names", () => {
    assert.equal(toPackageName("05.03-Hyperparameters-and-Model-Validation"), "nb_05_03_hyperparameters_and_model_validation");
    assert.equal(toPackageName("IrisClassifier"), "iris_classifier");
    assert.equal(toPackageName("class"), "class_pipeline");
    assert.equal(toPackageName("..."), "pipeline");
  });
});

describe("printImports (ruff isort order)", () => {
  it("orders sections, straight before from-imports, and members by constant, class, function", () => {
    const writer = new PythonWriter();
    printImports(writer, [
      { module: "sklearn.metrics", name: "r2_score" },
      { module: "os" },
      { module: "mypkg.common", name: "helper" },
      { module: "typing", name: "Any" },
      { module: "typing", name: "TYPE_CHECKING" },
      { module: "pandas", alias: "pd" },
      { module: "sklearn.metrics", name: "mean_absolute_error", alias: "mae" },
      { module: "sklearn.metrics", name: "accuracy_score" },
      { module: "__future__", name: "annotations" },
      { module: "PIL" },
      { module: "numpy", alias: "np" },
    ], "mypkg");
    assert.equal(
      writer.toString(),
      [
        "from __future__ import annotations",
        "",
        "import os",
        "from typing import TYPE_CHECKING, Any",
        "",
        "import numpy as np",
        "import pandas as pd",
        "import PIL",
        "from sklearn.metrics import accuracy_score, r2_score",
        "from sklearn.metrics import mean_absolute_error as mae",
        "",
        "from mypkg.common import helper",
        "",
      ].join("\n"),
    );
  });

  it("wraps a from-import longer than 88 columns one member a line", () => {
    const writer = new PythonWriter();
    const names = ["GridSearchCV", "KFold", "RandomizedSearchCV", "cross_val_score", "train_test_split"];
    printImports(writer, names.map((name) => ({ module: "sklearn.model_selection", name })), "pkg");
    assert.equal(writer.toString(), `from sklearn.model_selection import (\n${names.map((name) => `    ${name},`).join("\n")}\n)\n`);
  });
});
