// A notebook with a long file name gives a long package name, and so import lines past 88
// columns: every generated file must still be laid out as ruff's isort rule wants.
import * as assert from "node:assert/strict";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generateCommand } from "../../../src/cli/commands/generateCommand";
import { fromImport } from "../../../src/core/codegen/python/pythonText";
import { exampleNotebook } from "../exampleNotebooks";
import { checkRuff } from "./generatedChecks";
import { ensurePythonEnv } from "./pythonEnvHandle";

describe("long package names", () => {
  it("lays out a from-import on one line when it fits 88 columns, else one name per line", () => {
    assert.equal(fromImport("pkg.params", ["A", "b"]), "from pkg.params import A, b");
    const long = "a_notebook_with_a_rather_long_name_for_its_package";
    assert.equal(fromImport(`${long}.gates`, ["ENV_GATE_PREFIX", "check_gates"], "    "), [`    from ${long}.gates import (`, "        ENV_GATE_PREFIX,", "        check_gates,", "    )"].join("\n"));
  });

  it("generates a project that passes ruff check", { timeout: 300_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), "nb2prod-long-name-"));
    const notebook = join(folder, "a_notebook_with_a_rather_long_name_for_its_package_and_its_imports.ipynb");
    copyFileSync(exampleNotebook("diabetes_regression"), notebook);
    const project = join(folder, "project");
    let output = "";
    const code = await generateCommand.run([notebook, "--out", project, "--python", join(folder, "no-such-python")], { out: (text) => (output += text), err: (text) => (output += text) });
    assert.equal(code, 0, output);
    const { python } = await ensurePythonEnv();
    const ruff = checkRuff(python, project);
    assert.ok(ruff.ok, ruff.reason);
  });
});
