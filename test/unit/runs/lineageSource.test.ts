// lineage.py is kept as a real file (so ruff and mypy check it) and shipped from the
// string constant that embed.mjs generates from it: the two must not drift apart.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { LINEAGE_PY } from "../../../src/core/codegen/python/runtime/lineageSource";
import { TRACKING_PY } from "../../../src/core/codegen/python/runtime/trackingSource";

const runtimeDir = join(__dirname, "..", "..", "..", "..", "src", "core", "codegen", "python", "runtime");

describe("lineageSource.ts", () => {
  it("holds exactly the text of lineage.py (else run: node src/core/codegen/python/runtime/embed.mjs)", () => {
    const python = readFileSync(join(runtimeDir, "lineage.py"), "utf8");
    assert.ok(python.includes("class RunRecorder"), "lineage.py was read");
    assert.equal(LINEAGE_PY, python);
  });

  it("trackingSource.ts holds exactly the text of tracking.py (else run the same embed.mjs)", () => {
    const python = readFileSync(join(runtimeDir, "tracking.py"), "utf8");
    assert.ok(python.includes("class Tracker"), "tracking.py was read");
    assert.equal(TRACKING_PY, python);
  });
});
