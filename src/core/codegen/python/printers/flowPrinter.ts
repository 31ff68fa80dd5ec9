// src/<pkg>/flow.py: the Prefect 3 flow. One task per step, each with retries, a retry
// delay and an INPUTS + TASK_SOURCE cache policy (inputs are artifact references, params
// and a hash of the step's source), recording run events through lineage.py.
import { GENERATED_CODE_NAMES } from "../../../planning/stepName";
import type { ImportSpec } from "../importBlock";
import { PythonWriter } from "../pythonWriter";
import { pyString, pyTuple } from "../pythonText";
import type { ProjectStructure, StepStructure } from "../structures";
import { modelRegistration } from "../modelServing";
import type { ModelRegistration } from "../modelServing";
import { printDocstring, printModuleImports } from "./moduleParts";
import { FLOW_HELPERS } from "./flowHelpers";

function flowImports(project: ProjectStructure): ImportSpec[] {
  const pkg = project.packageName;
  const fixed: ImportSpec[] = [
    { module: "dataclasses" },
    { module: "pathlib", name: "Path" },
    { module: "collections.abc", name: "Callable" },
    { module: "collections.abc", name: "Iterator" },
    { module: "functools", name: "partial" },
    { module: "contextlib", name: "contextmanager" },
    { module: "numbers" },
    { module: "typing", name: "Any" },
    { module: "typing", name: "TypedDict" },
    { module: "prefect", name: "Task" },
    { module: "prefect.client.schemas.objects", name: "TaskRun" },
    ...["State", "flow", "get_run_logger", "task"].map((name) => ({ module: "prefect", name })),
    ...["INPUTS", "TASK_SOURCE"].map((name) => ({ module: "prefect.cache_policies", name })),
    ...["flow_run", "task_run"].map((name) => ({ module: "prefect.runtime", name })),
    { module: "prefect.settings", name: "PREFECT_API_URL" },
    { module: "prefect.context", name: "FlowRunContext" },
    { module: "prefect.futures", name: "PrefectFuture" },
    { module: "prefect.task_runners", name: "ThreadPoolTaskRunner" },
    ...["ArtifactError", "ArtifactRef", "file_sha256", "is_figure", "record_file", "save_artifact", "save_figure", "save_report", "source_digest"].map((name) => ({ module: `${pkg}.artifacts`, name })),
    { module: `${pkg}.artifacts`, name: "load_artifact" },
    ...(project.dataChecks === undefined ? [] : ["CHECKED_VALUES", "check_data", "raise_for_failures"].map((name) => ({ module: `${pkg}.data_checks`, name }))),
    { module: `${pkg}.lineage`, name: "RunRecorder" },
    { module: `${pkg}.tracking`, name: "Tracker" },
    { module: `${pkg}.params`, name: "load_params" },
    ...["Bound", "GateFailedError", "check_gates", "load_gates"].map((name) => ({ module: `${pkg}.gates`, name })),
    ...["MISSING_LIBRARIES", "DataDriftError", "MonitoringSettings", "monitor_output"].map((name) => ({ module: `${pkg}.monitoring`, name })),
    ...(project.steps.some(isMonitored) ? [{ module: `${pkg}.monitoring`, name: "load_monitoring" }] : []),
    { module: "collections.abc", name: "Mapping" },
  ];
  const common: ImportSpec[] = project.common === undefined ? [] : [{ module: pkg, name: "common" }];
  return [...fixed, ...common, ...project.steps.map((step) => ({ module: `${pkg}.steps.${step.name}`, name: step.name }))];
}

export function printFlowModule(project: ProjectStructure): string {
  const writer = new PythonWriter();
  printDocstring(writer, `Prefect flow of the pipeline generated from ${project.notebook}.`, [
    "One task per step. Each task retries an error that can be transient (I/O, network, timeouts; never a bug, a failed check or a damaged artifact) after a delay, and caches its result on its inputs (artifact references, params and a hash of the step's source) plus the task's own source, so a re-run with nothing changed reuses every step; a cached step whose artifacts or written files are gone or changed runs again. Values between steps are persisted as hashed artifacts (see artifacts.py); every run writes its events through lineage.py.",
  ]);
  writer.line();
  printModuleImports(writer, { runtime: flowImports(project), typeOnly: [], firstParty: project.packageName });
  writer.line();
  writer.line(`FLOW_NAME = ${pyString(project.projectName)}`);
  writer.line(`NOTEBOOK = ${pyString(project.notebook)}`);
  writer.line(`PACKAGES = ${pyTuple(project.dependencies.map((dependency) => dependency.name))}`);
  writer.line(`DATA_FILES: tuple[str, ...] = ${pyTuple(project.dataFiles)}`);
  writer.lines(["RETRIES = 2", "RETRY_DELAY_SECONDS = 10", "# The run a task belongs to (run) is not what it computes: not in the cache key.", 'CACHE_POLICY = (INPUTS - "run") + TASK_SOURCE']);
  writer.line().line();
  writer.verbatim({ lines: FLOW_HELPERS.split("\n"), rawLines: new Set() });
  if (project.dataChecks !== undefined) {
    writer.line().line();
    writer.verbatim({ lines: CHECK_DATA_HELPER.split("\n"), rawLines: new Set() });
  }
  const names = new Map(project.steps.map((step) => [step.name, taskParameterNames(step, project)]));
  for (const step of project.steps) printTask(writer, step, names.get(step.name) ?? new Map());
  printFlow(writer, project, names);
  return writer.toString();
}

/** What a task's own code and Prefect's task call use: a task parameter never takes these names. */
const TASK_RESERVED: ReadonlySet<string> = new Set(["code_version", "return_state", "wait_for", "outputs", "result", "_Run", "_recorder", "_number", "_attempt", "_persist", "_savers", "_settle", "_stale_artifact", "_transient", "_check_gates", "_check_data", "_loaders", "tracker", "_TRANSIENT_ERRORS", "_PERMANENT_OS_ERRORS", "_monitor", "run", "RunRef", "_run_ref", "_runs_elsewhere", "_settle_together", "FlowRunContext", "PrefectFuture", "ThreadPoolTaskRunner"]);

/**
 * The task's parameter name for each step input (by param or value name): the input's
 * own name unless the flow module or Prefect uses it (a param `return_state`, a value
 * `flow`), then with `_` appended until it is free.
 */
function taskParameterNames(step: StepStructure, project: ProjectStructure): Map<string, string> {
  const taken = new Set([...TASK_RESERVED, ...GENERATED_CODE_NAMES, ...project.steps.flatMap((other) => [other.name, `${other.name}_task`])]);
  const names = new Map<string, string>();
  for (const input of step.inputs) {
    const key = input.param ?? input.name;
    let name = key;
    while (taken.has(name)) name = `${name}_`;
    taken.add(name);
    names.set(key, name);
  }
  return names;
}

function taskParameters(step: StepStructure, names: ReadonlyMap<string, string>): string[] {
  return [
    ...step.inputs.map((input) => {
      const key = input.param ?? input.name;
      return `${names.get(key) ?? key}: ${input.fromStep === undefined ? input.type.annotation : "ArtifactRef"}`;
    }),
    "run: RunRef",
    "code_version: str",
  ];
}

function printTask(writer: PythonWriter, step: StepStructure, names: ReadonlyMap<string, string>): void {
  writer.line().line();
  writer.line("@task(");
  writer.indented(() => writer.lines([`name=${pyString(step.name)},`, "retries=RETRIES,", "retry_delay_seconds=RETRY_DELAY_SECONDS,", "retry_condition_fn=_transient,", "cache_policy=CACHE_POLICY,", "persist_result=True,"]));
  writer.line(")");
  const header = `def ${step.name}_task(${taskParameters(step, names).join(", ")}) -> StepResult:`;
  const body = (): void => {
    writer.line(`"""Run step \`${step.name}\` on its inputs and persist its outputs."""`);
    const cells = step.cells.length > 0 ? step.cells.map((cell) => (cell.label ?? cell.cellId).replace(/^Cell /, "")).join("; ") : step.cellIds.join(", ");
    writer.block(`with _attempt(${pyString(step.name)}, ${pyString(cells)}, run)`, () => {
      const args = step.inputs.map((input) => {
        const parameter = input.param ?? input.name;
        const local = names.get(parameter) ?? parameter;
        return `${parameter}=${input.fromStep === undefined ? local : `load_artifact(${local})`}`;
      });
      writer.line(`outputs = ${step.name}(${args.join(", ")})`);
      writer.line(`result = _persist(`);
      writer.indented(() => {
        writer.line(`${pyString(step.name)},`);
        writer.line("outputs._asdict(),");
        writer.line(`required=${pyTuple(step.requiredOutputs)},`);
        writer.line(`metrics=${step.stage === "evaluation" ? "True" : "False"},`);
        const shown = step.reports.filter((report) => report.kind === "value").map((report) => report.name);
        const drawn = step.reports.filter((report) => report.kind === "figures").map((report) => report.name);
        const written = step.reports.filter((report) => report.kind === "file").map((report) => report.name);
        if (shown.length > 0) writer.line(`reports=${pyTuple(shown)},`);
        if (drawn.length > 0) writer.line(`figures=${pyTuple(drawn)},`);
        if (written.length > 0) writer.line(`files=${pyTuple(written)},`);
      });
      writer.line(")");
    });
    writer.line("return result");
  };
  if (header.length <= 88) {
    writer.line(header);
    writer.indented(body);
    return;
  }
  writer.line(`def ${step.name}_task(`);
  writer.indented(() => writer.lines(taskParameters(step, names).map((parameter) => `${parameter},`)));
  writer.line(") -> StepResult:");
  writer.indented(body);
}

function taskArguments(step: StepStructure, project: ProjectStructure, names: ReadonlyMap<string, string>): string[] {
  const inputs = step.inputs.map((input) => {
    const local = names.get(input.param ?? input.name) ?? input.param ?? input.name;
    return input.fromStep === undefined ? `${local}=params.${input.param ?? input.name}` : `${local}=results[${pyString(input.fromStep)}]["artifacts"][${pyString(input.name)}]`;
  });
  const sources = [step.name, ...(project.common === undefined ? [] : ["common"])].join(", ");
  return [...inputs, "run=run", `code_version=source_digest(${sources})`];
}

function printFlow(writer: PythonWriter, project: ProjectStructure, taskNames: ReadonlyMap<string, ReadonlyMap<string, string>>): void {
  const registration = modelRegistration(project.steps);
  writer.line().line();
  writer.line(`@flow(name=FLOW_NAME, description=${pyString(`Pipeline generated by nb2prod from ${project.notebook}.`)})`);
  writer.line('def pipeline(params_path: str = "params.yaml", overrides: tuple[str, ...] = ()) -> dict[str, StepResult]:');
  writer.indented(() => {
    writer.line('"""Run every step in order; return each step\'s artifact references and metrics."""');
    writer.line("params = load_params(params_path, overrides)");
    writer.line("gate_bounds = load_gates(params_path, overrides)");
    if (project.steps.some(isMonitored)) writer.line("monitoring_settings = load_monitoring(params_path, overrides)");
    writer.line("recorder = RunRecorder(FLOW_NAME, NOTEBOOK)");
    // Attached before the run starts: MLflow sees every event, run_started included.
    writer.line(registration === undefined ? "Tracker.attach(recorder, FLOW_NAME)" : "tracker = Tracker.attach(recorder, FLOW_NAME)");
    writer.line("inputs = [Path(name) for name in DATA_FILES if Path(name).is_file()]");
    writer.line("recorder.start(dataclasses.asdict(params), packages=PACKAGES, inputs=inputs, prefect=_prefect_flow_run())");
    writer.line("results: dict[str, StepResult] = {}");
    writer.line("_Run.recorder = recorder");
    writer.line("run = _run_ref(recorder)");
    writer.block("try", () => {
      writer.block("with recorder", () => {
        const gateAt = gateCheckIndex(project.steps);
        for (const wave of stepWaves(project)) {
          const first = wave[0];
          if (first !== undefined && project.steps.indexOf(first) === gateAt) printGateCheck(writer, project.steps[gateAt - 1]);
          if (wave.length === 1 && first !== undefined) {
            writer.line(`results[${pyString(first.name)}] = _settle(`);
            writer.indented(() => {
              writer.line(`${pyString(first.name)},`);
              printTaskCall(writer, first, project, taskNames, "call");
            });
            writer.line(")");
          } else {
            writer.line("# No data passes between these steps: with a task runner that runs tasks elsewhere");
            writer.line("# (--task-runner dask) they run at the same time.");
            writer.line("results.update(");
            writer.indented(() => {
              writer.line("_settle_together(");
              writer.indented(() => {
                for (const step of wave) {
                  writer.line("(");
                  writer.indented(() => {
                    writer.line(`${pyString(step.name)},`);
                    printTaskCall(writer, step, project, taskNames, "call");
                    printTaskCall(writer, step, project, taskNames, "submit");
                  });
                  writer.line("),");
                }
              });
              writer.line(")");
            });
            writer.line(")");
          }
          for (const step of wave) {
            if (step.name === project.dataChecks?.after) writer.line(`_check_data(results, after=${pyString(step.name)})`);
            if (isMonitored(step)) writer.line(`_monitor(monitoring_settings, ${pyString(step.name)}, results[${pyString(step.name)}])`);
            if (registration !== undefined && step.name === registration.lastTraining) printModelLogging(writer, registration);
          }
        }
        if (gateAt === project.steps.length) printGateCheck(writer, project.steps[gateAt - 1]);
        if (registration !== undefined) writer.line(`tracker.register_model(step=${pyString(registration.step)})`);
      });
    });
    writer.block("finally", () => writer.line("_Run.recorder = None"));
    writer.line('get_run_logger().info("Run %s recorded in %s", recorder.run_id, recorder.events_path)');
    writer.line("return results");
  });
}

/** One task call as _settle takes it (\`lambda refresh: ...\`), or its submission (\`lambda: ....submit(...)\`). */
function printTaskCall(writer: PythonWriter, step: StepStructure, project: ProjectStructure, taskNames: ReadonlyMap<string, ReadonlyMap<string, string>>, form: "call" | "submit"): void {
  const args = taskArguments(step, project, taskNames.get(step.name) ?? new Map());
  // Not refreshing leaves it to Prefect's setting, which --refresh-cache turns on.
  writer.line(form === "call" ? `lambda refresh: (${step.name}_task.with_options(refresh_cache=True) if refresh else ${step.name}_task)(` : `lambda: ${step.name}_task.submit(`);
  writer.indented(() => writer.lines([...args, ...(form === "call" ? ["return_state=True"] : [])].map((argument) => `${argument},`)));
  writer.line("),");
}

/**
 * The order the flow runs the steps in, as waves of steps no data passes between (issue
 * 13): the flow submits a wave's steps together, so a task runner that runs tasks
 * elsewhere (Dask) runs them at the same time. The steps are cut into segments the flow
 * never reorders across: after a step whose result the flow checks before going on (data
 * checks, data monitoring) or that writes a file (a later step may read it), and before
 * the quality gates. Within a segment a step's wave is one after the latest wave of the
 * steps it reads from; a wave keeps the plan's order.
 */
export function stepWaves(project: ProjectStructure): StepStructure[][] {
  const gateAt = gateCheckIndex(project.steps);
  const segments: StepStructure[][] = [];
  let current: StepStructure[] = [];
  project.steps.forEach((step, index) => {
    if (index === gateAt && current.length > 0) {
      segments.push(current);
      current = [];
    }
    current.push(step);
    const checkedAfter = step.name === project.dataChecks?.after || isMonitored(step);
    if (checkedAfter || step.reports.some((report) => report.kind === "file")) {
      segments.push(current);
      current = [];
    }
  });
  if (current.length > 0) segments.push(current);
  return segments.flatMap((segment) => {
    const level = new Map<string, number>();
    for (const step of segment) {
      const after = step.inputs.map((input) => (input.fromStep === undefined ? -1 : (level.get(input.fromStep) ?? -1)));
      level.set(step.name, Math.max(-1, ...after) + 1);
    }
    const waves: StepStructure[][] = [];
    for (const step of segment) {
      const at = level.get(step.name) ?? 0;
      (waves[at] ??= []).push(step);
    }
    return waves.filter((wave) => wave.length > 0);
  });
}

/** The flow's data check (data_checks.py), right after the step whose data it checks. */
const CHECK_DATA_HELPER = `def _check_data(results: Mapping[str, StepResult], after: str) -> None:
    """Check the data step \`\`after\`\` hands on; stop the run before training when a check fails."""
    artifacts = results[after]["artifacts"]
    checks = check_data({name: load_artifact(artifacts[name]) for name in CHECKED_VALUES if name in artifacts})
    _recorder().data_check(after, [check.event() for check in checks])
    for check in checks:
        get_run_logger().info("Data check %s", check.describe())
    raise_for_failures(checks)`;
/** The stages whose outputs are profiled and checked for drift: the data as it comes in and as the model sees it. */
const MONITORED_STAGES: ReadonlySet<string> = new Set(["ingestion", "preprocessing"]);

/** Whether the flow profiles the data `step` hands on. */
export function isMonitored(step: StepStructure): boolean {
  return MONITORED_STAGES.has(step.stage);
}

/**
 * Where the flow checks the quality gates: before the first registration or deployment
 * step that comes after a step (the model must pass before it is kept or served), else
 * after the last step.
 */
export function gateCheckIndex(steps: readonly StepStructure[]): number {
  const index = steps.findIndex((step, position) => position > 0 && (step.stage === "registration" || step.stage === "deployment"));
  return index === -1 ? steps.length : index;
}

function printModelLogging(writer: PythonWriter, registration: ModelRegistration): void {
  const refs = (pairs: readonly [string, string][]): string => {
    const items = pairs.map(([step, name]) => `(${pyString(step)}, ${pyString(name)})`);
    return `(${items.join(", ")}${items.length === 1 ? "," : ""})`;
  };
  writer.line("tracker.log_model(");
  writer.indented(() => {
    writer.line(`_loaders(results, ${refs(registration.models)}),`);
    writer.line(`_loaders(results, ${refs(registration.examples)}),`);
  });
  writer.line(")");
}

function printGateCheck(writer: PythonWriter, after: StepStructure | undefined): void {
  writer.line(`_check_gates(gate_bounds, results, after=${pyString(after?.name ?? "")})`);
}
