import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { MemoryFileSystem } from "../../../src/core/memoryFileSystem";
import { projectManifestSchema } from "../../../src/core/verify/projectManifest";
import type { ProjectManifest } from "../../../src/core/verify/projectManifest";
import { readProjectManifest } from "../../../src/core/verify/readProjectManifest";
import { VerifySetupError } from "../../../src/core/verify/verifySetupError";
import { fixturesDir } from "./verifyTestFiles";
import { sampleManifest } from "./verifySamples";

type Edit = (manifest: ProjectManifest) => unknown;

function edited(edit: Edit): unknown {
  return edit(structuredClone(sampleManifest()));
}

const INVALID: readonly (readonly [string, Edit, RegExp])[] = [
  ["a newer schema version", (m) => ({ ...m, schemaVersion: 2 }), /schemaVersion/],
  ["no steps", (m) => ({ ...m, steps: [] }), /steps/],
  ["a step name that is not an identifier", (m) => ({ ...m, steps: [{ ...m.steps[0], name: "load data" }] }), /Python identifier/],
  ["a step without cells", (m) => ({ ...m, steps: [{ ...m.steps[0], cellIds: [] }] }), /cellIds/],
  ["a repeated step", (m) => ({ ...m, steps: [m.steps[0], m.steps[0]] }), /step "load" appears twice/],
  ["an input from a later step", (m) => ({ ...m, steps: [m.steps[1], m.steps[0], m.steps[2]] }), /comes from "load", which is not an earlier step/],
  ["an input that is no output of its step", (m) => ({ ...m, steps: [m.steps[0], { ...m.steps[1], inputs: [{ name: "frame", fromStep: "load" }] }] }), /step "load" has no output "frame"/],
  ["a param input without a param", (m) => ({ ...m, params: {} }), /param "alpha" is not in params/],
  ["an input that is both", (m) => ({ ...m, steps: [{ ...m.steps[0], inputs: [{ name: "a", fromStep: "x", param: "a" }] }] }), /inputs/],
];

describe("project manifest (nb2prod.json)", () => {
  it("accepts a manifest that follows the contract, with extra fields a newer generator may add", () => {
    const parsed = projectManifestSchema.parse({ ...sampleManifest(), generatedBy: "nb2prod 0.2" });
    assert.deepEqual(parsed.steps.map((step) => step.name), ["load", "features", "train"]);
  });

  for (const [what, edit, expected] of INVALID) {
    it(`rejects ${what}`, () => {
      const parsed = projectManifestSchema.safeParse(edited(edit));
      assert.equal(parsed.success, false);
      const text = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n");
      assert.match(text, expected);
    });
  }

  it("accepts every fixture project's manifest", () => {
    const projects = readdirSync(join(fixturesDir, "projects"));
    assert.ok(projects.length >= 5);
    for (const name of projects) {
      const text = readFileSync(join(fixturesDir, "projects", name, "nb2prod.json"), "utf8");
      assert.equal(projectManifestSchema.safeParse(JSON.parse(text)).success, true, name);
    }
  });

  it("reads the manifest of a project folder, and says what to do when there is none or it is broken", async () => {
    const fs = new MemoryFileSystem({ "/p/nb2prod.json": JSON.stringify(sampleManifest()), "/q/nb2prod.json": "{not json", "/r/nb2prod.json": "{}" });
    assert.equal((await readProjectManifest(fs, "/p")).package, "sample");
    await assert.rejects(readProjectManifest(fs, "/missing"), (error: unknown) => {
      assert.ok(error instanceof VerifySetupError);
      assert.match(error.message, /^\/missing\/nb2prod\.json does not exist, so this is not a project nb2prod generated\. Pass --project/);
      return true;
    });
    await assert.rejects(readProjectManifest(fs, "/q"), /\/q\/nb2prod\.json is not valid JSON\. Generate the project again/);
    await assert.rejects(readProjectManifest(fs, "/r"), /\/r\/nb2prod\.json is not a valid nb2prod manifest at schemaVersion/);
  });
});
