import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { analysisReportSchema } from "../../../src/core/analysis/analysisReport";
import { driftReportSchema } from "../../../src/core/codegen/driftReport";
import { splitPlanSchema } from "../../../src/core/planning/splitPlan";
import { runCli } from "../../../src/cli/cli";
import { SCHEMAS } from "../../../src/cli/commands/schemaCommand";
import { EXIT_USAGE } from "../../../src/cli/cliTypes";
import { exampleNotebook } from "../exampleNotebooks";

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe("nb2prod CLI", () => {
  it("--help prints usage and the command list, and exits 0", async () => {
    const result = await capture(["--help"]);
    assert.equal(result.code, 0);
    assert.match(result.out, /Usage:\n {2}nb2prod <command>/);
    assert.match(result.out, /Commands:\n {2}analyze /);
    assert.equal(result.err, "");
  });

  it("--version prints the package version", async () => {
    const result = await capture(["--version"]);
    assert.equal(result.code, 0);
    assert.match(result.out, /^\d+\.\d+\.\d+\n$/);
  });

  for (const argv of [[], ["--frobnicate"], ["frobnicate"], ["--help", "extra"], ["analyze"], ["analyze", "a.ipynb", "--jsn"]]) {
    it(`wrong usage ${JSON.stringify(argv)} prints one line and exits 2`, async () => {
      const result = await capture(argv);
      assert.equal(result.code, EXIT_USAGE);
      assert.equal(result.out, "");
      assert.equal(result.err.trimEnd().split("\n").length, 1);
      assert.match(result.err, /^nb2prod: .+Run "nb2prod --help" for usage\.\n$/);
    });
  }

  it("the bundled bin runs as a program", () => {
    const bin = join(__dirname, "..", "..", "..", "..", "dist", "cli.js");
    const result = spawnSync(process.execPath, [bin, "--nope"], { encoding: "utf8" });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown option "--nope"/);
  });
});

describe("nb2prod analyze", () => {
  const repoRoot = join(__dirname, "..", "..", "..", "..");
  const bin = join(repoRoot, "dist", "cli.js");
  const runBin = (args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: repoRoot });

  it("--json prints a report that validates against the published schema", () => {
    const result = runBin(["analyze", "test/fixtures/examples/diabetes_regression.ipynb", "--json"]);
    assert.equal(result.status, 0, String(result.stderr));
    const report = analysisReportSchema.parse(JSON.parse(String(result.stdout)));
    const split = report.cells.find((cell) => cell.defines.includes("X_train"));
    assert.ok(split, "the split cell defines X_train");
    assert.ok(split.reads.includes("test_size"), "it reads the test_size parameter");
    assert.ok(report.edges.some((edge) => edge.name === "regressor" && edge.from !== edge.to));
  });

  it("prints a readable report without --json", () => {
    const result = runBin(["analyze", "test/fixtures/examples/iris_classifier.ipynb"]);
    assert.equal(result.status, 0, String(result.stderr));
    assert.match(String(result.stdout), /^Cells \(14\)/);
    assert.match(String(result.stdout), /model: cell 10 -> cells 12, 14/);
  });

  for (const [what, path, pattern] of [
    ["a missing file", "no/such/notebook.ipynb", /no\/such\/notebook\.ipynb/],
    ["invalid JSON", "test/fixtures/notebooks/invalid-json.ipynb", /invalid JSON at line \d+, column \d+/],
    ["nbformat 3", "test/fixtures/notebooks/invalid-nbformat3.ipynb", /nbformat 3/],
  ] as const) {
    it(`reports ${what} in one line and exits 1`, () => {
      const result = runBin(["analyze", path]);
      assert.equal(result.status, 1);
      assert.equal(String(result.stdout), "");
      assert.equal(String(result.stderr).trimEnd().split("\n").length, 1, String(result.stderr));
      assert.match(String(result.stderr), pattern);
    });
  }
});

describe("nb2prod schema", () => {
  it("prints a JSON Schema for every format it lists", async () => {
    for (const name of Object.keys(SCHEMAS)) {
      const result = await capture(["schema", name]);
      assert.equal(result.code, 0, name);
      const schema = JSON.parse(result.out) as { $schema?: string; type?: string; oneOf?: unknown; anyOf?: unknown };
      assert.match(schema.$schema ?? "", /json-schema\.org/, name);
      assert.ok(schema.type !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined, name);
    }
  });

  it("rejects an unknown name with the list of names", async () => {
    const result = await capture(["schema", "nope"]);
    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.err, /unknown schema "nope"; choose from analysis, /);
  });
});

describe("nb2prod plan", () => {
  const repoRoot = join(__dirname, "..", "..", "..", "..");
  const bin = join(repoRoot, "dist", "cli.js");
  const runBin = (args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: repoRoot });

  it("--json prints a valid plan whose params come from the parameters cell", () => {
    const result = runBin(["plan", "test/fixtures/examples/diabetes_regression.ipynb", "--json"]);
    assert.equal(result.status, 0, String(result.stderr));
    const plan = splitPlanSchema.parse(JSON.parse(String(result.stdout)));
    assert.deepEqual(plan.params.map((param) => [param.name, param.type]), [
      ["alpha", "float"],
      ["test_size", "float"],
      ["random_state", "int"],
      ["model_path", "str"],
    ]);
    const train = plan.steps.find((step) => step.stage === "training");
    assert.ok(train?.inputs.some((input) => "param" in input && input.param === "alpha"));
  });

  it("gives the same plan every time", () => {
    const first = runBin(["plan", "test/fixtures/examples/iris_classifier.ipynb", "--json"]);
    const second = runBin(["plan", "test/fixtures/examples/iris_classifier.ipynb", "--json"]);
    assert.equal(first.status, 0);
    assert.equal(String(first.stdout), String(second.stdout));
  });

  it("explains itself in plain words without --json", () => {
    const result = runBin(["plan", "test/fixtures/examples/iris_classifier.ipynb"]);
    assert.equal(result.status, 0, String(result.stderr));
    assert.match(String(result.stdout), /^Plan for test\/fixtures\/examples\/iris_classifier\.ipynb: \d+ steps/);
    assert.match(String(result.stdout), /It does training: model\.fit/);
  });
});

describe("nb2prod drift (bundled bin)", () => {
  const repoRoot = join(__dirname, "..", "..", "..", "..");
  const bin = join(repoRoot, "dist", "cli.js");
  const runBin = (args: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: repoRoot });

  it("says in sync (exit 0), then names the stale step and its changed cell (exit 1), with --json matching the schema", () => {
    const folder = mkdtempSync(join(tmpdir(), "nb2prod-drift-"));
    const notebook = join(folder, "iris.ipynb");
    copyFileSync(exampleNotebook("iris_classifier"), notebook);
    const project = join(folder, "pipeline");
    const generated = runBin(["generate", notebook, "--out", project, "--python", join(folder, "no-such-python")]);
    assert.equal(generated.status, 0, String(generated.stderr));

    const inSync = runBin(["drift", notebook, "--project", project]);
    assert.equal(inSync.status, 0, String(inSync.stderr));
    assert.match(String(inSync.stdout), /^In sync: /m);

    // Cell 10 of the notebook trains the model.
    writeFileSync(notebook, readFileSync(notebook, "utf8").replace("n_estimators=200", "n_estimators=300"));
    const stale = runBin(["drift", notebook, "--project", project]);
    assert.equal(stale.status, 1, String(stale.stderr));
    assert.match(String(stale.stdout), /^step \w+: stale: cell 10 changed$/m);
    assert.match(String(stale.stdout), /Run nb2prod generate again; files you edited are left alone and reported\.\n$/);
    const report = driftReportSchema.parse(JSON.parse(String(runBin(["drift", notebook, "--project", project, "--json"]).stdout)));
    assert.equal(report.status, "drifted");

    const noProject = runBin(["drift", notebook, "--project", folder]);
    assert.equal(noProject.status, 1);
    assert.match(String(noProject.stderr), /^nb2prod: .*nb2prod\.json does not exist.*\n$/);
    assert.equal(runBin(["drift", notebook]).status, EXIT_USAGE);
  });
});

// Issue 10: bad input gets one clear line and exit 1, never a hang, a stack trace or a silently different notebook.
describe("nb2prod CLI: hostile input", () => {
  const notebookWith = (source: string): string =>
    JSON.stringify({ cells: [{ cell_type: "code", id: "a", metadata: {}, execution_count: null, outputs: [], source }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
  const iris = exampleNotebook("iris_classifier");

  it("a notebook that is not valid UTF-8 is refused, naming the line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nb2prod-utf8-"));
    const path = join(dir, "latin1.ipynb");
    writeFileSync(path, Buffer.from(notebookWith("x = 'caf\u00e9'").replace("\u00e9", "\u0000"), "utf8").map((byte) => (byte === 0 ? 0xe9 : byte)));
    const result = await capture(["analyze", path]);
    assert.equal(result.code, 1);
    assert.match(result.err, /^nb2prod: Cannot read .*latin1\.ipynb: it is not valid UTF-8 text \(line 1 .*\n$/);
  });

  it("a FIFO named .ipynb is refused at once instead of hanging", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nb2prod-fifo-"));
    const path = join(dir, "pipe.ipynb");
    assert.equal(spawnSync("mkfifo", [path]).status, 0);
    const result = await capture(["analyze", path]);
    assert.equal(result.code, 1);
    assert.match(result.err, /not a regular file/);
  });

  it("--out that is a file, or a file where the project needs a folder, is one line and nothing is written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nb2prod-out-"));
    writeFileSync(join(dir, "file.txt"), "x");
    const file = await capture(["generate", iris, "--out", join(dir, "file.txt")]);
    assert.equal(file.code, 1);
    assert.match(file.err, /^nb2prod: --out .*file\.txt is a file, not a folder.*\n$/);
    const blocked = join(dir, "blocked");
    spawnSync("mkdir", [blocked]);
    writeFileSync(join(blocked, "src"), "in the way");
    const result = await capture(["generate", iris, "--out", blocked]);
    assert.equal(result.code, 1);
    assert.match(result.err, /^nb2prod: .*blocked\/src is a file where the project needs a folder; nothing was written.*\n$/);
    assert.deepEqual(spawnSync("ls", [blocked], { encoding: "utf8" }).stdout.trim().split("\n"), ["src"]);
  });

  it("5,000 levels of unclosed nesting are analysed without a stack overflow", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nb2prod-deep-"));
    const path = join(dir, "deep.ipynb");
    writeFileSync(path, notebookWith(`x = ${"(".repeat(5000)}1`));
    const result = await capture(["analyze", path, "--json"]);
    assert.equal(result.code, 0, result.err);
    assert.doesNotMatch(result.err, /RangeError|stack/i);
  });
});
