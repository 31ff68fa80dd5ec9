// params.yaml (the values) and src/<pkg>/params.py (the typed, frozen dataclass that
// loads them, with overrides from the environment and the command line).
import { yamlString } from "../../textEncoding";
import type { ParamValue } from "../../../planning/splitPlan";
import { PythonWriter } from "../pythonWriter";
import { isPythonIdentifier } from "../pythonText";
import type { ParamStructure } from "../structures";
import { printDocstring } from "./moduleParts";
import { PARAMS_RUNTIME } from "./paramsRuntime";

/** A YAML scalar or flow sequence; floats keep a decimal point so they load as floats. */
export function yamlValue(value: ParamValue, type: string): string {
  if (Array.isArray(value)) return `[${value.map((item) => yamlValue(item, type.replace(/^list\[(.*)\]$/, "$1"))).join(", ")}]`;
  if (typeof value === "string") return yamlString(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (type === "float" && Number.isInteger(value)) return value.toFixed(1);
  return String(value);
}

/** What params.yaml says about the quality gates: the metrics the evaluation logs, and after which step they are checked. */
export interface GateSection {
  readonly metrics: readonly string[];
  /** The notebook's value of a metric, when verify observed it. */
  readonly observed: ReadonlyMap<string, number>;
  readonly checkedAfter: string;
}

/** Margin of a suggested bound below (or above) the notebook's own value. */
const SUGGESTED_MARGIN = 0.05;

/** `monitoring`: print the data-monitoring thresholds (every generated project has monitoring.py). */
export function printParamsYaml(params: readonly ParamStructure[], packageName: string, gates?: GateSection, monitoring = false): string {
  const lines = [
    "# Parameters of the pipeline, loaded into the frozen dataclass in",
    `# src/${packageName}/params.py. Override one for a run without editing this file:`,
    `#   python -m ${packageName} --param name=value`,
    `#   ${envPrefix(packageName)}NAME=value python -m ${packageName}`,
  ];
  const body = params.flatMap((param) => [
    ...(param.origin === "absolute path" ? ["# An absolute path found in the notebook: point it at the data on this machine."] : []),
    `${param.name}: ${yamlValue(param.value, param.type)}`,
  ]);
  const sections = [
    ...(gates === undefined ? [] : ["", ...printGatesYaml(gates, packageName)]),
    ...(monitoring ? ["", ...printMonitoringYaml(packageName)] : []),
  ];
  if (body.length === 0 && sections.length === 0) return `${lines.join("\n")}\n{}\n`;
  return `${[...lines, ...body, ...sections].join("\n")}\n`;
}

// Which way a metric is better, from its name, for the commented examples only.
const HIGHER_IS_BETTER = /(^|_)(r2|r_squared|accuracy|acc|f1|precision|recall|auc|roc_auc|score|explained_variance|ap|ndcg)(_|$)/i;
const LOWER_IS_BETTER = /(^|_)(mae|mse|rmse|mape|loss|log_loss|logloss|error|err|deviance)(_|$)/i;

/**
 * The gates section. A metric whose direction the name tells and whose value verify
 * observed in the notebook gets a bound 5% worse than that value; the others are
 * commented examples (the notebook's numbers are no target nb2prod can guess).
 */
function printGatesYaml(gates: GateSection, packageName: string): string[] {
  const metrics = gates.metrics.filter(isPythonIdentifier);
  const example = metrics[0] ?? "r2";
  const side = LOWER_IS_BETTER.test(example) ? "max" : "min";
  const suggested = metrics.flatMap((name) => {
    const value = gates.observed.get(name);
    const direction = LOWER_IS_BETTER.test(name) ? "max" : HIGHER_IS_BETTER.test(name) ? "min" : undefined;
    if (value === undefined || direction === undefined) return [];
    const margin = Math.abs(value) * SUGGESTED_MARGIN;
    const bound = Number((direction === "min" ? value - margin : value + margin).toPrecision(4));
    return [{ name, line: `  ${name}: {${direction}: ${yamlNumber(bound)}}   # the notebook's ${name} was ${yamlNumber(Number(value.toPrecision(6)))} when verify ran` }];
  });
  const examples = metrics.filter((name) => !suggested.some((entry) => entry.name === name)).map((name) => {
    if (LOWER_IS_BETTER.test(name)) return `#   ${name}: {max: <highest acceptable>}   # lower is better`;
    if (HIGHER_IS_BETTER.test(name)) return `#   ${name}: {min: <lowest acceptable>}   # higher is better`;
    return `#   ${name}: {min: <lowest acceptable>, max: <highest acceptable>}`;
  });
  return [
    "# Quality gates: bounds on the metrics the pipeline logs, checked after step",
    `# ${gates.checkedAfter || "the last step"} and before any registration or deployment step. A metric outside`,
    "# its bound, or a gated metric no step logged, stops the run with exit code 3 and",
    "# nothing is registered or deployed. Set or change a bound for one run:",
    `#   python -m ${packageName} --param gates.${example}.${side}=0.5`,
    `#   ${gateEnvPrefix(packageName)}${example.toUpperCase()}_${side.toUpperCase()}=0.5 python -m ${packageName}`,
    ...(suggested.length > 0 ? ["gates:", ...suggested.map((entry) => entry.line)] : ["gates: {}"]),
    ...(examples.length > 0
      ? [`# ${suggested.length > 0 ? "Other metrics" : "Bounds for the metrics"} the evaluation logs (uncomment one and set it):`, ...examples]
      : metrics.length === 0
        ? ["# The evaluation logs no metric nb2prod could find; gate any metric a step logs by its name."]
        : []),
  ];
}

/** The data-monitoring thresholds (monitoring.py documents how each is used). */
function printMonitoringYaml(packageName: string): string[] {
  return [
    "# Data monitoring: each run profiles the data the ingestion and preprocessing steps",
    "# hand on and compares it with the last successful run. A numeric column is a warning",
    "# from a population stability index (PSI) of psi_warning, drift from psi_drift or a",
    "# Kolmogorov-Smirnov p-value below ks_p_value; a new category or a removed column is",
    "# drift. With fail_on_drift, drift stops the run with exit code 3, like a failed gate:",
    `#   python -m ${packageName} --param monitoring.fail_on_drift=true`,
    "monitoring:",
    "  psi_warning: 0.1",
    "  psi_drift: 0.25",
    "  ks_p_value: 0.01",
    "  fail_on_drift: false",
  ];
}

/** A YAML number PyYAML reads back as one (it needs `1.0e+30`, not `1e30`). */
function yamlNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa = "0", exponent = "0"] = text.split(/e/i);
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}e${exponent.startsWith("-") || exponent.startsWith("+") ? exponent : `+${exponent}`}`;
}

export function envPrefix(packageName: string): string {
  return `${packageName.toUpperCase()}_PARAM_`;
}

/** The prefix of the variables that set a quality-gate bound (gates.py derives the same from ENV_PREFIX). */
export function gateEnvPrefix(packageName: string): string {
  return `${packageName.toUpperCase()}_GATE_`;
}

export function printParamsModule(params: readonly ParamStructure[], packageName: string): string {
  const writer = new PythonWriter();
  printDocstring(writer, "Typed parameters of the pipeline.", [
    "Values come from params.yaml; the environment (`" + envPrefix(packageName) + "<NAME>`) and the command line (`--param name=value`) override them, in that order. Secrets never live here: `read_secret` reads them from the environment.",
  ]);
  writer.line();
  writer.lines(["from __future__ import annotations", "", "import dataclasses", "import os", "import typing", "from collections.abc import Mapping, Sequence", "from pathlib import Path", "", "import yaml"]);
  writer.line().line(`ENV_PREFIX = "${envPrefix(packageName)}"`).line('GATES_KEY = "gates"').line('MONITORING_KEY = "monitoring"').line().line();
  writer.line("@dataclasses.dataclass(frozen=True)");
  writer.block("class Params", () => {
    writer.line('"""The values of params.yaml, checked against these types when loaded."""');
    if (params.length > 0) writer.line();
    writer.lines(params.map((param) => `${param.name}: ${param.type}`));
  });
  writer.line().line();
  writer.verbatim({ lines: PARAMS_RUNTIME.split("\n"), rawLines: new Set() });
  return writer.toString();
}
