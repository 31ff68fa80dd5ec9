// src/<pkg>/common.py: the functions and classes the notebook defines, lifted once so
// every step (and the tests) import the same code.
import { commentText } from "../../textEncoding";
import { PythonWriter } from "../pythonWriter";
import type { CommonStructure } from "../structures";
import { printDocstring, printLogger, printModuleImports } from "./moduleParts";

export function printCommonModule(common: CommonStructure, packageName: string): string {
  const writer = new PythonWriter();
  printDocstring(writer, "Functions and classes defined in the notebook, shared by the pipeline's steps.");
  writer.line();
  printModuleImports(writer, { runtime: common.imports, typeOnly: [], firstParty: packageName, postponedAnnotations: false });
  printLogger(writer, common.logger);
  for (const cell of common.cells) {
    for (const piece of cell.pieces) {
      writer.line().line();
      writer.line(`# Cell ${commentText(cell.cellId)}`);
      writer.verbatim(piece);
    }
  }
  return writer.toString();
}
