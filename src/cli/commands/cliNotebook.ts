// Shared steps of the commands that take a notebook: read it, load the Python parser,
// analyse it. Failures become one clear line for the user.
import { buildDataflow, executionCountsOf } from "../../core/analysis/dataflow";
import type { CellAnalysis } from "../../core/analysis/cellAnalysis";
import type { Dataflow } from "../../core/analysis/dataflowTypes";
import { NotebookAnalyzer } from "../../core/analysis/python/notebookAnalyzer";
import { PythonParser } from "../../core/analysis/python/pythonParser";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import type { NotebookModel } from "../../core/notebook/notebookModel";
import { readNotebookFile } from "../../core/notebook/notebookReader";
import { locateWasmDir } from "../wasmDir";

export interface AnalysedNotebook {
  readonly notebook: NotebookModel;
  readonly cells: readonly CellAnalysis[];
  readonly dataflow: Dataflow;
}

export async function analyseNotebookFile(path: string): Promise<AnalysedNotebook> {
  const notebook = await readNotebookFile(new NodeFileSystem(), path);
  const parser = await PythonParser.load(locateWasmDir());
  try {
    const cells = new NotebookAnalyzer(parser).analyze(notebook);
    return { notebook, cells, dataflow: buildDataflow(cells, executionCountsOf(notebook)) };
  } finally {
    parser.dispose();
  }
}
