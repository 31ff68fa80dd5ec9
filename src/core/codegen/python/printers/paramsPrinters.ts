// params.yaml (the values) and src/<pkg>/params.py (the typed, frozen dataclass that
// loads them, with overrides from the environment and the command line).
import { yamlString } from "../../textEncoding";
import type { ParamValue } from "../../../planning/splitPlan";
import { PythonWriter } from "../pythonWriter";
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

export function printParamsYaml(params: readonly ParamStructure[], packageName: string): string {
  const lines = [
    "# Parameters of the pipeline, loaded into the frozen dataclass in",
    `# src/${packageName}/params.py. Override one for a run without editing this file:`,
    `#   python -m ${packageName} --param name=value`,
    `#   ${envPrefix(packageName)}NAME=value python -m ${packageName}`,
  ];
  if (params.length === 0) return `${lines.join("\n")}\n{}\n`;
  const body = params.flatMap((param) => [
    ...(param.origin === "absolute path" ? ["# An absolute path found in the notebook: point it at the data on this machine."] : []),
    `${param.name}: ${yamlValue(param.value, param.type)}`,
  ]);
  return `${[...lines, ...body].join("\n")}\n`;
}

export function envPrefix(packageName: string): string {
  return `${packageName.toUpperCase()}_PARAM_`;
}

export function printParamsModule(params: readonly ParamStructure[], packageName: string): string {
  const writer = new PythonWriter();
  printDocstring(writer, "Typed parameters of the pipeline.", [
    "Values come from params.yaml; the environment (`" + envPrefix(packageName) + "<NAME>`) and the command line (`--param name=value`) override them, in that order. Secrets never live here: `read_secret` reads them from the environment.",
  ]);
  writer.line();
  writer.lines(["from __future__ import annotations", "", "import dataclasses", "import os", "import typing", "from collections.abc import Mapping, Sequence", "from pathlib import Path", "", "import yaml"]);
  writer.line().line(`ENV_PREFIX = "${envPrefix(packageName)}"`).line().line();
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
