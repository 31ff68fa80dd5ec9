// The harness runs from text embedded in harnessSource.ts; this fails when a .py file
// was edited without running `node src/core/verify/runtime/embed.mjs`.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { HARNESS_ENTRY, HARNESS_FILES } from "../../../src/core/verify/runtime/harnessSource";
import { runtimeDir } from "./verifyTestFiles";

describe("embedded harness source", () => {
  const onDisk = readdirSync(runtimeDir).filter((name) => /^nb2prod_\w+\.py$/.test(name)).sort();

  it("embeds exactly the harness modules of src/core/verify/runtime", () => {
    assert.ok(onDisk.includes(HARNESS_ENTRY));
    assert.deepEqual([...HARNESS_FILES.keys()], onDisk);
  });

  for (const name of onDisk) {
    it(`${name} is embedded as it is on disk (else run node src/core/verify/runtime/embed.mjs)`, () => {
      assert.equal(HARNESS_FILES.get(name), readFileSync(join(runtimeDir, name), "utf8"));
    });
  }
});
