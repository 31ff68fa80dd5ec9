// Flow runs the Prefect server knows, for the Runs view: polled while the view shows and a
// server answers (the workspace's local one, or the API the user configured), including
// runs started by deployments, workers and other machines. Their states are the server's
// (scheduled, pending, running, retrying, crashed, cancelled). A server that stops
// answering leaves the view on the events files alone, with one line in the log.
import * as vscode from "vscode";
import { PrefectApiClient } from "../../core/runs/prefectApi";
import type { PrefectFlowRun } from "../../core/runs/prefectApi";
import type { Log } from "../log";
import type { PrefectApi, PrefectServerService } from "./prefectServerService";

const POLL_MS = 5_000;
/** A local server holds this workspace's runs only; a shared one gets asked for this workspace's flows. */
const LIMIT = 50;

export class PrefectRunsSource implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private runs: readonly PrefectFlowRun[] = [];
  private fetchedFrom: PrefectApi | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private polling: Promise<void> | undefined;
  private readonly subscription: vscode.Disposable;

  /** `flowNames` lists the flows of this workspace (asked of shared servers only). */
  constructor(
    private readonly server: PrefectServerService,
    private readonly flowNames: () => readonly string[],
    private readonly log: Log,
  ) {
    this.subscription = server.onDidChange(() => void this.poll());
  }

  /** The API the flow runs came from (for links), when they came from one. */
  get api(): PrefectApi | undefined {
    return this.fetchedFrom;
  }

  get flowRuns(): readonly PrefectFlowRun[] {
    return this.runs;
  }

  setVisible(visible: boolean): void {
    if (visible && this.timer === undefined) {
      this.timer = setInterval(() => void this.poll(), POLL_MS);
      void this.poll();
    } else if (!visible && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  client(): PrefectApiClient | undefined {
    const api = this.server.api;
    return api === undefined ? undefined : new PrefectApiClient({ apiUrl: api.apiUrl, ...(api.apiKey === undefined ? {} : { apiKey: api.apiKey }) });
  }

  /** Fetches now; resolves when the view has what the server says. */
  poll(): Promise<void> {
    this.polling ??= this.fetch().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async fetch(): Promise<void> {
    const api = this.server.api;
    if (api === undefined) {
      this.update([], undefined);
      return;
    }
    const client = new PrefectApiClient({ apiUrl: api.apiUrl, ...(api.apiKey === undefined ? {} : { apiKey: api.apiKey }) });
    try {
      const runs = await client.flowRuns(api.local ? { limit: LIMIT } : { limit: LIMIT, flowNames: this.flowNames() });
      if (this.failing) this.log.info(`the Prefect server at ${api.apiUrl} answers again`);
      this.failing = false;
      this.update(runs, api);
    } catch (error) {
      if (!this.failing) this.log.warn(`cannot list flow runs from ${api.apiUrl}: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
      this.update([], undefined);
    }
  }

  private update(runs: readonly PrefectFlowRun[], api: PrefectApi | undefined): void {
    const before = JSON.stringify([this.fetchedFrom?.apiUrl, this.runs]);
    this.runs = runs;
    this.fetchedFrom = api;
    if (JSON.stringify([api?.apiUrl, runs]) !== before) this.changeEmitter.fire();
  }

  dispose(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
