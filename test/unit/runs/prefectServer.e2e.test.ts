// The workspace's local Prefect server (issue 14, item 1) with the real `prefect server
// start` from the test venv: started once and found again (by a second caller, as the CLI
// and the editor share it), its flow runs listed and cancelled through the REST client the
// Runs view uses, a generated pipeline run against it recording its flow run id (so the
// view matches the two), and stopped with its whole process group.
import * as assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generateCommand } from "../../../src/cli/commands/generateCommand";
import { serverCommand } from "../../../src/cli/commands/serverCommand";
import { matchFlowRuns, PrefectApiClient, postToPrefect } from "../../../src/core/runs/prefectApi";
import { processAlive, prefectServerStatus, serverLogTail, startPrefectServer, stopPrefectServer } from "../../../src/core/runs/prefectServer";
import type { PrefectServerState } from "../../../src/core/runs/prefectServer";
import { runTool } from "../codegen/generatedChecks";
import { ensurePythonEnv, REPO_ROOT } from "../codegen/pythonEnvHandle";

const TEN_MINUTES = 10 * 60 * 1000;
const NOTEBOOK = join(REPO_ROOT, "test", "fixtures", "scaleout", "three_models.ipynb");

async function post(apiUrl: string, path: string, body: unknown): Promise<{ id: string }> {
  // Retried while the server's SQLite database is busy (503), as Prefect's client does.
  const response = await postToPrefect(`${apiUrl}${path}`, body);
  assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
  return (await response.json()) as { id: string };
}

describe("the workspace's local Prefect server", { timeout: TEN_MINUTES }, () => {
  const workspace = mkdtempSync(join(tmpdir(), "nb2prod-server-ws-"));
  let python = "";
  let server: PrefectServerState | undefined;

  before(async () => {
    python = (await ensurePythonEnv()).python;
  });

  after(async () => {
    await stopPrefectServer(workspace);
  });

  it("starts once on 127.0.0.1 and is reused by a second caller", async () => {
    assert.equal((await prefectServerStatus(workspace)).state, "stopped");
    const first = await startPrefectServer({ workspaceDir: workspace, python });
    server = first.server;
    assert.match(first.server.apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
    assert.equal(first.uiUrl, first.server.apiUrl.replace(/\/api$/, ""));
    const second = await startPrefectServer({ workspaceDir: workspace, python });
    assert.equal(second.server.pid, first.server.pid, "the running server is reused");
    let printed = "";
    const code = await serverCommand.run(["status", "--workspace", workspace, "--json"], { out: (text) => (printed += text), err: () => undefined });
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(printed), { state: "running", apiUrl: first.server.apiUrl, uiUrl: first.uiUrl, pid: first.server.pid, home: join(workspace, ".nb2prod", "prefect") });
  });

  it("lists flow runs with their flows' names and cancels them (scheduled: cancelled; running: cancelling)", async () => {
    assert.ok(server);
    const flow = await post(server.apiUrl, "/flows/", { name: "nb2prod-test-flow" });
    const scheduled = await post(server.apiUrl, "/flow_runs/", { flow_id: flow.id, name: "scheduled-run", state: { type: "SCHEDULED" } });
    const running = await post(server.apiUrl, "/flow_runs/", { flow_id: flow.id, name: "running-run", state: { type: "RUNNING" } });
    const client = new PrefectApiClient({ apiUrl: server.apiUrl });
    const listed = await client.flowRuns({ flowNames: ["nb2prod-test-flow"] });
    assert.deepEqual(listed.map((run) => [run.name, run.flowName, run.state]).sort(), [["running-run", "nb2prod-test-flow", "RUNNING"], ["scheduled-run", "nb2prod-test-flow", "SCHEDULED"]]);
    assert.deepEqual(await client.flowRuns({ flowNames: ["no-such-flow"] }), []);
    assert.equal(await client.cancelFlowRun(scheduled.id), "CANCELLED");
    assert.equal(await client.cancelFlowRun(running.id), "CANCELLING");
    const after = new Map((await client.flowRuns()).map((run) => [run.id, run.state]));
    assert.equal(after.get(scheduled.id), "CANCELLED");
    assert.equal(after.get(running.id), "CANCELLING");
  });

  it("runs a generated pipeline on it: the run records its flow run, which the server lists as completed", async () => {
    assert.ok(server);
    const project = join(mkdtempSync(join(tmpdir(), "nb2prod-server-project-")), "three_models");
    let output = "";
    assert.equal(await generateCommand.run([NOTEBOOK, "--out", project, "--python", python], { out: (text) => (output += text), err: (text) => (output += text) }), 0, output);
    const runsDir = join(project, ".nb2prod", "runs");
    const result = runTool(python, project, ["-m", "three_models"], TEN_MINUTES, undefined, { PREFECT_API_URL: server.apiUrl, NB2PROD_TRACKING: "off" });
    assert.ok(result.ok, result.reason);
    // On a loaded 2-core machine the server can be slow to answer right after a run: it is still the same one.
    const deadline = Date.now() + 120_000;
    let state = (await prefectServerStatus(workspace)).state;
    while (state !== "running" && Date.now() < deadline) state = (await prefectServerStatus(workspace)).state;
    assert.equal(state, "running", `the server is still up after the run (pid ${server.pid} alive: ${String(processAlive(server.pid))}):\n${serverLogTail(workspace)}`);
    const runId = readdirSync(runsDir).sort().pop() ?? assert.fail("no run recorded");
    const started = readFileSync(join(runsDir, runId, "events.jsonl"), "utf8").split("\n").map((line) => (line === "" ? {} : (JSON.parse(line) as Record<string, unknown>))).find((event) => event.type === "run_started");
    const link = started?.prefect as { flowRunId: string; apiUrl: string | null } | undefined;
    assert.ok(link, "run_started records the Prefect flow run");
    assert.equal(link.apiUrl, server.apiUrl);
    const flowRuns = await new PrefectApiClient({ apiUrl: server.apiUrl }).flowRuns({ flowNames: ["three-models"] });
    const matched = matchFlowRuns([{ runId, flowRunId: link.flowRunId }], flowRuns);
    assert.equal(matched.byRunId.get(runId)?.state, "COMPLETED");
    assert.equal(matched.unmatched.length, flowRuns.length - 1);
  });

  it("stops with its process group and says so; a second stop finds nothing", async () => {
    assert.ok(server);
    assert.equal(await stopPrefectServer(workspace), true);
    assert.equal(processAlive(server.pid), false);
    assert.equal((await prefectServerStatus(workspace)).state, "stopped");
    assert.equal(await stopPrefectServer(workspace), false);
  });
});
