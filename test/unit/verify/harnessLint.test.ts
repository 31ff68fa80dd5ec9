// The harness runs in the user's interpreter and is held to the bar of generated code:
// ruff (runtime/ruff.toml: Python 3.9+) and mypy --strict, with the test venv's tools.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FIFTEEN_MINUTES, runtimeDir, testPython } from "./verifyTestFiles";

function run(program: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(program, args, { cwd: runtimeDir, encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("verify harness source quality", { timeout: FIFTEEN_MINUTES }, () => {
  const cache = mkdtempSync(join(tmpdir(), "nb2prod-harness-mypy-"));
  let python = "";

  before(async () => {
    python = (await testPython()).python;
  });

  after(() => {
    rmSync(cache, { recursive: true, force: true });
  });

  it("passes ruff check", () => {
    const result = run(python, ["-m", "ruff", "check", "--no-cache", "."]);
    assert.equal(result.status, 0, result.output);
  });

  it("passes mypy --strict", () => {
    const result = run(python, ["-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir", cache, "."]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /^Success: no issues found in \d+ source files/m);
  });
});
