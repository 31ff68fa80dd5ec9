// Every run recorded in the workspace (`**/.nb2prod/runs/<run-id>/events.jsonl`), newest
// first. A file watcher keeps it current, so a running pipeline shows its progress live:
// changed files are collected for a moment and re-read together, only those.
import { basename, dirname } from "node:path";
import * as vscode from "vscode";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { EVENTS_FILE, newestRunFirst, RunStore } from "../../core/runs/runStore";
import type { RunSummary } from "../../core/runs/runSummary";
import type { Log } from "../log";

export const RUN_EVENTS_GLOB = `**/.nb2prod/runs/*/${EVENTS_FILE}`;
const EXCLUDED = "**/node_modules/**";
// Long enough to coalesce a burst of appended events, short enough to feel live.
const REFRESH_DELAY_MS = 300;

export interface RunEntry {
  readonly summary: RunSummary;
  readonly eventsUri: vscode.Uri;
}

export class RunsModel implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly entries = new Map<string, RunEntry>();
  private readonly fs = new NodeFileSystem();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(RUN_EVENTS_GLOB);
  private readonly subscriptions: vscode.Disposable[];
  private readonly changed = new Set<string>();
  private fullReload = false;
  private timer: NodeJS.Timeout | undefined;
  private updating: Promise<void> = Promise.resolve();

  constructor(private readonly log: Log) {
    const onFile = (uri: vscode.Uri): void => {
      this.changed.add(uri.toString());
      this.schedule();
    };
    this.subscriptions = [
      this.watcher.onDidCreate(onFile),
      this.watcher.onDidChange(onFile),
      this.watcher.onDidDelete(onFile),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.fullReload = true;
        this.schedule();
      }),
    ];
    this.fullReload = true;
    this.schedule();
  }

  /** Newest first. */
  get runs(): readonly RunEntry[] {
    return [...this.entries.values()].sort((a, b) => newestRunFirst(a.summary, b.summary));
  }

  find(eventsUri: vscode.Uri): RunEntry | undefined {
    return this.entries.get(eventsUri.toString());
  }

  /** Finds every run again; resolves once the model (and the event it fires) is up to date. */
  refresh(): Promise<void> {
    this.fullReload = true;
    return this.flush();
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => {
        this.log.error("reading the recorded runs failed", error);
      });
    }, REFRESH_DELAY_MS);
  }

  /** Updates run one after the other, so a slow read never overwrites a newer one. */
  private flush(): Promise<void> {
    this.updating = this.updating.then(() => this.update());
    return this.updating;
  }

  private async update(): Promise<void> {
    const full = this.fullReload;
    const changed = [...this.changed].map((text) => vscode.Uri.parse(text));
    this.fullReload = false;
    this.changed.clear();
    if (!full && changed.length === 0) return;
    const found = full ? await vscode.workspace.findFiles(RUN_EVENTS_GLOB, EXCLUDED) : changed;
    // Runs are read with node:fs, so only local files (a virtual workspace has none).
    const uris = found.filter((uri) => uri.scheme === "file");
    if (full) this.entries.clear();
    const entries = await Promise.all(uris.map((uri) => this.read(uri)));
    uris.forEach((uri, index) => {
      const entry = entries[index];
      if (entry === undefined) this.entries.delete(uri.toString());
      else this.entries.set(uri.toString(), entry);
    });
    this.changeEmitter.fire();
  }

  private async read(eventsUri: vscode.Uri): Promise<RunEntry | undefined> {
    const runDir = dirname(eventsUri.fsPath);
    try {
      const summary = await new RunStore(this.fs, dirname(runDir)).readRun(basename(runDir));
      return summary === undefined ? undefined : { summary, eventsUri };
    } catch (error) {
      this.log.error(`cannot read ${eventsUri.fsPath}`, error);
      return undefined;
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.watcher.dispose();
    this.changeEmitter.dispose();
  }
}
