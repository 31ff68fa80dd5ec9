import * as assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generateCommand } from "../../../src/cli/commands/generateCommand";
import { planCommand } from "../../../src/cli/commands/planCommand";
import { EXIT_FAILURE, EXIT_OK, UsageError } from "../../../src/cli/cliTypes";
import { projectManifestSchema } from "../../../src/core/verify/projectManifest";
import { splitPlanSchema } from "../../../src/core/planning/splitPlan";
import { exampleNotebook } from "../exampleNotebooks";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await generateCommand.run(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

const iris = exampleNotebook("iris_classifier");

describe("nb2prod generate", () => {
  for (const [args, problem] of [
    [[], /needs a notebook/],
    [[iris], /needs --out/],
    [[iris, "--out"], /argument missing|--out/],
    [[iris, "extra", "--out", "x"], /unexpected argument "extra"/],
    [[iris, "--out", "x", "--frobnicate"], /Unknown option/],
  ] as const) {
    it(`rejects ${JSON.stringify(args.slice(1))} as a usage error`, async () => {
      await assert.rejects(run([...args]), (error: unknown) => error instanceof UsageError && problem.test(error.message));
    });
  }

  it("writes the project, then reports unchanged files, then a conflict for an edited file", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "nb2prod-generate-")), "iris");
    const first = await run([iris, "--out", out, "--python", join(out, "no-such-python")]);
    assert.equal(first.code, EXIT_OK, first.out + first.err);
    assert.match(first.out, /created, 0 updated, 0 unchanged, 0 conflicts/);
    assert.match(first.out, /warning: .*could not be asked.*unpinned/);
    const manifest = projectManifestSchema.parse(JSON.parse(readFileSync(join(out, "nb2prod.json"), "utf8")));
    assert.equal(manifest.package, "iris_classifier");
    assert.equal(manifest.notebook, iris);

    const again = await run([iris, "--out", out, "--python", join(out, "no-such-python")]);
    assert.match(again.out, / 0 created, 0 updated, \d+ unchanged, 0 conflicts/);

    const step = join(out, "src", "iris_classifier", "steps", "train.py");
    writeFileSync(step, readFileSync(step, "utf8").replace("n_estimators=200", "n_estimators=500"));
    const third = await run([iris, "--out", out, "--python", join(out, "no-such-python")]);
    assert.equal(third.code, EXIT_FAILURE);
    assert.match(third.out, /conflict: src\/iris_classifier\/steps\/train\.py: you changed the file/);
    assert.match(readFileSync(step, "utf8"), /n_estimators=500/);
  });

  it("reports an unreadable plan or notebook in one line with exit code 1", async () => {
    const out = mkdtempSync(join(tmpdir(), "nb2prod-generate-"));
    const badPlan = join(out, "plan.json");
    writeFileSync(badPlan, '{"steps": 3}');
    const plan = await run([iris, "--out", out, "--plan", badPlan]);
    assert.equal(plan.code, EXIT_FAILURE);
    assert.match(plan.err, /^nb2prod: .*plan\.json is not a valid plan/);
    const missing = await run([join(out, "missing.ipynb"), "--out", out]);
    assert.equal(missing.code, EXIT_FAILURE);
    assert.match(missing.err, /missing\.ipynb/);
  });

  // Issue 10: a plan file is input like any other; it cannot write outside --out or inject code.
  for (const [what, rename] of [
    ["a step named ../../..", "../../.."],
    ["a step name holding a newline and code", 'train\nimport os\nos.system("echo pwned")'],
    ["a step named like a file elsewhere", "/etc/passwd"],
  ] as const) {
    it(`refuses a plan with ${what}, before writing anything (exit 1, one clear message)`, async () => {
      const root = mkdtempSync(join(tmpdir(), "nb2prod-plan-attack-"));
      const out = join(root, "deep", "out");
      const planFile = join(root, "plan.json");
      const printed = await runPlanJson(iris);
      const plan = splitPlanSchema.parse(JSON.parse(printed));
      const first = plan.steps[0];
      assert.ok(first);
      const attacked = { ...plan, steps: [{ ...first, name: rename }, ...plan.steps.slice(1)] };
      writeFileSync(planFile, JSON.stringify(attacked));
      const result = await run([iris, "--out", out, "--plan", planFile]);
      assert.equal(result.code, EXIT_FAILURE);
      assert.match(result.err, /does not fit .*nothing was written/s);
      assert.equal(existsSync(out), false, "nothing was written");
      assert.deepEqual(readdirSync(root).sort(), ["plan.json"]);
    });
  }

  it("refuses to write through a symbolic link that leads outside --out", async () => {
    const root = mkdtempSync(join(tmpdir(), "nb2prod-link-attack-"));
    const out = join(root, "out");
    const elsewhere = join(root, "elsewhere");
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, "src"));
    const result = await run([iris, "--out", out]);
    assert.equal(result.code, EXIT_FAILURE);
    assert.match(result.err, /outside the output folder .*symbolic link.*nothing was written/s);
    assert.deepEqual(readdirSync(elsewhere), []);
    assert.deepEqual(readdirSync(out), ["src"]);
  });
});

async function runPlanJson(notebook: string): Promise<string> {
  let out = "";
  const code = await planCommand.run([notebook, "--json"], { out: (text) => (out += text), err: () => undefined });
  assert.equal(code, EXIT_OK);
  return out;
}
