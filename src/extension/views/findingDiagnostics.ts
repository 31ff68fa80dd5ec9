// Hidden-state findings and syntax errors as diagnostics on the notebook's cells, so they
// show in the cells themselves and in the Problems panel.
import * as vscode from "vscode";
import type { FindingKind } from "../../core/analysis/dataflowTypes";
import type { NotebookAnalysis, PipelineModel } from "./pipelineModel";

const SEVERITY: Readonly<Record<FindingKind, vscode.DiagnosticSeverity>> = {
  "undefined-name": vscode.DiagnosticSeverity.Warning,
  "defined-later": vscode.DiagnosticSeverity.Warning,
  "out-of-order-execution": vscode.DiagnosticSeverity.Information,
  "redefined-while-read": vscode.DiagnosticSeverity.Warning,
  "unused-definition": vscode.DiagnosticSeverity.Hint,
};

/** The first whole-word occurrence of `name` in the cell, else its first line. */
function rangeOf(document: vscode.TextDocument, name: string | undefined): vscode.Range {
  if (name !== undefined) {
    const match = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).exec(document.getText());
    if (match !== null) {
      const start = document.positionAt(match.index);
      return new vscode.Range(start, document.positionAt(match.index + name.length));
    }
  }
  return document.lineAt(0).range;
}

function diagnosticsOf(analysis: NotebookAnalysis, notebook: vscode.NotebookDocument): Map<string, vscode.Diagnostic[]> {
  const byCellId = new Map(analysis.notebook.cells.map((cell) => [cell.id, cell.index]));
  const result = new Map<string, vscode.Diagnostic[]>();
  const add = (index: number | undefined, diagnostic: (doc: vscode.TextDocument) => vscode.Diagnostic): void => {
    if (index === undefined || index >= notebook.cellCount) return;
    const document = notebook.cellAt(index).document;
    const key = document.uri.toString();
    result.set(key, [...(result.get(key) ?? []), diagnostic(document)]);
  };
  for (const finding of analysis.dataflow.findings) {
    add(byCellId.get(finding.cellId), (doc) => {
      const diagnostic = new vscode.Diagnostic(rangeOf(doc, finding.name), finding.message, SEVERITY[finding.kind]);
      diagnostic.source = "nb2prod";
      diagnostic.code = finding.kind;
      return diagnostic;
    });
  }
  for (const cell of analysis.cells) {
    for (const issue of cell.syntaxErrors) {
      add(cell.index, (doc) => {
        const line = Math.min(issue.line - 1, doc.lineCount - 1);
        // Syntax-error columns are 1-based, as in Python's own messages.
        const position = new vscode.Position(Math.max(line, 0), Math.max(issue.column - 1, 0));
        const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), issue.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = "nb2prod";
        diagnostic.code = "syntax-error";
        return diagnostic;
      });
    }
  }
  return result;
}

export class FindingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("nb2prod");
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: PipelineModel) {
    this.subscription = model.onDidChange(() => {
      this.refresh();
    });
  }

  private refresh(): void {
    this.collection.clear();
    const analysis = this.model.analysis;
    if (analysis === undefined) return;
    const notebook = vscode.workspace.notebookDocuments.find((doc) => doc.uri.toString() === analysis.notebookUri.toString());
    if (notebook === undefined) return;
    for (const [uri, diagnostics] of diagnosticsOf(analysis, notebook)) this.collection.set(vscode.Uri.parse(uri), diagnostics);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
