// What generation changed in a cell's code (a credential read from the environment, an
// absolute path made a param, a magic it could not convert) as diagnostics on the cell,
// so the notebook shows what was found and where it went, until the next generation.
import * as vscode from "vscode";
import type { GenerationWarning } from "../../core/codegen/filePlan";
import type { CellPart } from "../../core/planning/splitPlan";

const SEVERITY: Readonly<Record<string, vscode.DiagnosticSeverity>> = {
  secret: vscode.DiagnosticSeverity.Warning,
  "syntax-error": vscode.DiagnosticSeverity.Warning,
};

export class GenerationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("nb2prod-generate");

  /** Replaces the diagnostics of `notebook` with those of its latest generation. */
  show(notebook: vscode.NotebookDocument, cellIds: readonly string[], warnings: readonly GenerationWarning[], parts: readonly CellPart[]): void {
    for (let index = 0; index < notebook.cellCount; index += 1) this.collection.delete(notebook.cellAt(index).document.uri);
    const partsById = new Map(parts.map((part) => [part.id, part]));
    const byCell = new Map<number, vscode.Diagnostic[]>();
    for (const warning of warnings) {
      if (warning.cellId === undefined) continue;
      const part = partsById.get(warning.cellId);
      const index = cellIds.indexOf(part?.cellId ?? warning.cellId);
      if (index < 0 || index >= notebook.cellCount) continue;
      const document = notebook.cellAt(index).document;
      const line = Math.min(Math.max((warning.line ?? 1) - 1 + (part === undefined ? 0 : part.fromLine - 1), 0), document.lineCount - 1);
      const diagnostic = new vscode.Diagnostic(document.lineAt(line).range, warning.message, SEVERITY[warning.code] ?? vscode.DiagnosticSeverity.Information);
      diagnostic.source = "nb2prod generate";
      diagnostic.code = warning.code;
      byCell.set(index, [...(byCell.get(index) ?? []), diagnostic]);
    }
    for (const [index, diagnostics] of byCell) this.collection.set(notebook.cellAt(index).document.uri, diagnostics);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
