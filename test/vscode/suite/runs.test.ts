// The Runs and Lineage views and Run Pipeline, in a real VS Code: runs recorded from the
// generated diabetes_regression pipeline (test/fixtures/runs) are put in the workspace,
// and a tiny generated-like project is run through the command.
import * as assert from "node:assert/strict";
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as vscode from "vscode";
import type { RunLineage } from "../../../src/extension/runs/runLineage";
import type { LineageNode } from "../../../src/extension/views/lineageTree";
import type { RunsNode } from "../../../src/extension/views/runsTree";
import { activateExtension, waitFor, workspaceRoot } from "./helpers";

const repoRoot = join(__dirname, "..", "..", "..", "..");
const fixtures = join(repoRoot, "test", "fixtures", "runs");
const COMPLETED_RUN_ID = "20261130T103625Z-96e25e93";

type Api = Awaited<ReturnType<typeof activateExtension>>;

function label(item: vscode.TreeItem): string {
  return typeof item.label === "string" ? item.label : (item.label?.label ?? "");
}

function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

function fixtureLog(): string {
  return readFileSync(join(fixtures, "diabetes-completed.events.jsonl"), "utf8");
}

/** Writes an events file as lineage.py would, under the workspace's runs folder. */
function writeRun(runId: string, text: string): string {
  const path = join(workspaceRoot(), ".nb2prod", "runs", runId, "events.jsonl");
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function runNode(api: Api, runId: string): Extract<RunsNode, { kind: "run" }> | undefined {
  return api.runsTree.getChildren().find((node): node is Extract<RunsNode, { kind: "run" }> => node.kind === "run" && node.entry.summary.runId === runId);
}

function childByLabel<N>(children: readonly N[], item: (node: N) => vscode.TreeItem, wanted: string): N {
  const found = children.find((node) => label(item(node)) === wanted);
  assert.ok(found, `no "${wanted}" among ${children.map((node) => label(item(node))).join(", ")}`);
  return found;
}

suite("runs", () => {
  suiteSetup(() => {
    writeRun(COMPLETED_RUN_ID, fixtureLog());
    const project = join(workspaceRoot(), "pipelines", "diabetes_regression");
    mkdirSync(project, { recursive: true });
    copyFileSync(join(fixtures, "diabetes.nb2prod.json"), join(project, "nb2prod.json"));
  });

  test("the Runs view lists a recorded run with its steps, artifacts and metrics", async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const run = runNode(api, COMPLETED_RUN_ID);
    assert.ok(run, "the fixture run is listed");
    const runItem = api.runsTree.getTreeItem(run);
    assert.equal(label(runItem), "diabetes-regression");
    assert.equal(iconId(runItem), "pass");
    assert.equal(runItem.contextValue, "nb2prod.run");
    assert.match(String(runItem.description), /570 ms$/);

    const item = (node: RunsNode): vscode.TreeItem => api.runsTree.getTreeItem(node);
    const steps = api.runsTree.getChildren(run);
    assert.deepEqual(steps.map((node) => label(item(node))), ["ingest", "validate", "split", "train", "evaluate", "register"]);
    const train = childByLabel(steps, item, "train");
    assert.equal(item(train).description, "completed · 12 ms");
    const regressor = childByLabel(api.runsTree.getChildren(train), item, "regressor");
    assert.equal(item(regressor).description, "model · 915 B · 05f0b5fc");
    // evaluate returns r2 (an artifact) and records it as a metric too.
    const evaluated = api.runsTree.getChildren(childByLabel(steps, item, "evaluate"));
    const r2 = evaluated.find((node) => node.kind === "metric" && node.metric.name === "r2");
    assert.ok(r2);
    assert.equal(item(r2).description, "0.401226");
    assert.equal(item(r2).contextValue, "nb2prod.runMetric");
  });

  test("the Lineage view links an artifact to its step and notebook cell, which a click reveals", async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const run = runNode(api, COMPLETED_RUN_ID);
    assert.ok(run);
    const shown = await vscode.commands.executeCommand<RunLineage>("nb2prod.showRunLineage", run);
    assert.equal(shown.graph.runId, COMPLETED_RUN_ID);
    assert.deepEqual(shown.notes, []);

    const item = (node: LineageNode): vscode.TreeItem => api.lineageTree.getTreeItem(node);
    const roots = api.lineageTree.getChildren();
    assert.deepEqual(roots.map((node) => label(item(node))), ["diabetes-regression", "Artifacts", "Code", "Parameters", "Data inputs", "Environment", "Metrics"]);
    const regressor = childByLabel(api.lineageTree.getChildren(childByLabel(roots, item, "Artifacts")), item, "regressor");
    const [step] = api.lineageTree.getChildren(regressor);
    assert.ok(step);
    assert.equal(label(item(step)), "made by step train");
    const [cell] = api.lineageTree.getChildren(step);
    assert.ok(cell);
    const cellItem = item(cell);
    assert.equal(cellItem.description, "f707c18c");
    assert.match(label(cellItem), /^\[11\] /);
    assert.equal(cellItem.command?.command, "nb2prod.revealCell");

    const args: readonly unknown[] = cellItem.command.arguments ?? [];
    await vscode.commands.executeCommand(cellItem.command.command, ...args);
    const editor = await waitFor("the notebook to open at the cell", () => vscode.window.activeNotebookEditor);
    assert.match(editor.notebook.uri.path, /\/diabetes_regression\.ipynb$/);
    assert.equal(editor.selections[0]?.start, 10);

    assert.equal(item(childByLabel(roots, item, "Code")).description, "6ac750f6");
    const params = api.lineageTree.getChildren(childByLabel(roots, item, "Parameters")).map((node) => `${label(item(node))}=${String(item(node).description)}`);
    assert.deepEqual(params, ["alpha=1", "test_size=0.2", "random_state=7", "model_path=diabetes_ridge.joblib"]);
    const environment = api.lineageTree.getChildren(childByLabel(roots, item, "Environment")).map((node) => `${label(item(node))} ${String(item(node).description)}`);
    assert.ok(environment.includes("Python 3.11.7") && environment.includes("scikit-learn 1.2.1"), environment.join(", "));
  });

  test("a torn last line and an invalid line are shown as problems on the run", async () => {
    const api = await activateExtension();
    // The events name their own run: an event of another run would be a problem too.
    const lines = fixtureLog().replaceAll(COMPLETED_RUN_ID, "with-problems").split("\n").slice(0, 8);
    const text = [...lines.slice(0, 4), '{"schemaVersion":1,"type":"step_finished","step":"ingest"}', ...lines.slice(4)].join("\n") + '\n{"schemaVersion":1,"type":"arti';
    writeRun("with-problems", text);
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const run = runNode(api, "with-problems");
    assert.ok(run);
    const runItem = api.runsTree.getTreeItem(run);
    assert.equal(iconId(runItem), "warning");
    assert.match(String(runItem.description), /2 problems$/);
    const [problems] = api.runsTree.getChildren(run);
    assert.ok(problems?.kind === "problems");
    const problemItems = api.runsTree.getChildren(problems).map((node) => api.runsTree.getTreeItem(node));
    assert.deepEqual(problemItems.map(label), ["Line 5", "Line 10"]);
    assert.match(String(problemItems[0]?.description), /not a valid step_finished event/);
    assert.match(String(problemItems[1]?.description), /incomplete/);
    assert.equal(problemItems[1]?.command?.command, "nb2prod.openRunEvents");
  });

  test("a run appearing and growing on disk shows up live, without a refresh", async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const runId = "20261130T120000Z-live0001";
    const lines = fixtureLog().replaceAll(COMPLETED_RUN_ID, runId).split("\n");
    // run_started, step_started(ingest): the run has begun, nothing is finished.
    const path = writeRun(runId, lines.slice(0, 2).join("\n") + "\n");
    const running = await waitFor("the new run to appear", () => runNode(api, runId), 30_000);
    assert.equal(iconId(api.runsTree.getTreeItem(running)), "sync~spin");

    appendFileSync(path, lines.slice(2).join("\n"));
    const finished = await waitFor(
      "the run to finish in the view",
      () => {
        const node = runNode(api, runId);
        return node?.entry.summary.status === "completed" ? node : undefined;
      },
      30_000,
    );
    assert.equal(iconId(api.runsTree.getTreeItem(finished)), "pass");
    assert.equal(api.runsTree.getChildren(finished).length, 6);
  });

  test("a run stopped by a quality gate shows the gate result, naming the metric, its value and the bound", async () => {
    const api = await activateExtension();
    const runId = "stopped-by-gate";
    const lines = fixtureLog().replaceAll(COMPLETED_RUN_ID, runId).trim().split("\n");
    // Keep the run up to its evaluation, then the gate that failed and the failed run's end.
    const evaluated = lines.filter((line) => !/"run_finished"/.test(line) && !/"step":"register"/.test(line));
    const gate = { schemaVersion: 1, type: "gate", ts: "2026-11-30T10:36:26.300Z", runId, step: "evaluate", passed: false, checks: [{ metric: "r2", value: 0.4012, min: 0.99, passed: false }] };
    const finished = { schemaVersion: 1, type: "run_finished", ts: "2026-11-30T10:36:26.310Z", runId, status: "failed", durationMs: 600, error: "GateFailedError: r2 = 0.4012: failed (gate min 0.99)" };
    writeRun(runId, [...evaluated, JSON.stringify(gate), JSON.stringify(finished)].join("\n") + "\n");
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const run = runNode(api, runId);
    assert.ok(run);
    const item = api.runsTree.getTreeItem(run);
    assert.equal(iconId(item), "error");
    assert.match(String(item.description), /gate failed/);
    assert.match(typeof item.tooltip === "string" ? item.tooltip : (item.tooltip?.value ?? ""), /Quality gates after evaluate: r2 = 0\.4012 \(min 0\.99\): failed/);
  });

  test("a run stopped by a data check shows which value, column and check failed", async () => {
    const api = await activateExtension();
    const runId = "stopped-by-data-check";
    const lines = fixtureLog().replaceAll(COMPLETED_RUN_ID, runId).trim().split("\n");
    // Keep the run's start only, then the failed data check and the failed run's end.
    const started = lines.filter((line) => /"run_started"/.test(line));
    const check = { schemaVersion: 1, type: "data_check", ts: "2026-11-30T10:36:26.300Z", runId, step: "validate", passed: false, checks: [{ value: "X", check: "no nulls", column: "bmi", detail: "null at index 3", passed: false }, { value: "y", check: "schema", passed: true }] };
    const finished = { schemaVersion: 1, type: "run_finished", ts: "2026-11-30T10:36:26.310Z", runId, status: "failed", durationMs: 600, error: "DataCheckFailedError: X['bmi']: no nulls failed (null at index 3)" };
    writeRun(runId, [...started, JSON.stringify(check), JSON.stringify(finished)].join("\n") + "\n");
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const run = runNode(api, runId);
    assert.ok(run);
    const item = api.runsTree.getTreeItem(run);
    assert.equal(iconId(item), "error");
    assert.match(String(item.description), /data check failed/);
    assert.match(typeof item.tooltip === "string" ? item.tooltip : (item.tooltip?.value ?? ""), /Data checks after validate: X\["bmi"\]: no nulls failed \(null at index 3\)/);
  });

  test("a run tracked in MLflow shows its model version and opens in the MLflow UI, started on the run's local store", async function () {
    const python = process.env.NB2PROD_TEST_PYTHON;
    if (python === undefined || python === "") {
      this.skip(); // The harness sets it when the test venv exists (npm run python-env).
    }
    this.timeout(180_000);
    const api = await activateExtension();
    const runId = "tracked-in-mlflow";
    const store = join(workspaceRoot(), "pipelines", "diabetes_regression", ".nb2prod", "mlflow.db");
    mkdirSync(dirname(store), { recursive: true });
    const lines = fixtureLog().replaceAll(COMPLETED_RUN_ID, runId).trim().split("\n");
    const [started, ...rest] = lines;
    assert.ok(started !== undefined);
    const tracking = { schemaVersion: 1, type: "tracking", ts: "2026-11-30T10:36:25.100Z", runId, trackingUri: `sqlite:///${store}`, experimentId: "0", mlflowRunId: "0123456789abcdef" };
    const version = { schemaVersion: 1, type: "model_version", ts: "2026-11-30T10:36:26.400Z", runId, step: "register", model: "diabetes-regression", version: "3", aliases: ["candidate", "champion"], modelUri: "models:/m-0123" };
    const finished = rest.pop();
    assert.ok(finished !== undefined && /"run_finished"/.test(finished));
    writeRun(runId, [started, JSON.stringify(tracking), ...rest, JSON.stringify(version), finished].join("\n") + "\n");
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const run = runNode(api, runId);
    assert.ok(run);
    const item = api.runsTree.getTreeItem(run);
    assert.equal(item.contextValue, "nb2prod.run.tracked");
    assert.match(String(item.description), /diabetes-regression v3 \(champion\)/);
    const tooltip = typeof item.tooltip === "string" ? item.tooltip : (item.tooltip?.value ?? "");
    assert.match(tooltip, /MLflow run 0123456789abcdef \(experiment 0\) in sqlite:\/\/\//);
    assert.match(tooltip, /Registered model diabetes-regression version 3 \(candidate, champion\)/);

    const configuration = vscode.workspace.getConfiguration("nb2prod");
    await configuration.update("pythonInterpreter", python, vscode.ConfigurationTarget.Global);
    try {
      const url = await vscode.commands.executeCommand<string>("nb2prod.openRunInMlflow", run);
      const match = /^(http:\/\/127\.0\.0\.1:\d+)\/#\/experiments\/0\/runs\/0123456789abcdef$/.exec(url);
      assert.ok(match?.[1], url);
      const health = await fetch(`${match[1]}/health`);
      assert.equal(health.status, 200);
      // The same store's UI is reused, not started again.
      assert.equal(await vscode.commands.executeCommand<string>("nb2prod.openRunInMlflow", run), url);
    } finally {
      await configuration.update("pythonInterpreter", undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test("a run whose data drifted shows the columns that moved, with their statistics, and a run on unchanged data shows no drift", async () => {
    const api = await activateExtension();
    const drifted = "data-drifted";
    const unchanged = "data-unchanged";
    const withDrift = (runId: string, columns: readonly Record<string, unknown>[]): string => {
      const lines = fixtureLog().replaceAll(COMPLETED_RUN_ID, runId).trim().split("\n");
      // The drift of the data split hands on, against the fixture's run, before the run's end.
      const status = columns.some((column) => column.status === "drift") ? "drift" : "ok";
      const profile = { schemaVersion: 1, type: "artifact", ts: "2026-11-30T10:36:26.190Z", runId, step: "split", name: "X_train profile", path: `.nb2prod/runs/${runId}/profiles/split.X_train.json`, sha256: "cd".repeat(32), bytes: 2048, kind: "profile" };
      const drift = { schemaVersion: 1, type: "drift", ts: "2026-11-30T10:36:26.200Z", runId, step: "split", output: "X_train", reference: COMPLETED_RUN_ID, status, columns };
      return [...lines.slice(0, -1), JSON.stringify(profile), JSON.stringify(drift), lines[lines.length - 1]].join("\n") + "\n";
    };
    writeRun(drifted, withDrift(drifted, [
      { column: "bmi", status: "drift", psi: 0.4123, ks: 0.23, pValue: 0.00012 },
      { column: "age", status: "ok", psi: 0.01, ks: 0.02, pValue: 1 },
      { column: "s5", status: "drift", change: "removed" },
    ]));
    writeRun(unchanged, withDrift(unchanged, [{ column: "bmi", status: "ok", psi: 0.004, ks: 0.01, pValue: 1 }]));
    await vscode.commands.executeCommand("nb2prod.refreshRuns");
    const run = runNode(api, drifted);
    assert.ok(run);
    const item = api.runsTree.getTreeItem(run);
    assert.equal(iconId(item), "pass");
    assert.match(String(item.description), /drift: 2 columns moved/);
    const tooltip = typeof item.tooltip === "string" ? item.tooltip : (item.tooltip?.value ?? "");
    assert.match(tooltip, /Data drift in bmi, s5:/);
    assert.match(tooltip, new RegExp(`split\\.X_train vs run ${COMPLETED_RUN_ID}: bmi \\(PSI 0\\.412, KS 0\\.23, p 0\\.00012\\): drift; s5 \\(removed\\): drift`));
    assert.doesNotMatch(tooltip, /age/);
    const calm = runNode(api, unchanged);
    assert.ok(calm);
    assert.match(String(api.runsTree.getTreeItem(calm).description), /no drift/);
    assert.doesNotMatch(String(api.runsTree.getTreeItem(calm).description), /moved/);

    // The Lineage view lists the profile of the data with the run's data inputs.
    await vscode.commands.executeCommand<RunLineage>("nb2prod.showRunLineage", run);
    const lineageItem = (node: LineageNode): vscode.TreeItem => api.lineageTree.getTreeItem(node);
    const inputs = api.lineageTree.getChildren(childByLabel(api.lineageTree.getChildren(), lineageItem, "Data inputs"));
    const profile = lineageItem(childByLabel(inputs, lineageItem, "split: X_train profile"));
    assert.equal(profile.description, "2.0 KiB · cdcdcdcd");
  });

  test("Run Pipeline runs a generated project as a task, and its run appears in the Runs view", async () => {
    const api = await activateExtension();
    const project = join(workspaceRoot(), "pipelines", "tiny_flow");
    const pkg = join(project, "src", "tiny_flow");
    mkdirSync(pkg, { recursive: true });
    const manifest = {
      schemaVersion: 1,
      package: "tiny_flow",
      notebook: "iris_classifier.ipynb",
      steps: [{ name: "load", module: "tiny_flow.steps.load", function: "load", cellIds: ["d4ec4f8a"], inputs: [], outputs: ["rows"] }],
      params: {},
    };
    writeFileSync(join(project, "nb2prod.json"), JSON.stringify(manifest));
    writeFileSync(join(pkg, "__init__.py"), "");
    copyFileSync(join(repoRoot, "src", "core", "codegen", "python", "runtime", "lineage.py"), join(pkg, "lineage.py"));
    writeFileSync(
      join(pkg, "__main__.py"),
      [
        "import time",
        "from pathlib import Path",
        "from tiny_flow.lineage import RunRecorder",
        "",
        "time.sleep(2)  # like Prefect starting its server: the run records nothing yet",
        'with RunRecorder("tiny-flow", "iris_classifier.ipynb") as recorder:',
        '    recorder.start({"rows": 3})',
        '    with recorder.step("load"):',
        '        data = Path("rows.csv")',
        '        data.write_text("1\\n2\\n3\\n")',
        '        recorder.artifact("load", "rows", data, "file")',
        '    recorder.metric("load", "rows", 3)',
        "",
      ].join("\n"),
    );

    const ended = new Promise<number | undefined>((resolve) => {
      const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
        if (event.execution.task.definition.type !== "nb2prod") return;
        subscription.dispose();
        resolve(event.exitCode);
      });
    });
    const start = await vscode.commands.executeCommand<{ package: string; runsDir: string } | undefined>("nb2prod.runPipeline", vscode.Uri.file(project));
    assert.ok(start, "the command started a run");
    assert.equal(start.package, "tiny_flow");
    assert.equal(start.runsDir, join(workspaceRoot(), ".nb2prod", "runs"));
    // Shown at once, before the process has recorded anything.
    const pending = api.runsTree.getChildren().find((node) => node.kind === "pending");
    assert.ok(pending, "the run shows as starting at once");
    assert.match(String(api.runsTree.getTreeItem(pending).description), /starting/);
    assert.equal(await ended, 0, "python -m tiny_flow exits with 0 (see the task's terminal)");

    const run = await waitFor(
      "the pipeline's run to show as completed",
      () => api.runsTree.getChildren().find((node) => node.kind === "run" && node.entry.summary.flow === "tiny-flow" && node.entry.summary.status === "completed"),
      30_000,
    );
    await waitFor("the starting entry to give way to the recorded run", () => (api.runsTree.getChildren().some((node) => node.kind === "pending") ? undefined : true));
    const [step] = api.runsTree.getChildren(run);
    assert.ok(step);
    assert.equal(label(api.runsTree.getTreeItem(step)), "load");
    assert.deepEqual(api.runsTree.getChildren(step).map((node) => label(api.runsTree.getTreeItem(node))), ["rows", "rows"]);
  });

  test("a run whose process exits before recording anything stays in the Runs view with its exit code", async () => {
    const api = await activateExtension();
    const project = join(workspaceRoot(), "pipelines", "broken_flow");
    mkdirSync(join(project, "src", "broken_flow"), { recursive: true });
    const manifest = { schemaVersion: 1, package: "broken_flow", notebook: "iris_classifier.ipynb", steps: [{ name: "load", module: "broken_flow.steps.load", function: "load", cellIds: ["d4ec4f8a"], inputs: [], outputs: [] }], params: {} };
    writeFileSync(join(project, "nb2prod.json"), JSON.stringify(manifest));
    writeFileSync(join(project, "src", "broken_flow", "__init__.py"), "");
    writeFileSync(join(project, "src", "broken_flow", "__main__.py"), 'import sys\nprint("error: bad params", file=sys.stderr)\nsys.exit(2)\n');
    await vscode.commands.executeCommand("nb2prod.runPipeline", vscode.Uri.file(project));
    const failed = await waitFor(
      "the starting entry to show the exit code",
      () => api.runsTree.getChildren().find((node) => node.kind === "pending" && node.run.exitCode !== undefined),
      30_000,
    );
    assert.match(String(api.runsTree.getTreeItem(failed).description), /exited with code 2 before the run started/);
  });
});
