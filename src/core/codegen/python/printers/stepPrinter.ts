// src/<pkg>/steps/<step>.py: one typed function running the step's cells, returning a
// NamedTuple of the values later steps need. Imports nothing from Prefect, so the step
// can be tested and verified alone.
import { commentText } from "../../textEncoding";
import type { ImportSpec } from "../importBlock";
import { PythonWriter } from "../pythonWriter";
import type { StepStructure } from "../structures";
import { printCall, printCellBlocks, printDocstring, printLogger, printModuleImports, printSignature, typedField } from "./moduleParts";

function runtimeImports(step: StepStructure): ImportSpec[] {
  const typing = ["NamedTuple", ...(usesAny(step) ? ["Any"] : [])].map((name) => ({ module: "typing", name }));
  return [...step.imports, ...typing, ...(step.logger === undefined ? [] : [{ module: "logging" }])];
}

function usesAny(step: StepStructure): boolean {
  return [...step.inputs, ...step.outputs].some((field) => /\bAny\b/.test(field.type.annotation));
}

export function printStepModule(step: StepStructure, packageName: string): string {
  const writer = new PythonWriter();
  printDocstring(writer, `Step \`${step.name}\` (${step.stage}) of the pipeline.`, [step.rationale]);
  writer.line();
  printModuleImports(writer, { runtime: runtimeImports(step), typeOnly: step.typeImports, firstParty: packageName });
  printLogger(writer, step.logger);
  writer.line().line();
  writer.block(`class ${step.outputsClass}(NamedTuple)`, () => {
    writer.line(`"""What \`${step.name}\` returns${step.outputs.length === 0 ? ": nothing later steps need" : ""}."""`);
    if (step.outputs.length > 0) writer.line();
    writer.lines(step.outputs.map(typedField));
  });
  writer.line().line();
  const parameters = step.inputs.map((input) => `${input.param ?? input.name}: ${input.type.annotation}`);
  printSignature(writer, `def ${step.name}`, parameters, step.outputsClass, () => {
    printDocstring(writer, `Run notebook ${cellList(step)}.`, inputNotes(step));
    writer.lines(step.aliases.map((alias) => `${alias.name} = ${alias.param}`));
    if (step.aliases.length > 0) writer.line();
    printCellBlocks(writer, step.cells, (cell) => cell.label ?? `Cell ${commentText(cell.cellId)}`);
    if (step.cells.length > 0) writer.line();
    printCall(writer, "return ", step.outputsClass, step.outputs.map((output) => output.name));
  });
  return writer.toString();
}

/** `cell 7`, `cells 7, 9 and 15 (lines 3–5)`. */
function cellList(step: StepStructure): string {
  const labels = step.cells.map((cell) => (cell.label ?? `Cell ${commentText(cell.cellId)}`).replace(/^Cell /, ""));
  if (labels.length <= 1) return `cell ${labels[0] ?? ""}`;
  return `cells ${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1] ?? ""}`;
}

function inputNotes(step: StepStructure): string[] {
  const unknown = [...step.inputs, ...step.outputs].filter((field) => field.type.unknownBecause !== undefined).map((field) => field.name);
  if (unknown.length === 0) return [];
  return [`Typed Any (${unknown.join(", ")}): not known statically. Run \`nb2prod verify\`, then \`nb2prod generate --types <report>\` to type them from observed values.`];
}
