// What the Lineage view shows: the lineage of the run selected in the Runs view. It follows
// that run while it changes (a run in progress), and forgets it when its file is deleted.
// Following a run reuses where its project and cells were found: a live run changes every
// few hundred milliseconds, and searching the workspace each time would be wasted work.
import * as vscode from "vscode";
import type { Log } from "../log";
import { findGeneratedProjects } from "./generatedProjects";
import { locateRun, runLineageAt } from "./runLineage";
import type { RunLineage, RunLocation } from "./runLineage";
import type { RunEntry, RunsModel } from "./runsModel";

export class LineageModel implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;
  private shown: RunLineage | undefined;
  private location: RunLocation | undefined;
  /** The run last asked for: while its lineage is being made, the shown one is another run's. */
  private requested: vscode.Uri | undefined;
  private request = 0;
  /** Lineages being made: each takes the run's latest entry when it is done, so changes meanwhile need no follow. */
  private inFlight = 0;

  constructor(
    private readonly runs: RunsModel,
    private readonly log: Log,
  ) {
    this.subscription = runs.onDidChange(() => {
      // Follows the run last asked for, not the one still shown: following the shown run
      // while another one's lineage is being made would show the old run again.
      const requested = this.requested;
      if (requested === undefined || this.inFlight > 0) return;
      const entry = runs.find(requested);
      if (entry === undefined) this.clear();
      else if (entry !== this.shown?.entry) this.follow(entry).catch((error: unknown) => {
        this.log.error("updating the lineage failed", error);
      });
    });
  }

  get lineage(): RunLineage | undefined {
    return this.shown;
  }

  /** Shows the run's lineage; when runs are selected quickly, only the last one is shown. */
  show(entry: RunEntry): Promise<RunLineage> {
    return this.showWith(entry, async () => locateRun(entry, await findGeneratedProjects(this.log)));
  }

  /** The shown run changed: relink it only when it had no project yet (its steps may name one now). */
  private follow(entry: RunEntry): Promise<RunLineage> {
    const sameRun = this.shown?.entry.eventsUri.toString() === entry.eventsUri.toString();
    const known = sameRun ? this.location : undefined;
    return known?.project === undefined ? this.show(entry) : this.showWith(entry, () => Promise.resolve(known));
  }

  private async showWith(entry: RunEntry, locate: () => Promise<RunLocation>): Promise<RunLineage> {
    this.request += 1;
    const request = this.request;
    this.requested = entry.eventsUri;
    this.inFlight += 1;
    let location: RunLocation;
    try {
      location = await locate();
    } finally {
      this.inFlight -= 1;
    }
    // The run may have changed (or been re-read) while its project was located.
    const lineage = runLineageAt(this.runs.find(entry.eventsUri) ?? entry, location);
    if (request === this.request) {
      this.shown = lineage;
      this.location = location;
      this.changeEmitter.fire();
    }
    return lineage;
  }

  private clear(): void {
    this.request += 1;
    this.shown = undefined;
    this.location = undefined;
    this.requested = undefined;
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
