// What the Pipeline view shows: the latest analysis of one notebook. The model owns the
// change event; the tree provider only forwards it.
import * as vscode from "vscode";
import type { CellAnalysis } from "../../core/analysis/cellAnalysis";
import type { Dataflow } from "../../core/analysis/dataflowTypes";
import type { NotebookModel } from "../../core/notebook/notebookModel";
import type { NotebookSummary } from "../../core/notebook/notebookSummary";
import type { SplitPlan } from "../../core/planning/splitPlan";
import type { PlanProblem } from "../../core/planning/validatePlan";
import type { StepReport, VerifyReport } from "../../core/verify/verifyReport";
import { ContextKey } from "../commandIds";

export interface NotebookAnalysis {
  readonly notebookUri: vscode.Uri;
  readonly notebook: NotebookModel;
  readonly summary: NotebookSummary;
  readonly cells: readonly CellAnalysis[];
  readonly dataflow: Dataflow;
  /** The suggested split into pipeline steps, recomputed on every analysis. */
  readonly plan: SplitPlan;
  readonly planProblems: readonly PlanProblem[];
  readonly analysedAt: Date;
}

export class PipelineModel implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private current: NotebookAnalysis | undefined;
  /** The latest verify report per notebook (by Uri string), shown on the steps it names. */
  private readonly verifyReports = new Map<string, VerifyReport>();

  get analysis(): NotebookAnalysis | undefined {
    return this.current;
  }

  publish(analysis: NotebookAnalysis): void {
    this.current = analysis;
    void vscode.commands.executeCommand("setContext", ContextKey.hasAnalysis, true);
    this.changeEmitter.fire();
  }

  publishVerifyReport(notebookUri: vscode.Uri, report: VerifyReport): void {
    this.verifyReports.set(notebookUri.toString(), report);
    this.changeEmitter.fire();
  }

  /** The step's result in the latest verify of the analysed notebook, if there was one. */
  verifyResultOf(stepName: string): StepReport | undefined {
    const uri = this.current?.notebookUri.toString();
    const report = uri === undefined ? undefined : this.verifyReports.get(uri);
    return report?.steps.find((step) => step.name === stepName);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
