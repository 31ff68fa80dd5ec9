// End to end: the projects generated for the examples pass the checks their CI runs
// (ruff, mypy, pytest) in the pinned test venv, and the flow runs under Prefect, twice:
// the second run reuses every step from the cache.
import * as assert from "node:assert/strict";
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { before, describe, it } from "node:test";
import { generateCommand } from "../../../src/cli/commands/generateCommand";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import { NodeProcessRunner } from "../../../src/core/nodeProcessRunner";
import { NodeScratchSpace } from "../../../src/core/verify/nodeScratchSpace";
import { verifyProject } from "../../../src/core/verify/verifyProject";
import { writePercentScript } from "../../eval/percentScript";
import { checkFlow, checkMypy, checkPytest, checkRuff, runTool } from "./generatedChecks";
import { ensurePythonEnv } from "./pythonEnvHandle";
import { serverLog, startPrefectServer } from "./prefectServer";
import { exampleCopy, exampleNotebook } from "../exampleNotebooks";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Pids of the processes whose environment holds PREFECT_HOME=`home` (a run and the server it started). */
function processesWith(home: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`PREFECT_HOME=${home}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface DriftEventShape {
  type: string;
  step: string;
  output: string;
  reference: string | null;
  status: string;
  columns: { column: string; status: string }[];
}

function driftEvents(events: readonly { type?: string }[]): DriftEventShape[] {
  return events.filter((event): event is DriftEventShape => event.type === "drift");
}

/** The newest run that completed, and the profiles it recorded (paths). */
function lastCompletedRun(project: string): { runId: string; profiles: string[] } {
  const runsDir = join(project, ".nb2prod", "runs");
  for (const runId of readdirSync(runsDir).sort().reverse()) {
    const lines = readFileSync(join(runsDir, runId, "events.jsonl"), "utf8").trim().split("\n");
    const last = JSON.parse(lines[lines.length - 1] ?? "{}") as { type?: string; status?: string };
    const profiles = join(runsDir, runId, "profiles");
    if (last.type === "run_finished" && last.status === "completed" && existsSync(profiles)) return { runId, profiles: readdirSync(profiles).sort().map((name) => join(profiles, name)) };
  }
  return assert.fail("no completed run with profiles");
}

function lastRunEvents(project: string): { type?: string; cacheHit?: boolean; status?: string }[] {
  const runsDir = join(project, ".nb2prod", "runs");
  const last = readdirSync(runsDir).sort().pop() ?? assert.fail("no run recorded");
  return readFileSync(join(runsDir, last, "events.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type?: string });
}

for (const [example, pkg] of [["iris_classifier", "iris_classifier"], ["diabetes_regression", "diabetes_regression"]] as const) {
  describe(`generated project for examples/${example}.ipynb`, { timeout: FIFTEEN_MINUTES }, () => {
    let python = "";
    const project = join(mkdtempSync(join(tmpdir(), "nb2prod-e2e-")), example);
    before(async () => {
      python = (await ensurePythonEnv()).python;
      let output = "";
      const code = await generateCommand.run([exampleCopy(example), "--out", project, "--python", python], { out: (text) => (output += text), err: (text) => (output += text) });
      assert.equal(code, 0, output);
      assert.doesNotMatch(output, /unpinned/);
    }, { timeout: FIFTEEN_MINUTES });

    it("passes ruff check", { timeout: FIFTEEN_MINUTES }, () => {
      const result = checkRuff(python, project);
      assert.ok(result.ok, result.reason);
    });

    it("passes mypy", { timeout: FIFTEEN_MINUTES }, () => {
      const result = checkMypy(python, project);
      assert.ok(result.ok, result.reason);
    });

    it("passes its own pytest suite, equivalence with the notebook included, and its flow tests run (never skipped)", { timeout: FIFTEEN_MINUTES }, () => {
      const report = join(mkdtempSync(join(tmpdir(), "nb2prod-e2e-junit-")), "pytest.xml");
      const result = runTool(python, project, ["-m", "pytest", "-q", "-p", "no:cacheprovider", `--junitxml=${report}`], FIFTEEN_MINUTES, mkdtempSync(join(tmpdir(), "nb2prod-e2e-prefect-")));
      assert.ok(result.ok, result.reason);
      // The flow tests: a failed gate registers nothing; a run is tracked in MLflow with a model version.
      const xml = readFileSync(report, "utf8");
      // And the serving tests (issue 13): in-process, from MLflow, and over a real socket.
      const serving = ["test_health_ready_and_predict_in_process", "test_ready_says_503_until_the_model_is_loaded_and_why_loading_failed", "test_rows_that_do_not_fit_get_422_naming_the_problem", "test_the_registered_model_is_served_from_mlflow", "test_served_over_a_real_socket_and_stopped_gracefully"];
      for (const name of ["test_a_failed_quality_gate_stops_the_run_before_registration", "test_a_run_is_tracked_in_mlflow_and_its_model_registered", ...serving]) {
        const testcase = new RegExp(`<testcase [^>]*name="${name}"[^>]*(/>|>([\\s\\S]*?)</testcase>)`).exec(xml);
        assert.ok(testcase, `${name} did not run`);
        assert.doesNotMatch(testcase[0], /<(skipped|failure|error)\b/, `${name} was skipped or failed`);
      }
    });

    it("has a Dockerfile hadolint accepts, and a .dockerignore that keeps secrets and runs out of the image", { timeout: FIFTEEN_MINUTES }, () => {
      const hadolint = join(dirname(python), "hadolint");
      const result = spawnSync(hadolint, ["--no-color", join(project, "Dockerfile")], { encoding: "utf8" });
      assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
      const dockerfile = readFileSync(join(project, "Dockerfile"), "utf8");
      assert.match(dockerfile, /^HEALTHCHECK .*\/health/m);
      assert.match(dockerfile, /^USER \d+:\d+$/m);
      const ignored = readFileSync(join(project, ".dockerignore"), "utf8").split("\n");
      for (const entry of [".env", ".nb2prod", ".git"]) assert.ok(ignored.includes(entry), entry);
    });

    it("runs under Prefect, then re-runs from the cache", { timeout: FIFTEEN_MINUTES }, () => {
      const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-e2e-prefect-"));
      const first = checkFlow(python, project, pkg, prefectHome);
      assert.ok(first.ok, first.reason);
      const steps = lastRunEvents(project).filter((event) => event.type === "step_finished");
      assert.ok(steps.length > 0 && steps.every((event) => event.status === "completed" && event.cacheHit === false));
      assert.ok(lastRunEvents(project).some((event) => event.type === "artifact"));
      // Tracking is on in the test venv: the example's scikit-learn model is registered in MLflow.
      assert.ok(lastRunEvents(project).some((event) => event.type === "model_version"), "no model_version event");
      const firstRun = lastCompletedRun(project).runId;
      assert.ok(driftEvents(lastRunEvents(project)).length > 0, "the first run profiles the data its ingestion and preprocessing steps hand on");
      const second = checkFlow(python, project, pkg, prefectHome);
      assert.ok(second.ok, second.reason);
      // Issue 12: the same data again is compared with the first run, and nothing drifted.
      const drift = driftEvents(lastRunEvents(project));
      assert.ok(drift.length > 0);
      for (const event of drift) {
        assert.equal(event.reference, firstRun);
        assert.deepEqual(event.columns.filter((column) => column.status === "drift"), [], `${event.step}.${event.output}`);
      }
      const cached = lastRunEvents(project).filter((event) => event.type === "step_finished");
      assert.ok(cached.length > 0 && cached.every((event) => event.cacheHit === true), JSON.stringify(cached));
      // Issue 10: a cached step whose saved model is gone, or whose artifact was damaged, runs again.
      const written = lastRunEvents(project).filter((event): event is { type: string; kind: string; path: string; step: string } => event.type === "artifact" && "kind" in event);
      const file = written.find((event) => event.kind === "file");
      const damaged = written.find((event) => event.kind !== "file");
      assert.ok(damaged, JSON.stringify(written));
      if (file !== undefined) rmSync(resolve(project, file.path));
      appendFileSync(resolve(project, damaged.path), "damage");
      const third = checkFlow(python, project, pkg, prefectHome);
      assert.ok(third.ok, third.reason);
      const rerun = lastRunEvents(project).filter((event): event is { type: string; step: string; cacheHit: boolean } => event.type === "step_finished");
      const again = new Set([damaged.step, ...(file === undefined ? [] : [file.step])]);
      for (const event of rerun) assert.equal(event.cacheHit, !again.has(event.step), `${event.step}: ${JSON.stringify(rerun)}`);
      if (file !== undefined) assert.ok(existsSync(resolve(project, file.path)), "the saved model is written again");
    });

    it("runs one step on its own, on the newest completed run's artifacts, without Prefect and without touching the runs (python -m PKG step NAME)", { timeout: FIFTEEN_MINUTES }, () => {
      const manifest = JSON.parse(readFileSync(join(project, "nb2prod.json"), "utf8")) as { steps: { name: string; inputs: { fromStep?: string }[] }[] };
      const step = [...manifest.steps].reverse().find((candidate) => candidate.inputs.some((input) => input.fromStep !== undefined));
      assert.ok(step, "a step that reads an earlier step's output");
      const runsDir = join(project, ".nb2prod", "runs");
      const runsBefore = readdirSync(runsDir).sort();
      const newestCompleted = runsBefore.filter((runId) => /"type": ?"run_finished".*"status": ?"completed"/.test(readFileSync(join(runsDir, runId, "events.jsonl"), "utf8"))).pop();
      const env = { ...process.env, PYTHONPATH: join(project, "src"), MPLBACKEND: "Agg" };
      const result = spawnSync(python, ["-m", pkg, "step", step.name, "--json"], { cwd: project, encoding: "utf8", env });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const ran = JSON.parse(result.stdout) as { step: string; inputsFrom: string; outputs: Record<string, { path: string }>; notSaved: Record<string, string> };
      assert.equal(ran.step, step.name);
      assert.equal(ran.inputsFrom, newestCompleted);
      assert.ok(Object.keys(ran.outputs).length > 0, result.stdout);
      assert.deepEqual(ran.notSaved, {});
      for (const output of Object.values(ran.outputs)) assert.ok(existsSync(output.path) && output.path.startsWith(join(project, ".nb2prod", "step-runs")), output.path);
      assert.deepEqual(readdirSync(runsDir).sort(), runsBefore, "a step run records no pipeline run");
      const unknownRun = spawnSync(python, ["-m", pkg, "step", step.name, "--run", "no-such-run"], { cwd: project, encoding: "utf8", env });
      assert.equal(unknownRun.status, 2);
      assert.match(unknownRun.stderr, /^error: No run 'no-such-run' in /m);
      const empty = mkdtempSync(join(tmpdir(), "nb2prod-e2e-no-runs-"));
      const noRuns = spawnSync(python, ["-m", pkg, "step", step.name], { cwd: project, encoding: "utf8", env: { ...env, NB2PROD_RUNS_DIR: empty } });
      assert.equal(noRuns.status, 2);
      assert.match(noRuns.stderr, /No successful pipeline run in .* kept the inputs of step /);
    });

    it("deploys with its prefect.yaml to a real local Prefect server, and a process worker runs the deployment to completion", { timeout: FIFTEEN_MINUTES }, async () => {
      const server = await startPrefectServer(python, mkdtempSync(join(tmpdir(), "nb2prod-e2e-server-")));
      try {
        const env = server.env({ ...process.env, MPLBACKEND: "Agg", PYTHONPATH: join(project, "src") });
        const runsBefore = existsSync(join(project, ".nb2prod", "runs")) ? readdirSync(join(project, ".nb2prod", "runs")).length : 0;
        const step = (args: readonly string[]): string => {
          const result = spawnSync(python, ["-m", "prefect", ...args], { cwd: project, env, encoding: "utf8", timeout: 10 * 60_000 });
          assert.equal(result.status, 0, `prefect ${args.join(" ")}:\n${result.stdout}${result.stderr}\n--- server log ---\n${serverLog(server)}`);
          return `${result.stdout}${result.stderr}`;
        };
        step(["work-pool", "create", "process-pool", "--type", "process"]);
        assert.match(step(["--no-prompt", "deploy", "--all"]), /prefect deployment run/);
        const name = `${example.replace(/_/g, "-")}/${example.replace(/_/g, "-")}`;
        const flowRunId = /UUID: ([0-9a-f-]{36})/.exec(step(["deployment", "run", name]))?.[1];
        assert.ok(flowRunId, "no flow run id");
        // One poll of the pool; with --limit the worker waits for the run it started.
        step(["worker", "start", "--pool", "process-pool", "--run-once", "--limit", "1"]);
        const response = await fetch(`${server.apiUrl}/flow_runs/${flowRunId}`);
        const flowRun = (await response.json()) as { state?: { type?: string } };
        assert.equal(flowRun.state?.type, "COMPLETED", JSON.stringify(flowRun.state));
        const runs = readdirSync(join(project, ".nb2prod", "runs")).sort();
        assert.equal(runs.length, runsBefore + 1, "the deployment's run wrote its events");
        const events = readFileSync(join(project, ".nb2prod", "runs", runs[runs.length - 1] ?? "", "events.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type?: string; status?: string });
        assert.deepEqual(events[events.length - 1]?.type, "run_finished");
        assert.equal(events[events.length - 1]?.status, "completed");
      } finally {
        await server.stop();
      }
    });

    it("fails the equivalence test, with the reason, when the notebook's own code cannot run (never a skip)", { timeout: FIFTEEN_MINUTES }, () => {
      const programFile = join(project, "tests", "fixtures", "notebook_program.json");
      const original = readFileSync(programFile, "utf8");
      const program = JSON.parse(original) as { cells: { source: string; skip?: string }[] };
      const first = program.cells.find((cell) => cell.skip === undefined);
      assert.ok(first);
      // As when the project moved away from the data the notebook reads.
      first.source = `open("data/moved-away.csv").read()\n${first.source}`;
      writeFileSync(programFile, JSON.stringify(program));
      try {
        const result = spawnSync(python, ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", "tests/test_equivalence.py"], { cwd: project, encoding: "utf8", env: { ...process.env, PYTHONPATH: join(project, "src"), MPLBACKEND: "Agg" } });
        assert.notEqual(result.status, 0, result.stdout);
        assert.match(result.stdout, /The notebook's own code fails in .*FileNotFoundError.*put the data files the notebook reads there/s);
        assert.doesNotMatch(result.stdout, /skipped/);
      } finally {
        writeFileSync(programFile, original);
      }
    });

    it("stops Prefect's temporary server when the run is terminated (SIGTERM)", { timeout: FIFTEEN_MINUTES }, async () => {
      const prefectHome = mkdtempSync(join(tmpdir(), "nb2prod-e2e-prefect-"));
      const env: NodeJS.ProcessEnv = { ...process.env, PYTHONPATH: join(project, "src"), MPLBACKEND: "Agg", PREFECT_HOME: prefectHome };
      delete env.PREFECT_API_URL;
      const child = spawn(python, ["-m", pkg, "--refresh-cache"], { cwd: project, env, stdio: "ignore" });
      const exited = new Promise<number | null>((resolve_) => {
        child.on("exit", (code) => {
          resolve_(code);
        });
      });
      const deadline = Date.now() + 120_000;
      while (processesWith(prefectHome).length < 2 && Date.now() < deadline) await new Promise((resolve_) => setTimeout(resolve_, 200));
      assert.ok(processesWith(prefectHome).length >= 2, "the run and its server started");
      child.kill("SIGTERM");
      assert.equal(await exited, 128 + 15);
      const settled = Date.now() + 30_000;
      while (processesWith(prefectHome).length > 0 && Date.now() < settled) await new Promise((resolve_) => setTimeout(resolve_, 200));
      assert.deepEqual(processesWith(prefectHome), [], "no process of the run is left");
    });

    it("rejects a bad param in one line, exit code 2, before Prefect starts and before any run is recorded", { timeout: FIFTEEN_MINUTES }, () => {
      const runsDir = join(project, ".nb2prod", "runs");
      const before_ = existsSync(runsDir) ? readdirSync(runsDir).length : 0;
      const result = spawnSync(python, ["-m", pkg, "--param", "no_such_param=1"], { cwd: project, encoding: "utf8", env: { ...process.env, PYTHONPATH: join(project, "src") } });
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /^error: Unknown params \['no_such_param'\]; known: .*\n$/);
      assert.doesNotMatch(`${result.stdout}${result.stderr}`, /Traceback|prefect/i);
      assert.equal(existsSync(runsDir) ? readdirSync(runsDir).length : 0, before_);
    });

    it("stops before registration with exit code 3 and a gate event when a metric misses its quality gate", { timeout: FIFTEEN_MINUTES }, () => {
      // A metric the earlier run logged, gated with a bound no model reaches.
      const metric = lastRunEvents(project).find((event): event is { type: string; name: string } => event.type === "metric")?.name ?? assert.fail("the earlier run logged no metric");
      const result = spawnSync(python, ["-m", pkg, "--param", `gates.${metric}.min=1e300`], { cwd: project, encoding: "utf8", env: { ...process.env, PYTHONPATH: join(project, "src"), PREFECT_HOME: mkdtempSync(join(tmpdir(), "nb2prod-e2e-prefect-")) } });
      assert.equal(result.status, 3, `${result.stdout}${result.stderr}`);
      assert.match(result.stderr, new RegExp(`^error: quality gate failed: ${metric} = \\S+: failed \\(gate min 1e\\+300\\)$`, "m"));
      const events = lastRunEvents(project) as { type: string; step?: string; passed?: boolean; checks?: { metric: string; passed: boolean }[]; status?: string }[];
      const gate = events.find((event) => event.type === "gate") ?? assert.fail("no gate event");
      assert.equal(gate.passed, false);
      assert.deepEqual(gate.checks?.map((check) => [check.metric, check.passed]), [[metric, false]]);
      assert.equal(events.find((event) => event.type === "run_finished")?.status, "failed");
      // Nothing after the gate ran: the steps after the one it was checked after never started.
      const manifest = JSON.parse(readFileSync(join(project, "nb2prod.json"), "utf8")) as { steps: { name: string }[] };
      const names = manifest.steps.map((step) => step.name);
      const after = names.slice(names.indexOf(gate.step ?? "") + 1);
      assert.ok(after.length > 0, "the gate is checked before a registration step");
      const started = new Set(events.filter((event) => event.type === "step_started").map((event) => event.step));
      assert.deepEqual(after.filter((name) => started.has(name)), []);
    });

    it("stops with exit code 3, naming the columns, when the data drifted from the last completed run and fail_on_drift is on", { timeout: FIFTEEN_MINUTES }, () => {
      // A monitoring setting that cannot be used fails in one line, before Prefect starts.
      const refused = spawnSync(python, ["-m", pkg, "--param", "monitoring.psi_drift=abc"], { cwd: project, encoding: "utf8", env: { ...process.env, PYTHONPATH: join(project, "src") } });
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /^error: Override 'monitoring\.psi_drift=abc' must be a number, got 'abc'\.\n$/);
      // As if the last successful run had seen other data: its profile's numbers moved far away.
      const reference = lastCompletedRun(project);
      const numeric = reference.profiles.find((path) => readFileSync(path, "utf8").includes('"kind":"numeric"')) ?? assert.fail("no numeric data profiled");
      const original = readFileSync(numeric, "utf8");
      const profile = JSON.parse(original) as { step: string; output: string; columns: Record<string, { kind: string; quantiles?: number[]; min?: number; max?: number; mean?: number }> };
      const moved = Object.entries(profile.columns).filter(([, column]) => column.kind === "numeric" && (column.quantiles?.length ?? 0) > 0).map(([name]) => name);
      for (const name of moved) {
        const column = profile.columns[name] ?? assert.fail(name);
        column.quantiles = column.quantiles?.map((value) => value + 1e6);
      }
      writeFileSync(numeric, JSON.stringify(profile));
      try {
        const result = spawnSync(python, ["-m", pkg, "--param", "monitoring.fail_on_drift=true"], { cwd: project, encoding: "utf8", env: { ...process.env, PYTHONPATH: join(project, "src"), PREFECT_HOME: mkdtempSync(join(tmpdir(), "nb2prod-e2e-prefect-")) } });
        assert.equal(result.status, 3, `${result.stdout}${result.stderr}`);
        const named = moved.map((name) => `${profile.step}.${profile.output}.${name}`);
        assert.match(result.stderr, /^error: data drift: .* drifted \(monitoring\.fail_on_drift is on\)$/m);
        for (const name of named) assert.ok(result.stderr.includes(name), `${name} in ${result.stderr}`);
        const events = lastRunEvents(project);
        const drift = driftEvents(events).find((event) => event.step === profile.step && event.output === profile.output) ?? assert.fail("no drift event for the moved output");
        assert.equal(drift.reference, reference.runId);
        assert.equal(drift.status, "drift");
        assert.deepEqual(drift.columns.filter((column) => column.status === "drift").map((column) => column.column), moved);
        assert.equal(events.find((event) => event.type === "run_finished")?.status, "failed");
      } finally {
        writeFileSync(numeric, original);
      }
    });

    it("retries a step only for errors that can be transient (a network error), never for a bug", { timeout: FIFTEEN_MINUTES }, () => {
      const manifest = JSON.parse(readFileSync(join(project, "nb2prod.json"), "utf8")) as { steps: { name: string }[] };
      const step = manifest.steps[manifest.steps.length - 1]?.name ?? assert.fail("no steps");
      const module = join(project, "src", pkg, "steps", `${step}.py`);
      const flow = join(project, "src", pkg, "flow.py");
      const original = readFileSync(module, "utf8");
      const originalFlow = readFileSync(flow, "utf8");
      // No waiting between attempts in the test; the behaviour under test is whether they happen.
      writeFileSync(flow, originalFlow.replace(/^RETRY_DELAY_SECONDS = \d+$/m, "RETRY_DELAY_SECONDS = 0"));
      const attemptsWith = (error: string): number[] => {
        writeFileSync(module, original.replace(/^( {4}# Cell .*)$/m, `$1\n    raise ${error}`));
        const run = checkFlow(python, project, pkg, mkdtempSync(join(tmpdir(), "nb2prod-e2e-prefect-")));
        assert.equal(run.ok, false, "the flow fails");
        return lastRunEvents(project)
          .filter((event): event is { type: string; step: string; attempt: number } => event.type === "step_started" && (event as { step?: string }).step === step)
          .map((event) => event.attempt);
      };
      try {
        assert.deepEqual(attemptsWith('TypeError("a bug")'), [1]);
        assert.deepEqual(attemptsWith('ValueError("a failed check")'), [1]);
        assert.deepEqual(attemptsWith('ConnectionError("a flaky network")'), [1, 2, 3]);
      } finally {
        writeFileSync(module, original);
        writeFileSync(flow, originalFlow);
      }
    });
  });
}

// A percent script works end to end like a notebook: its project's tests pass (the
// equivalence test runs the program generate wrote, no .ipynb needed), `verify` finds
// every step equal, and the flow run keeps what the notebook showed and drew: metrics,
// a report and the residual plot as a PNG named after its step and cell.
describe("generated project for examples/diabetes_regression.ipynb written as a percent script", { timeout: FIFTEEN_MINUTES }, () => {
  let python = "";
  const folder = mkdtempSync(join(tmpdir(), "nb2prod-e2e-percent-"));
  const project = join(folder, "project");
  let script = "";
  let verifyReportFile = "";
  before(async () => {
    python = (await ensurePythonEnv()).python;
    script = writePercentScript(exampleNotebook("diabetes_regression"), folder);
    let output = "";
    const code = await generateCommand.run([script, "--out", project, "--python", python], { out: (text) => (output += text), err: (text) => (output += text) });
    assert.equal(code, 0, output);
  }, { timeout: FIFTEEN_MINUTES });

  it("passes ruff, mypy and its own pytest suite, equivalence included", { timeout: FIFTEEN_MINUTES }, () => {
    for (const result of [checkRuff(python, project), checkMypy(python, project), checkPytest(python, project)]) assert.ok(result.ok, result.reason);
  });

  it("has no data checks without a verify report, and says how to get them", () => {
    assert.equal(existsSync(join(project, "src", "diabetes_regression", "data_checks.py")), false);
    assert.doesNotMatch(readFileSync(join(project, "pyproject.toml"), "utf8"), /pandera/);
    assert.match(readFileSync(join(project, "README.md"), "utf8"), /## Data checks\n\nNone yet: .*\n.*--types verify\.json.*step `validate`/);
  });

  it("verifies equal at every step", { timeout: FIFTEEN_MINUTES }, async () => {
    const report = await verifyProject(
      { notebookPath: script, projectDir: project, python, timeoutMs: FIFTEEN_MINUTES },
      { fs: new NodeFileSystem(), runner: new NodeProcessRunner(), scratch: new NodeScratchSpace() },
    );
    assert.equal(report.status, "equal", JSON.stringify(report.steps.filter((step) => step.status !== "equal")));
    verifyReportFile = join(folder, "verify-report.json");
    writeFileSync(verifyReportFile, JSON.stringify(report));
  });

  it("generated again with the verify report, gates the notebook's metrics 5% below its own values, and the run passes them", { timeout: FIFTEEN_MINUTES }, async () => {
    const gated = join(folder, "gated");
    let output = "";
    const code = await generateCommand.run([script, "--out", gated, "--python", python, "--types", verifyReportFile], { out: (text) => (output += text), err: (text) => (output += text) });
    assert.equal(code, 0, output);
    const params = readFileSync(join(gated, "params.yaml"), "utf8");
    assert.match(params, /^ {2}mae: \{max: 47\.68\} /m);
    assert.match(params, /^ {2}r2: \{min: 0\.3812\} /m);
    const run = checkFlow(python, gated, "diabetes_regression");
    assert.ok(run.ok, run.reason);
    const gate = (lastRunEvents(gated) as { type?: string; passed?: boolean; checks?: { metric: string }[] }[]).find((event) => event.type === "gate");
    assert.equal(gate?.passed, true);
    assert.deepEqual(gate.checks?.map((check) => check.metric), ["mae", "r2"]);
  });

  it("generated with the verify report, checks the data the validation step hands on with pandera schemas: ruff, mypy and its data check tests pass", { timeout: FIFTEEN_MINUTES }, () => {
    const gated = join(folder, "gated");
    const checks = readFileSync(join(gated, "src", "diabetes_regression", "data_checks.py"), "utf8");
    assert.match(checks, /^CHECKED_AFTER = "validate"$/m);
    assert.match(checks, /^ {12}"bmi": pa\.Column\("float64", nullable=False\),$/m);
    assert.match(checks, /^ {4}"y": pa\.SeriesSchema\("float64", nullable=False\),$/m);
    assert.match(readFileSync(join(gated, "pyproject.toml"), "utf8"), /^ {4}"pandera==0\.22\.1",$/m);
    for (const result of [checkRuff(python, gated), checkMypy(python, gated)]) assert.ok(result.ok, result.reason);
    const tests = runTool(python, gated, ["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_data_checks.py"], 600_000);
    assert.ok(tests.ok, tests.reason);
    const check = (lastRunEvents(gated) as { type?: string; step?: string; passed?: boolean }[]).find((event) => event.type === "data_check");
    assert.equal(check?.step, "validate");
    assert.equal(check.passed, true);
  });

  it("stops before training with exit code 3, one line naming value, column and check, and a data_check event when the data breaks a check", { timeout: FIFTEEN_MINUTES }, () => {
    const gated = join(folder, "gated");
    const step = join(gated, "src", "diabetes_regression", "steps", "validate.py");
    const source = readFileSync(step, "utf8");
    assert.match(source, /^ {4}return ValidateOutputs\(/m);
    // A null in a column the notebook's data never had one in.
    writeFileSync(step, source.replace(/^ {4}return ValidateOutputs\(/m, '    X = X.assign(bmi=X["bmi"].where(X.index != X.index[0]))\n    return ValidateOutputs('));
    const result = spawnSync(python, ["-m", "diabetes_regression"], { cwd: gated, encoding: "utf8", env: { ...process.env, PYTHONPATH: join(gated, "src"), PREFECT_HOME: mkdtempSync(join(tmpdir(), "nb2prod-e2e-prefect-")) } });
    assert.equal(result.status, 3, result.stderr.slice(-2000));
    assert.match(result.stderr, /^error: data check failed: X\['bmi'\]: no nulls failed \(null at index \d+\)$/m);
    const events = lastRunEvents(gated) as { type?: string; step?: string; passed?: boolean; checks?: { value: string; column?: string; check: string; passed: boolean }[] }[];
    const check = events.find((event) => event.type === "data_check") ?? assert.fail("no data_check event");
    assert.equal(check.passed, false);
    assert.deepEqual(check.checks?.filter((entry) => !entry.passed).map((entry) => [entry.value, entry.column, entry.check]), [["X", "bmi", "no nulls"]]);
    const started = events.filter((event) => event.type === "step_started").map((event) => event.step);
    assert.ok(started.includes("validate") && !started.includes("train"), JSON.stringify(started));
  });

  it("keeps the shown metrics and the drawn figure in the run's events and artifacts", { timeout: FIFTEEN_MINUTES }, () => {
    const run = checkFlow(python, project, "diabetes_regression");
    assert.ok(run.ok, run.reason);
    const events = lastRunEvents(project) as { type?: string; name?: string; kind?: string; path?: string; step?: string }[];
    const metrics = events.filter((event) => event.type === "metric").map((event) => event.name);
    assert.ok(metrics.includes("mae") && metrics.includes("r2"), JSON.stringify(metrics));
    const figures = events.filter((event) => event.type === "artifact" && event.kind === "figure");
    assert.equal(figures.length, 1, JSON.stringify(figures));
    const png = figures[0]?.path ?? "";
    assert.match(basename(png), new RegExp(`^${figures[0]?.step ?? "?"}__figures_cell_\\d+_1-[0-9a-f]{16}\\.png$`));
    assert.deepEqual([...readFileSync(png).subarray(1, 4)], [...Buffer.from("PNG")]);
  });
});
