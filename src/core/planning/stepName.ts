// Step names become Python module and function names in the generated package, so they
// must be snake_case identifiers that are not Python keywords.
import { BUILTIN_NAMES } from "../analysis/python/pythonBuiltins";

const PYTHON_KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
  "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
  "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield", "match", "case", "type", "_",
]);

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

// Keywords that can never name a variable (`match`, `case`, `type` and `_` are soft keywords).
const HARD_KEYWORDS = new Set([...PYTHON_KEYWORDS].filter((word) => !["match", "case", "type", "_"].includes(word)));
// Python identifiers may be Unicode (PEP 3131): XID_Start then XID_Continue characters.
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/** Returns why `name` cannot be a Python variable or parameter name, or undefined when it can. */
export function pythonNameProblem(name: string): string | undefined {
  if (!IDENTIFIER.test(name)) return `"${name}" is not a Python identifier.`;
  if (HARD_KEYWORDS.has(name)) return `"${name}" is a Python keyword.`;
  return undefined;
}

/** Returns why `name` cannot be a step name, or undefined when it can. */
export function stepNameProblem(name: string): string | undefined {
  if (name.length === 0) return "A step name cannot be empty.";
  if (name.length > 64) return "A step name must be at most 64 characters long.";
  if (!SNAKE_CASE.test(name)) {
    return "Use snake_case: lower-case letters, digits and underscores, starting with a letter (for example load_data).";
  }
  if (PYTHON_KEYWORDS.has(name)) return `"${name}" is a Python keyword; choose another name.`;
  return generatedNameClash(name);
}

/**
 * Names the generated modules define or import at module level (flow.py, runner.py,
 * params.py, __main__.py, the step modules' own imports): a step function named like one
 * of them would shadow it, or be shadowed. Step names avoid them, and Python's builtins.
 */
export const GENERATED_CODE_NAMES: ReadonlySet<string> = new Set([
  ...["annotations", "dataclasses", "numbers", "os", "sys", "typing", "logging", "argparse", "pathlib", "yaml", "json", "math", "pickle", "hashlib"],
  ...["Callable", "Iterator", "Mapping", "Sequence", "contextmanager", "partial", "Path", "TypedDict", "NamedTuple", "Any", "TYPE_CHECKING"],
  ...["State", "Task", "TaskRun", "flow", "task", "get_run_logger", "task_run", "INPUTS", "TASK_SOURCE", "prefect"],
  ...["ArtifactError", "ArtifactRef", "file_sha256", "is_figure", "record_file", "save_artifact", "save_figure", "save_report", "source_digest", "load_artifact", "take_figures", "assert_true", "checks"],
  ...["RunRecorder", "load_params", "read_secret", "Params", "ParamsError", "MissingSecretError", "LOGGER", "NB2PROD_LOGGER"],
  ...["gates", "gate_bounds", "Bound", "GateCheck", "GateFailedError", "check_gates", "load_gates", "GATES_KEY", "ENV_PREFIX"],
  ...["tracking", "tracker", "Tracker", "_loaders"],
  ...["monitoring", "monitoring_settings", "MonitoringSettings", "MonitoringSettingsError", "DataDriftError", "load_monitoring", "monitor_output", "MONITORING_KEY", "MISSING_LIBRARIES"],
  ...["pipeline", "common", "steps", "params", "artifacts", "lineage", "figures", "runner", "main", "parse_args", "step_inputs", "run_steps", "conftest", "tests"],
  ...["FLOW_NAME", "NOTEBOOK", "PACKAGES", "DATA_FILES", "RETRIES", "RETRY_DELAY_SECONDS", "CACHE_POLICY", "PARAMS", "STEPS", "WIRING", "StepResult", "StepFailedError"],
]);

/** Why `name` would clash with the generated code, or undefined when it would not. */
export function generatedNameClash(name: string): string | undefined {
  if (GENERATED_CODE_NAMES.has(name)) return `"${name}" is a name the generated code uses itself; choose another (for example ${name}_step).`;
  if (BUILTIN_NAMES.has(name)) return `"${name}" is a Python builtin; choose another (for example ${name}_step).`;
  return undefined;
}

/** Turns free text ("Train the model!") into a valid step name ("train_the_model"). */
export function toStepName(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 6);
  let name = words.join("_");
  if (name === "" || !/^[a-z]/.test(name)) name = `step_${name}`.replace(/_+$/, "");
  if (PYTHON_KEYWORDS.has(name) || generatedNameClash(name) !== undefined) name = `${name}_step`;
  return name.slice(0, 64);
}

/** The first `step_N` (N ≥ 1) that is not taken. */
export function nextFreeStepName(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n += 1) {
    const candidate = `step_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * `base`, else `base_2`, `base_3`, …: the first not in `taken`, kept within 64 characters.
 * `tried` remembers, per base, the suffixes already found taken: names are only ever added
 * to `taken`, so naming many steps after one base stays linear.
 */
export function uniqueStepName(base: string, taken: ReadonlySet<string>, tried?: Map<string, number>): string {
  if (!taken.has(base)) return base;
  for (let n = tried?.get(base) ?? 2; ; n += 1) {
    tried?.set(base, n);
    const suffix = `_${n}`;
    const candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
