// What the Lineage view shows: the lineage of the run selected in the Runs view. It follows
// that run while it changes (a run in progress), and forgets it when its file is deleted.
import * as vscode from "vscode";
import type { Log } from "../log";
import { findGeneratedProjects } from "./generatedProjects";
import { buildRunLineage } from "./runLineage";
import type { RunLineage } from "./runLineage";
import type { RunEntry, RunsModel } from "./runsModel";

export class LineageModel implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;
  private shown: RunLineage | undefined;
  private request = 0;

  constructor(
    runs: RunsModel,
    private readonly log: Log,
  ) {
    this.subscription = runs.onDidChange(() => {
      if (this.shown === undefined) return;
      const entry = runs.find(this.shown.entry.eventsUri);
      if (entry === undefined) this.clear();
      else if (entry !== this.shown.entry) this.show(entry).catch((error: unknown) => {
        this.log.error("updating the lineage failed", error);
      });
    });
  }

  get lineage(): RunLineage | undefined {
    return this.shown;
  }

  /** Shows the run's lineage; when runs are selected quickly, only the last one is shown. */
  async show(entry: RunEntry): Promise<RunLineage> {
    this.request += 1;
    const request = this.request;
    const lineage = await buildRunLineage(entry, await findGeneratedProjects(this.log));
    if (request === this.request) {
      this.shown = lineage;
      this.changeEmitter.fire();
    }
    return lineage;
  }

  private clear(): void {
    this.request += 1;
    this.shown = undefined;
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
