// The runtime modules every generated package ships (lineage.py, ...) are kept as real
// files (so ruff and mypy check them) and shipped from the string constants embed.mjs
// generates from them: each pair must not drift apart.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { LINEAGE_PY } from "../../../src/core/codegen/python/runtime/lineageSource";
import { RUN_HISTORY_PY } from "../../../src/core/codegen/python/runtime/runHistorySource";
import { RUN_STEP_PY } from "../../../src/core/codegen/python/runtime/runStepSource";
import { SERVE_PY } from "../../../src/core/codegen/python/runtime/serveSource";
import { TRACKING_PY } from "../../../src/core/codegen/python/runtime/trackingSource";

const runtimeDir = join(__dirname, "..", "..", "..", "..", "src", "core", "codegen", "python", "runtime");

const EMBEDDED: readonly (readonly [file: string, constant: string, marker: string])[] = [
  ["lineage.py", LINEAGE_PY, "class RunRecorder"],
  ["tracking.py", TRACKING_PY, "class Tracker"],
  ["serve.py", SERVE_PY, "def create_app"],
  ["run_history.py", RUN_HISTORY_PY, "def successful_runs"],
  ["run_step.py", RUN_STEP_PY, "def run_step"],
];

describe("embedded runtime modules", () => {
  for (const [file, constant, marker] of EMBEDDED) {
    it(`hold exactly the text of ${file} (else run: node src/core/codegen/python/runtime/embed.mjs)`, () => {
      const python = readFileSync(join(runtimeDir, file), "utf8");
      assert.ok(python.includes(marker), `${file} was read`);
      assert.equal(constant, python);
    });
  }
});
