// Issue 10's attacks on generation, each reproduced from a notebook in
// test/fixtures/attacks and checked to fail: no credential reaches a generated file.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { buildDataflow, executionCountsOf } from "../../../src/core/analysis/dataflow";
import { NotebookAnalyzer } from "../../../src/core/analysis/python/notebookAnalyzer";
import type { FilePlan } from "../../../src/core/codegen/filePlan";
import { generateProject } from "../../../src/core/codegen/generateProject";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import { readNotebookFile } from "../../../src/core/notebook/notebookReader";
import { suggestPlan } from "../../../src/core/planning/suggestSteps";
import { parseHeader } from "../../../src/core/codegen/fileHeader";
import { REPO_ROOT, ensurePythonEnv } from "./pythonEnvHandle";
import { useParser } from "../parserFixture";
import { checkFlow, checkMypy, checkRuff } from "./generatedChecks";

const ATTACKS = join(REPO_ROOT, "test", "fixtures", "attacks");

/** The project's files written to a new temporary folder, for the real tools to check. */
function writtenProject(files: FilePlan, prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const file of files.files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
  return root;
}

/** Every credential written in secrets.ipynb, as it is written there. */
const PLANTED_SECRETS = [
  "s3cr3t-value-123",
  "hunter2-param",
  "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
  "hunter2",
  "pw1234",
  "ghp_ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210",
  "xoxb-1234567890-abcdefghij",
  "AKIAABCDEFGHIJKLMNOP",
];

describe("hardening: credentials never reach a generated file", () => {
  const parserOf = useParser();

  function generate(notebook: NotebookModel): FilePlan {
    const parser = parserOf();
    const analyses = new NotebookAnalyzer(parser).analyze(notebook);
    const plan = suggestPlan(notebook, analyses, buildDataflow(analyses, executionCountsOf(notebook)));
    return generateProject({ notebook, notebookPath: notebook.origin, analyses, plan, parser, projectName: "attack", versions: undefined });
  }

  const fileText = (plan: FilePlan, path: string): string => plan.files.find((file) => file.path === path)?.content ?? assert.fail(`no ${path}`);

  it("no file holds a credential from the parameters cell or a code cell, in any form", async () => {
    const plan = generate(await readNotebookFile(new NodeFileSystem(), join(ATTACKS, "secrets.ipynb")));
    for (const file of plan.files) {
      for (const secret of PLANTED_SECRETS) {
        assert.ok(!file.content.includes(secret) && !file.content.includes(JSON.stringify(secret).slice(1, -1)), `${file.path} holds ${secret}`);
      }
    }
  });

  it("reads each credential from an environment variable, listed in .env.example and the README, and .env is ignored", async () => {
    const plan = generate(await readNotebookFile(new NodeFileSystem(), join(ATTACKS, "secrets.ipynb")));
    const variables = ["API_KEY", "AUTHORIZATION", "AWS", "DB_PASSWORD", "DB_URL", "PASSWORD2", "SLACK", "TOKEN"];
    const example = fileText(plan, ".env.example");
    const readme = fileText(plan, "README.md");
    for (const name of variables) {
      assert.match(example, new RegExp(`^${name}=$`, "m"));
      assert.match(readme, new RegExp(`- \`${name}\``));
    }
    assert.match(fileText(plan, ".gitignore"), /^\.env$/m);
    const step = plan.files.filter((file) => file.path.includes("/steps/")).map((file) => file.content).join("\n");
    // The param a later cell reads is read where the step starts, not passed by the flow.
    assert.match(step, /api_key = read_secret\("API_KEY"\)/);
    assert.match(step, /headers = \{"Authorization": read_secret\("AUTHORIZATION"\)\}/);
    assert.match(step, /db_url = read_secret\("DB_URL"\)/);
    assert.doesNotMatch(fileText(plan, "src/attack/flow.py"), /api_key/);
    const params = fileText(plan, "params.yaml");
    assert.doesNotMatch(params, /api_key|db_password|TOKEN/);
    assert.match(params, /threshold: 0\.5/);
    // The equivalence test's copy of the notebook reads them from the environment too.
    assert.match(fileText(plan, "tests/fixtures/notebook_program.json"), /api_key = __import__\(\\"os\\"\)\.environ\[\\"API_KEY\\"\]/);
  });

  it("says on each cell what it found and where it went", async () => {
    const plan = generate(await readNotebookFile(new NodeFileSystem(), join(ATTACKS, "secrets.ipynb")));
    const secrets = plan.warnings.filter((warning) => warning.code === "secret");
    assert.deepEqual(
      secrets.map((warning) => `${warning.cellId ?? ""}:${warning.line ?? ""}`),
      ["params:2", "params:3", "params:4", "load:2", "load:3", "load:4", "load:5", "load:6"],
    );
    assert.match(secrets[0]?.message ?? "", /parameter api_key looks like a credential.*environment variable API_KEY/);
  });

  it("takes a credential out of text that quotes it (a displayed expression kept as a report)", () => {
    const notebook: NotebookModel = {
      origin: "quoted.ipynb",
      language: "python",
      cells: [
        { id: "a", index: 0, kind: "code", language: "python", source: 'from sklearn.linear_model import LinearRegression\nmodel = LinearRegression().fit([[1], [2], [3]], [1, 2, 3])', tags: [], executionCount: 1, metadata: {} },
        { id: "b", index: 1, kind: "code", language: "python", source: 'print(model.score([[1]], [1]), "sk-abcdefghijklmnopqrstuvwx")', tags: [], executionCount: 2, metadata: {} },
      ],
    };
    const plan = generate(notebook);
    for (const file of plan.files) assert.ok(!file.content.includes("sk-abcdefghijklmnopqrstuvwx"), `${file.path} holds the key`);
  });
});

/** Parses every file of a project the way its tools will: Python, TOML, YAML and JSON. */
const PARSE_ALL = `
import ast, json, pathlib, sys, tomllib, yaml
root = pathlib.Path(sys.argv[1])
for path in sorted(root.rglob("*")):
    if not path.is_file():
        continue
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        ast.parse(text, filename=str(path))
    elif path.suffix == ".toml":
        tomllib.loads(text)
    elif path.suffix in (".yaml", ".yml"):
        yaml.safe_load(text)
    elif path.suffix == ".json":
        json.loads(text)
print(json.dumps({"pyproject": tomllib.loads((root / "pyproject.toml").read_text()), "params": yaml.safe_load((root / "params.yaml").read_text())}))
`;

describe("hardening: notebook text cannot break out of the files it lands in", () => {
  const parserOf = useParser();

  it("cell ids, the notebook path, headings and param values stay data in TOML, YAML, Markdown, JSON and Python", async () => {
    const parser = parserOf();
    const read = await readNotebookFile(new NodeFileSystem(), join(ATTACKS, "injection.ipynb"));
    const notebookPath = 'notebooks/evil"""\n[tool.evil]\nx = 1\n--> <script>.ipynb';
    const notebook = { ...read, origin: notebookPath };
    const analyses = new NotebookAnalyzer(parser).analyze(notebook);
    const plan = suggestPlan(notebook, analyses, buildDataflow(analyses, executionCountsOf(notebook)));
    const files = generateProject({ notebook, notebookPath, analyses, plan, parser, projectName: "evil" });
    const ids = new Set(notebook.cells.map((cell) => cell.id));
    for (const file of files.files) {
      const header = parseHeader(file.content);
      assert.ok(header !== undefined, `${file.path} has a header`);
      assert.equal(header.notebook, notebookPath, `${file.path} names the notebook exactly`);
      for (const id of header.cellIds) assert.ok(ids.has(id), `${file.path}: ${JSON.stringify(id)} is a cell id`);
      const headerLines = file.content.split("\n").filter((line) => /^(# |<!-- )(Generated by|nb2prod:)/.test(line));
      if (!file.path.endsWith(".json")) assert.ok(headerLines.length >= 5, `${file.path}: one line per header field`);
      for (const line of headerLines) if (line.startsWith("<!--")) assert.equal(line.indexOf("-->"), line.length - 3, `${file.path}: ${line}`);
    }
    const root = writtenProject(files, "nb2prod-injection-");
    const { python } = await ensurePythonEnv();
    const parsed = spawnSync(python, ["-c", PARSE_ALL, root], { encoding: "utf8" });
    assert.equal(parsed.status, 0, parsed.stderr);
    const result = JSON.parse(parsed.stdout) as { pyproject: { tool?: Record<string, unknown> }; params: Record<string, unknown> };
    assert.equal(result.pyproject.tool?.evil, undefined, "no TOML table was injected");
    const monitoring = { psi_warning: 0.1, psi_drift: 0.25, ks_p_value: 0.01, fail_on_drift: false };
    assert.deepEqual(result.params, { label: 'a\u007f\u0085b\nc """ --> ]]', rows: 3, gates: {}, monitoring }, "params.yaml holds the values the notebook set, no quality gate and the default monitoring thresholds, nothing more");
  });
});

describe("hardening: generated names never collide with the generated code", { timeout: 15 * 60_000 }, () => {
  const parserOf = useParser();

  it("steps named flow, task, pipeline, numbers, dataclasses, load_params, logging and params named code_version, return_state, flow, outputs, _persist give a project that passes ruff and mypy and runs", async () => {
    const parser = parserOf();
    const notebook = await readNotebookFile(new NodeFileSystem(), join(ATTACKS, "names.ipynb"));
    const analyses = new NotebookAnalyzer(parser).analyze(notebook);
    const plan = suggestPlan(notebook, analyses, buildDataflow(analyses, executionCountsOf(notebook)));
    const names = plan.steps.map((step) => step.name);
    for (const reserved of ["flow", "task", "pipeline", "numbers", "dataclasses", "load_params", "logging"]) assert.ok(!names.includes(reserved), `a step is named ${reserved}: ${names.join(", ")}`);
    assert.ok(names.includes("flow_step"), names.join(", "));
    assert.ok(plan.warnings.some((warning) => /names its step "flow".*called "flow_step"/.test(warning)));
    const files = generateProject({ notebook, notebookPath: "names.ipynb", analyses, plan, parser, projectName: "names" });
    const root = writtenProject(files, "nb2prod-names-");
    const { python } = await ensurePythonEnv();
    for (const result of [checkRuff(python, root), checkMypy(python, root), checkFlow(python, root, files.packageName)]) assert.ok(result.ok, result.reason);
  });
});

describe("hardening: data checks survive python -O", { timeout: 15 * 60_000 }, () => {
  const parserOf = useParser();

  it("every assert (top level, multi-line, in a loop, in a shared function) becomes assert_true, which -O keeps", async () => {
    const parser = parserOf();
    const cell = (id: string, source: string): NotebookModel["cells"][number] => ({ id, index: Number(id.slice(1)), kind: "code", language: "python", source, tags: [], executionCount: null, metadata: {} });
    const notebook: NotebookModel = {
      origin: "checks.ipynb",
      language: "python",
      cells: [
        cell("c0", "def positive(values):\n    assert all(v > 0 for v in values), 'not positive'\n    return values"),
        cell("c1", "values = positive([1, 2, 3])\nassert len(values) == 3\nassert (\n    sum(values) > 0\n), f\"sum is {sum(values)}\"\nfor v in values:\n    assert v < 10, v\ntotal = sum(values)"),
      ],
    };
    const analyses = new NotebookAnalyzer(parser).analyze(notebook);
    const plan = suggestPlan(notebook, analyses, buildDataflow(analyses, executionCountsOf(notebook)));
    const files = generateProject({ notebook, notebookPath: "checks.ipynb", analyses, plan, parser, projectName: "checks_demo" });
    const code = files.files.filter((file) => file.path.endsWith(".py") && file.path.includes("/steps/") || file.path.endsWith("common.py")).map((file) => file.content).join("\n");
    assert.doesNotMatch(code, /^\s*assert\b/m);
    assert.match(code, /assert_true\(all\(v > 0 for v in values\), 'not positive'\)/);
    assert.match(code, /assert_true\(\(\n\s+sum\(values\) > 0\n\s+\), f"sum is \{sum\(values\)\}"\)/);
    const root = writtenProject(files, "nb2prod-asserts-");
    const { python } = await ensurePythonEnv();
    for (const result of [checkRuff(python, root), checkMypy(python, root)]) assert.ok(result.ok, result.reason);
    // Under -O the check still raises.
    const probe = spawnSync(python, ["-O", "-c", `from ${files.packageName}.checks import assert_true\ntry:\n    assert_true(False, "bad data")\nexcept AssertionError as e:\n    print("raised", e)`], { encoding: "utf8", env: { ...process.env, PYTHONPATH: join(root, "src") } });
    assert.equal(probe.stdout.trim(), "raised bad data", probe.stderr);
  });
});
