// The workspace's local Prefect server from the editor (issue 14, items 1 and 2), against
// the real `prefect server start` of the test venv: started by its command and shown in
// the status bar; the Runs view lists the server's flow runs (a scheduled one, as a
// deployment would make) and cancels them; a pipeline run from the editor runs on that
// server, is matched to its flow run, can be cancelled from the view (its process ends,
// the flow run is marked cancelled), and links to the Prefect UI; the server stops.
import * as assert from "node:assert/strict";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { postToPrefect } from "../../../src/core/runs/prefectApi";
import type { RunsNode } from "../../../src/extension/views/runsTree";
import { activateExtension, waitFor, workspaceRoot } from "./helpers";

const repoRoot = join(__dirname, "..", "..", "..", "..");

type Api = Awaited<ReturnType<typeof activateExtension>>;
type FlowRunNode = Extract<RunsNode, { kind: "flowRun" }>;
type RunNode = Extract<RunsNode, { kind: "run" }>;

async function post(apiUrl: string, path: string, body: unknown): Promise<{ id: string }> {
  // Retried while the server's SQLite database is busy (503), as Prefect's client does.
  const response = await postToPrefect(`${apiUrl}${path}`, body);
  assert.ok(response.ok, `${path}: ${response.status}`);
  return (await response.json()) as { id: string };
}

function flowRunNode(api: Api, id: string): FlowRunNode | undefined {
  return api.runsTree.getChildren().find((node): node is FlowRunNode => node.kind === "flowRun" && node.flowRun.id === id);
}

/** A pipeline that is a real Prefect flow recording its run like the generated ones; it sleeps as long as `seconds.txt` says. */
function writeProject(): string {
  const project = join(workspaceRoot(), "pipelines", "tiny_prefect");
  const pkg = join(project, "src", "tiny_prefect");
  mkdirSync(pkg, { recursive: true });
  const manifest = {
    schemaVersion: 1,
    package: "tiny_prefect",
    notebook: "iris_classifier.ipynb",
    steps: [{ name: "wait", module: "tiny_prefect.steps.wait", function: "wait", cellIds: ["d4ec4f8a"], inputs: [], outputs: [] }],
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
      "from prefect import flow",
      "from prefect.runtime import flow_run",
      "from prefect.settings import PREFECT_API_URL",
      "from tiny_prefect.lineage import RunRecorder",
      "",
      '@flow(name="tiny-prefect")',
      "def pipeline() -> None:",
      '    seconds = float(Path("seconds.txt").read_text())',
      '    with RunRecorder("tiny-prefect", "iris_classifier.ipynb") as recorder:',
      '        link = {"flowRunId": str(flow_run.get_id()), "apiUrl": PREFECT_API_URL.value()}',
      '        recorder.start({"seconds": seconds}, prefect=link)',
      '        with recorder.step("wait"):',
      "            time.sleep(seconds)",
      "",
      "pipeline()",
      "",
    ].join("\n"),
  );
  return project;
}

function taskEnded(): Promise<number | undefined> {
  return new Promise((resolve) => {
    const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.definition.type !== "nb2prod") return;
      subscription.dispose();
      resolve(event.exitCode);
    });
  });
}

suite("local Prefect server", () => {
  test("starts from the editor, lists and cancels the server's flow runs, runs pipelines on it, and stops", async function () {
    const python = process.env.NB2PROD_TEST_PYTHON;
    if (python === undefined || python === "") {
      this.skip(); // The harness sets it when the test venv exists (npm run python-env).
    }
    this.timeout(900_000);
    const api = await activateExtension();
    const configuration = vscode.workspace.getConfiguration("nb2prod");
    await configuration.update("pythonInterpreter", python, vscode.ConfigurationTarget.Global);
    try {
      // 1. Started by its command; the status bar says where.
      const apiUrl = await vscode.commands.executeCommand<string>("nb2prod.startPrefectServer");
      assert.match(apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
      const state = api.prefectServer.state;
      assert.ok(state.kind === "local" && state.status.state === "running", JSON.stringify(state));
      assert.equal(api.prefectServer.api?.apiUrl, apiUrl);

      // 2. A flow run only the server knows (as a deployment's schedule makes): listed, then cancelled.
      const flow = await post(apiUrl, "/flows/", { name: "tiny-prefect" });
      const scheduled = await post(apiUrl, "/flow_runs/", { flow_id: flow.id, name: "scheduled-by-deployment", state: { type: "SCHEDULED" } });
      await api.prefectRuns.poll();
      const node = flowRunNode(api, scheduled.id);
      assert.ok(node, "the server's scheduled flow run is in the Runs view");
      const item = api.runsTree.getTreeItem(node);
      assert.equal(item.contextValue, "nb2prod.flowRun.cancellable");
      assert.match(String(item.description), /scheduled/);
      assert.equal(await vscode.commands.executeCommand<string>("nb2prod.cancelRun", node), "CANCELLED");
      const cancelled = flowRunNode(api, scheduled.id);
      assert.ok(cancelled);
      assert.equal(cancelled.flowRun.state, "CANCELLED");
      assert.equal(api.runsTree.getTreeItem(cancelled).contextValue, "nb2prod.flowRun");

      // 3. A run from the editor runs on the server and is matched to its flow run; Open in Prefect UI links it.
      const project = writeProject();
      writeFileSync(join(project, "seconds.txt"), "0.5");
      let ended = taskEnded();
      const start = await vscode.commands.executeCommand<{ prefectApiUrl?: string } | undefined>("nb2prod.runPipeline", vscode.Uri.file(project));
      assert.equal(start?.prefectApiUrl, apiUrl, "the run was pointed at the local server");
      assert.equal(await ended, 0, "python -m tiny_prefect exits with 0 (see the task's terminal)");
      const completed = await waitFor(
        "the editor's run to show, matched to its completed flow run",
        () => {
          void api.prefectRuns.poll();
          return api.runsTree.getChildren().find((candidate): candidate is RunNode => candidate.kind === "run" && candidate.entry.summary.flow === "tiny-prefect" && candidate.flowRun?.state === "COMPLETED");
        },
        60_000,
      );
      assert.equal(completed.entry.summary.runStarted?.prefect?.apiUrl, apiUrl);
      assert.match(String(api.runsTree.getTreeItem(completed).contextValue), /^nb2prod\.run prefect$/);
      const url = await vscode.commands.executeCommand<string>("nb2prod.openRunInPrefect", completed);
      assert.equal(url, `${apiUrl.replace(/\/api$/, "")}/runs/flow-run/${completed.flowRun?.id ?? ""}`);

      // 4. A long run, cancelled from the view: its process ends and the server marks it cancelled.
      writeFileSync(join(project, "seconds.txt"), "300");
      ended = taskEnded();
      await vscode.commands.executeCommand("nb2prod.runPipeline", vscode.Uri.file(project));
      const running = await waitFor(
        "the long run to show as running on the server",
        () => {
          void api.prefectRuns.poll();
          return api.runsTree.getChildren().find((candidate): candidate is RunNode => candidate.kind === "run" && candidate.entry.summary.flow === "tiny-prefect" && candidate.flowRun?.state === "RUNNING");
        },
        120_000,
      );
      assert.match(String(api.runsTree.getTreeItem(running).contextValue), /\bcancellable\b/);
      assert.equal(await vscode.commands.executeCommand<string>("nb2prod.cancelRun", running), "terminated");
      assert.notEqual(await ended, 0, "the run's process was ended");
      await api.prefectRuns.poll();
      const flowRunId = running.flowRun?.id;
      assert.equal(api.prefectRuns.flowRuns.find((flowRun) => flowRun.id === flowRunId)?.state, "CANCELLED");

      // 5. Stopped by its command.
      assert.equal(await vscode.commands.executeCommand<boolean>("nb2prod.stopPrefectServer"), true);
      const stopped = api.prefectServer.state;
      assert.ok(stopped.kind === "local" && stopped.status.state === "stopped", JSON.stringify(stopped));
      assert.equal(api.prefectServer.api, undefined);
    } finally {
      await vscode.commands.executeCommand("nb2prod.stopPrefectServer");
      await configuration.update("pythonInterpreter", undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
