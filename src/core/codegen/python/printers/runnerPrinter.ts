// src/<pkg>/runner.py: the steps in run order with their wiring (which earlier output or
// param feeds which argument), and a plain in-process runner used by the tests.
import { PythonWriter } from "../pythonWriter";
import { pyString } from "../pythonText";
import type { ProjectStructure, StepStructure } from "../structures";
import { printDocstring, printModuleImports } from "./moduleParts";

function wiring(step: StepStructure): string {
  const entries = step.inputs.map((input) => {
    const parameter = input.param ?? input.name;
    const source = input.fromStep === undefined ? "PARAMS" : pyString(input.fromStep);
    return `${pyString(parameter)}: (${source}, ${pyString(input.fromStep === undefined ? parameter : input.name)})`;
  });
  return `{${entries.join(", ")}}`;
}

export function printRunnerModule(project: ProjectStructure): string {
  const writer = new PythonWriter();
  const pkg = project.packageName;
  printDocstring(writer, "The pipeline's steps in run order, and a plain runner for tests and debugging.", [
    "`run_steps` calls the step functions in this process, without Prefect, artifacts or run events: what the tests use to get each step's inputs from the notebook's own ingestion path.",
  ]);
  writer.line();
  const imports = [
    { module: "collections.abc", name: "Callable" },
    { module: "collections.abc", name: "Mapping" },
    { module: "typing", name: "Any" },
    { module: `${pkg}.params`, name: "Params" },
    ...project.steps.map((step) => ({ module: `${pkg}.steps.${step.name}`, name: step.name })),
  ];
  printModuleImports(writer, { runtime: imports, typeOnly: [], firstParty: pkg });
  writer.line();
  writer.line('PARAMS = "<params>"');
  writer.line("STEPS: dict[str, Callable[..., Any]] = {");
  writer.indented(() => writer.lines(project.steps.map((step) => `${pyString(step.name)}: ${step.name},`)));
  writer.line("}");
  writer.line("# step → {argument: (earlier step or PARAMS, output or param name)}");
  writer.line("WIRING: dict[str, dict[str, tuple[str, str]]] = {");
  writer.indented(() => writer.lines(project.steps.map((step) => `${pyString(step.name)}: ${wiring(step)},`)));
  writer.line("}");
  writer.line().line();
  writer.verbatim({ lines: RUNNER_FUNCTIONS.split("\n"), rawLines: new Set() });
  return writer.toString();
}

const RUNNER_FUNCTIONS = `def step_inputs(step: str, outputs: Mapping[str, Mapping[str, Any]], params: Params) -> dict[str, Any]:
    """The keyword arguments of \`\`step\`\`, from earlier steps' outputs and the params."""
    arguments: dict[str, Any] = {}
    for argument, (source, name) in WIRING[step].items():
        arguments[argument] = getattr(params, name) if source == PARAMS else outputs[source][name]
    return arguments


def run_steps(
    params: Params,
    *,
    before: str | None = None,
    outputs: dict[str, dict[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Run the steps in order (all, or those before \`\`before\`\`) and return their
    outputs; steps already in \`\`outputs\`\` are not run again."""
    if before is not None and before not in STEPS:
        raise KeyError(f"No step named {before!r}; steps: {list(STEPS)}")
    done: dict[str, dict[str, Any]] = {} if outputs is None else outputs
    for name, function in STEPS.items():
        if name == before:
            break
        if name not in done:
            done[name] = function(**step_inputs(name, done, params))._asdict()
    return done`;
