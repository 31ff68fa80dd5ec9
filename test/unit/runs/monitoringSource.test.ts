// monitoring.py is kept as a real file (so ruff and mypy check it) and shipped from the
// string constant that embed.mjs generates from it: the two must not drift apart.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { MONITORING_PY } from "../../../src/core/codegen/python/runtime/monitoringSource";

const runtimeDir = join(__dirname, "..", "..", "..", "..", "src", "core", "codegen", "python", "runtime");

describe("monitoringSource.ts", () => {
  it("holds exactly the text of monitoring.py (else run: node src/core/codegen/python/runtime/embed.mjs)", () => {
    const python = readFileSync(join(runtimeDir, "monitoring.py"), "utf8");
    assert.ok(python.includes("def monitor_output"), "monitoring.py was read");
    assert.equal(MONITORING_PY, python);
  });
});
