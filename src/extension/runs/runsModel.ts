// Every run recorded in the workspace (`**/.nb2prod/runs/<run-id>/events.jsonl`), newest
// first. File watchers keep it current, so a running pipeline shows its progress live:
// changed events files are collected for a moment and re-read together, only those.
// Nothing is searched, watched or polled until the runs are first asked for (the Runs view
// opening), so activation stays cheap; the polling pauses while the Runs view is hidden.
import { stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import * as vscode from "vscode";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { EVENTS_FILE, newestRunFirst, RunStore, workspaceRunsDir } from "../../core/runs/runStore";
import type { RunSummary } from "../../core/runs/runSummary";
import type { Log } from "../log";

export const RUN_EVENTS_GLOB = `**/.nb2prod/runs/*/${EVENTS_FILE}`;
const RUN_EVENTS_PATH = new RegExp(`/\\.nb2prod/runs/[^/]+/${EVENTS_FILE.replace(".", "\\.")}$`);
const RUNS_FOLDER_PATH = /\/\.nb2prod(\/runs(\/[^/]+)?)?$/;
const EXCLUDED = "**/node_modules/**";
// Long enough to coalesce a burst of appended events, short enough to feel live.
const REFRESH_DELAY_MS = 300;
// File watchers can miss events (a folder created with its parents, an exhausted inotify
// limit, network drives): runs folders are checked this often as well.
const CHECK_INTERVAL_MS = 3000;

export interface RunEntry {
  readonly summary: RunSummary;
  readonly eventsUri: vscode.Uri;
}

/**
 * A run started from the editor that has not written its first event yet (Prefect can
 * take a minute to start): shown at once, until its events file appears or its process
 * ends. A process that ends before the run started keeps the entry, with its exit code.
 */
export interface PendingRun {
  readonly id: string;
  readonly label: string;
  /** The runs folder its events will appear in. */
  readonly runsDir: string;
  readonly startedAt: number;
  readonly exitCode?: number;
}

/** Calls `onEvent(uri, createdOrDeleted)` for every file event matching `pattern`. */
function watch(pattern: vscode.GlobPattern, onEvent: (uri: vscode.Uri, createdOrDeleted: boolean) => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(pattern);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate((uri) => {
      onEvent(uri, true);
    }),
    watcher.onDidChange((uri) => {
      onEvent(uri, false);
    }),
    watcher.onDidDelete((uri) => {
      onEvent(uri, true);
    }),
  );
}

export class RunsModel implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly entries = new Map<string, RunEntry>();
  private readonly pendingRuns = new Map<string, PendingRun>();
  private readonly fs = new NodeFileSystem();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new Set<string>();
  /** Size and modification time of each events file when it was last read. */
  private readonly versions = new Map<string, string>();
  private checkTimer: NodeJS.Timeout | undefined;
  private started = false;
  private fullReload = true;
  private timer: NodeJS.Timeout | undefined;
  private updating: Promise<void> = Promise.resolve();

  constructor(private readonly log: Log) {}

  /** Newest first. The first call starts finding and watching the runs. */
  get runs(): readonly RunEntry[] {
    this.start();
    return [...this.entries.values()].sort((a, b) => newestRunFirst(a.summary, b.summary));
  }

  /** Runs started from the editor that have not recorded anything yet, newest first. */
  get pending(): readonly PendingRun[] {
    return [...this.pendingRuns.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  addPending(run: PendingRun): void {
    this.start();
    this.pendingRuns.set(run.id, run);
    this.changeEmitter.fire();
  }

  /** Its process ended: gone when its run was recorded, otherwise kept with the exit code. */
  endPending(id: string, exitCode: number | undefined): void {
    const run = this.pendingRuns.get(id);
    if (run === undefined) return;
    if (exitCode === 0 || exitCode === undefined || this.recorded(run)) this.pendingRuns.delete(id);
    else this.pendingRuns.set(id, { ...run, exitCode });
    this.changeEmitter.fire();
  }

  /** Whether a run in the pending run's folder started after its process did (its own run, recorded). */
  private recorded(run: PendingRun): boolean {
    return [...this.entries.values()].some((entry) => {
      const started = entry.summary.startedAt === undefined ? Number.NaN : Date.parse(entry.summary.startedAt);
      return dirname(dirname(entry.eventsUri.fsPath)) === run.runsDir && started >= run.startedAt;
    });
  }

  find(eventsUri: vscode.Uri): RunEntry | undefined {
    return this.entries.get(eventsUri.toString());
  }

  /** Finds every run again; resolves once the model (and the event it fires) is up to date. */
  refresh(): Promise<void> {
    this.start();
    this.fullReload = true;
    return this.flush();
  }

  /** Polls for missed changes only while the Runs view shows (once started). */
  setVisible(visible: boolean): void {
    if (!this.started) return;
    if (visible) this.startChecking();
    else this.stopChecking();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    // The workspace watcher can miss what is written into a folder created together with
    // its parents (lineage.py creates .nb2prod/runs/<id> and writes at once), so a runs
    // folder appearing or going means searching again.
    this.subscriptions.push(
      watch("**/.nb2prod", this.onFileEvent),
      watch("**/.nb2prod/**", this.onFileEvent),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.fullReload = true;
        this.schedule();
      }),
    );
    this.startChecking();
    this.schedule();
  }

  private startChecking(): void {
    if (this.checkTimer !== undefined) return;
    this.checkTimer = setInterval(() => {
      this.checkMissedChanges().catch((error: unknown) => {
        this.log.error("checking the runs folders failed", error);
      });
    }, CHECK_INTERVAL_MS);
  }

  private stopChecking(): void {
    if (this.checkTimer !== undefined) clearInterval(this.checkTimer);
    this.checkTimer = undefined;
  }

  private readonly onFileEvent = (uri: vscode.Uri, createdOrDeleted: boolean): void => {
    if (RUN_EVENTS_PATH.test(uri.path)) this.changed.add(uri.toString());
    else if (createdOrDeleted && RUNS_FOLDER_PATH.test(uri.path)) this.fullReload = true;
    else return; // artifacts and other files under .nb2prod
    this.schedule();
  };

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
    const next = this.updating.then(() => this.update());
    // A failed update must not stop the ones after it.
    this.updating = next.catch(() => undefined);
    return next;
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
    const entries = await Promise.all(uris.map((uri) => this.read(uri)));
    // Cleared only now: the view may ask for the runs while they are being read.
    if (full) this.entries.clear();
    uris.forEach((uri, index) => {
      const entry = entries[index];
      if (entry === undefined) this.entries.delete(uri.toString());
      else this.entries.set(uri.toString(), entry);
    });
    for (const run of this.pendingRuns.values()) if (run.exitCode === undefined && this.recorded(run)) this.pendingRuns.delete(run.id);
    this.changeEmitter.fire();
  }

  /** Runs folders found so far, and the one Run Pipeline writes to in each workspace folder. */
  private runsFolders(): Set<string> {
    const found = [...this.entries.values()].map((entry) => dirname(dirname(entry.eventsUri.fsPath)));
    const standard = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === "file").map((folder) => workspaceRunsDir(folder.uri.fsPath));
    return new Set([...found, ...standard]);
  }

  /** Queues the events files that are new or changed since they were read, as a watcher would have. */
  private async checkMissedChanges(): Promise<void> {
    const files = await Promise.all(
      [...this.runsFolders()].map(async (folder) => {
        const store = new RunStore(this.fs, folder);
        return (await store.listRunIds()).map((runId) => store.eventsPath(runId));
      }),
    );
    const present = new Set(files.flat().map((path) => vscode.Uri.file(path).toString()));
    const versions = await Promise.all([...present].map(async (uri) => [uri, await fileVersion(vscode.Uri.parse(uri).fsPath)] as const));
    for (const [uri, version] of versions) if (version !== this.versions.get(uri)) this.changed.add(uri);
    for (const uri of this.entries.keys()) if (!present.has(uri)) this.changed.add(uri);
    if (this.changed.size > 0) this.schedule();
  }

  private async read(eventsUri: vscode.Uri): Promise<RunEntry | undefined> {
    const runDir = dirname(eventsUri.fsPath);
    try {
      // The version before the text: a write in between is read again at the next check.
      this.versions.set(eventsUri.toString(), await fileVersion(eventsUri.fsPath));
      const summary = await new RunStore(this.fs, dirname(runDir)).readRun(basename(runDir));
      return summary === undefined ? undefined : { summary, eventsUri };
    } catch (error) {
      this.log.error(`cannot read ${eventsUri.fsPath}`, error);
      return undefined;
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.stopChecking();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** Changes whenever the file is written; "missing" for a file that is gone. */
async function fileVersion(path: string): Promise<string> {
  try {
    const stats = await stat(path);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return "missing";
  }
}
