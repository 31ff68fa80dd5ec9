// Analyses live notebooks with one NotebookAnalyzer for the session, so re-analysis after
// an edit parses only the edited cells. The parser's wasm is loaded once, on first use.
import type * as vscode from "vscode";
import { buildDataflow, executionCountsOf } from "../../core/analysis/dataflow";
import { NotebookAnalyzer } from "../../core/analysis/python/notebookAnalyzer";
import { PythonParser } from "../../core/analysis/python/pythonParser";
import { summarizeNotebook } from "../../core/notebook/notebookSummary";
import { suggestPlan } from "../../core/planning/suggestSteps";
import { validatePlan } from "../../core/planning/validatePlan";
import { toNotebookModel } from "../adapters/notebookDocumentAdapter";
import type { NotebookAnalysis } from "../views/pipelineModel";

export class NotebookAnalysisService implements vscode.Disposable {
  private loading: Promise<{ parser: PythonParser; analyzer: NotebookAnalyzer }> | undefined;

  constructor(private readonly wasmDir: string) {}

  async analyse(document: vscode.NotebookDocument): Promise<NotebookAnalysis> {
    const { analyzer } = await this.load();
    const notebook = toNotebookModel(document);
    const cells = analyzer.analyze(notebook);
    const sourcesWithErrors = new Set(
      cells.filter((cell) => cell.syntaxErrors.length > 0).map((cell) => notebook.cells[cell.index]?.source),
    );
    const dataflow = buildDataflow(cells, executionCountsOf(notebook));
    const plan = suggestPlan(notebook, cells, dataflow);
    return {
      notebookUri: document.uri,
      notebook,
      summary: summarizeNotebook(notebook, (source) => sourcesWithErrors.has(source)),
      cells,
      dataflow,
      plan,
      planProblems: validatePlan(plan, { notebook, analyses: cells, dataflow }),
      analysedAt: new Date(),
    };
  }

  /** The session's parser, for code generation; the service owns it (do not dispose it). */
  async pythonParser(): Promise<PythonParser> {
    return (await this.load()).parser;
  }

  private load(): Promise<{ parser: PythonParser; analyzer: NotebookAnalyzer }> {
    this.loading ??= PythonParser.load(this.wasmDir).then((parser) => ({ parser, analyzer: new NotebookAnalyzer(parser) }));
    return this.loading.catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
  }

  dispose(): void {
    void this.loading?.then(({ parser }) => {
      parser.dispose();
    });
  }
}
