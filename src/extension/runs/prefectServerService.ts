// The workspace's local Prefect server as the editor sees it: a status bar item with its
// state, Start/Stop/Open UI, and the API URL runs started from the editor are given, so no
// run pays for Prefect's temporary server. A Prefect API the user configured themselves
// (PREFECT_API_URL, or their active Prefect profile: Prefect Cloud, a team server) wins:
// then nb2prod starts nothing and shows that API instead. Trusted workspaces only, since
// starting the server runs the workspace's Python interpreter.
import * as vscode from "vscode";
import { configuredPrefectApi } from "../../core/runs/prefectProfile";
import type { ConfiguredPrefectApi } from "../../core/runs/prefectProfile";
import { PrefectServerError, prefectServerPaths, prefectServerStatus, startPrefectServer, stopPrefectServer } from "../../core/runs/prefectServer";
import type { PrefectServerStatus } from "../../core/runs/prefectServer";
import { CommandId } from "../commandIds";
import { registerCommand, UserFacingError } from "../commands/registerCommand";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import { MANAGE_TRUST, resolvePythonInterpreter } from "../python/interpreter";

/** How often the status is checked while nothing else says it changed (a CLI may start or stop it). */
const CHECK_INTERVAL_MS = 15_000;

export type PrefectApiState =
  | { readonly kind: "external"; readonly api: ConfiguredPrefectApi }
  | { readonly kind: "local"; readonly status: PrefectServerStatus | { readonly state: "starting-here" } }
  | { readonly kind: "unavailable"; readonly reason: string };

/** The API runs and the Runs view use, when there is one. */
export interface PrefectApi {
  readonly apiUrl: string;
  readonly local: boolean;
  readonly apiKey?: string;
}

/** What the view shows of a state: the API key is not part of it. */
function stateKey(state: PrefectApiState): string {
  if (state.kind === "external") return `external ${state.api.apiUrl} ${state.api.source}`;
  if (state.kind === "unavailable") return `unavailable ${state.reason}`;
  const status = state.status;
  return status.state === "running" || status.state === "starting" ? `${status.state} ${status.server.apiUrl}` : status.state;
}

function workspaceDir(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === "file")?.uri.fsPath;
}

export class PrefectServerService implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly item: vscode.StatusBarItem;
  private current: PrefectApiState = { kind: "local", status: { state: "stopped" } };
  private starting: Promise<PrefectApi> | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly log: Log) {
    this.item = vscode.window.createStatusBarItem("nb2prod.prefectServer", vscode.StatusBarAlignment.Left, 50);
    this.item.name = "nb2prod: Prefect server";
    this.item.command = CommandId.prefectServerMenu;
    this.timer = setInterval(() => void this.refresh(), CHECK_INTERVAL_MS);
    this.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    );
    void this.refresh();
  }

  get state(): PrefectApiState {
    return this.current;
  }

  /** The API to talk to now, if one answers or is configured; nothing is started. */
  get api(): PrefectApi | undefined {
    const state = this.current;
    if (state.kind === "external") {
      const apiKey = state.api.apiKey;
      return { apiUrl: state.api.apiUrl, local: false, ...(apiKey === undefined ? {} : { apiKey }) };
    }
    if (state.kind === "local" && state.status.state === "running") return { apiUrl: state.status.server.apiUrl, local: true };
    return undefined;
  }

  async refresh(): Promise<void> {
    const next = await this.readState();
    if (this.starting !== undefined && next.kind === "local" && next.status.state !== "running") return; // our own start reports itself
    this.setState(next);
  }

  private async readState(): Promise<PrefectApiState> {
    const configured = configuredPrefectApi();
    if (configured !== undefined) return { kind: "external", api: configured };
    const dir = workspaceDir();
    if (dir === undefined) return { kind: "unavailable", reason: "Open a folder: the local Prefect server keeps its data in the folder's .nb2prod/prefect." };
    if (!vscode.workspace.isTrusted) return { kind: "unavailable", reason: "The workspace is not trusted: nb2prod starts no Prefect server in it." };
    return { kind: "local", status: await prefectServerStatus(dir) };
  }

  private setState(next: PrefectApiState): void {
    const changed = stateKey(next) !== stateKey(this.current);
    this.current = next;
    this.render();
    if (changed) this.changeEmitter.fire();
  }

  private render(): void {
    const state = this.current;
    if (state.kind === "unavailable") {
      this.item.hide();
      return;
    }
    if (state.kind === "external") {
      let host = state.api.apiUrl;
      try {
        host = new URL(state.api.apiUrl).host;
      } catch {
        // shown as configured
      }
      this.item.text = `$(cloud) Prefect: ${host}`;
      this.item.tooltip = `Runs use the Prefect API you configured (${state.api.source}): ${state.api.apiUrl}. nb2prod starts no local server.`;
    } else if (state.status.state === "running") {
      this.item.text = `$(server-process) Prefect :${state.status.server.port}`;
      this.item.tooltip = `Local Prefect server running at ${state.status.uiUrl} (pid ${state.status.server.pid}). Runs started from the editor use it. Click for Open UI / Stop.`;
    } else if (state.status.state === "stopped") {
      this.item.text = "$(circle-slash) Prefect: off";
      this.item.tooltip = `No local Prefect server. Run Pipeline starts one (each run without it starts Prefect's temporary server, several seconds).${state.status.reason === undefined ? "" : ` Last one: ${state.status.reason}.`} Click to start it.`;
    } else {
      this.item.text = "$(sync~spin) Prefect: starting";
      this.item.tooltip = "The local Prefect server is starting (10–60 s the first time).";
    }
    this.item.show();
  }

  /** The API a run started from the editor should use, starting the local server when needed. */
  async apiForRun(folder: vscode.Uri): Promise<PrefectApi> {
    await this.refresh();
    const api = this.api;
    if (api !== undefined) return api;
    return this.start(folder);
  }

  /** Starts (or reuses) the workspace's local server, with progress in a notification. */
  start(folder?: vscode.Uri): Promise<PrefectApi> {
    if (this.starting !== undefined) return this.starting;
    const starting = this.startOnce(folder).finally(() => {
      this.starting = undefined;
    });
    this.starting = starting;
    return starting;
  }

  private async startOnce(folder: vscode.Uri | undefined): Promise<PrefectApi> {
    const configured = configuredPrefectApi();
    if (configured !== undefined) {
      this.setState({ kind: "external", api: configured });
      return { apiUrl: configured.apiUrl, local: false, ...(configured.apiKey === undefined ? {} : { apiKey: configured.apiKey }) };
    }
    if (!vscode.workspace.isTrusted) throw new UserFacingError("nb2prod starts no Prefect server in an untrusted workspace. Trust this folder, then try again.", [MANAGE_TRUST]);
    const dir = folder?.fsPath ?? workspaceDir();
    if (dir === undefined) throw new UserFacingError("Open a folder first: the local Prefect server keeps its data in the folder's .nb2prod/prefect.");
    const python = await resolvePythonInterpreter(folder ?? vscode.Uri.file(dir));
    this.setState({ kind: "local", status: { state: "starting-here" } });
    this.log.info(`starting the local Prefect server with ${python.executable} in ${prefectServerPaths(dir).home}`);
    try {
      const status = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: "nb2prod: Starting the local Prefect server", cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => {
            abort.abort();
          });
          return startPrefectServer({
            workspaceDir: dir,
            python: python.executable,
            signal: abort.signal,
            onWaiting: (seconds) => {
              progress.report({ message: `${seconds} s (10–60 s the first time)` });
            },
          });
        },
      );
      this.setState({ kind: "local", status });
      this.log.info(`local Prefect server running at ${status.uiUrl} (pid ${status.server.pid})`);
      return { apiUrl: status.server.apiUrl, local: true };
    } catch (error) {
      await this.refresh();
      if (error instanceof PrefectServerError) {
        throw new UserFacingError(`${error.message.split("\n")[0] ?? error.message} Is Prefect installed in ${python.executable}? (the server's log is in ${prefectServerPaths(dir).logFile})`, [
          { title: "Open Server Log", command: "vscode.open", args: [vscode.Uri.file(prefectServerPaths(dir).logFile)] },
        ]);
      }
      throw error;
    }
  }

  async stop(): Promise<boolean> {
    const dir = workspaceDir();
    if (dir === undefined) return false;
    const stopped = await stopPrefectServer(dir);
    this.log.info(stopped ? "stopped the local Prefect server" : "no local Prefect server was running");
    await this.refresh();
    return stopped;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
    this.changeEmitter.dispose();
  }
}

async function showMenu(service: PrefectServerService): Promise<void> {
  const state = service.state;
  const api = service.api;
  type Choice = vscode.QuickPickItem & { readonly run: () => Promise<unknown> };
  const choices: Choice[] = [];
  if (api !== undefined) choices.push({ label: "$(link-external) Open Prefect UI", description: api.apiUrl, run: () => openUi(service) });
  if (state.kind === "local" && state.status.state === "running") choices.push({ label: "$(debug-stop) Stop the Local Prefect Server", run: () => service.stop() });
  if (state.kind === "local" && state.status.state === "stopped") choices.push({ label: "$(play) Start the Local Prefect Server", run: () => service.start() });
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(state.kind === "unavailable" ? state.reason : "The local Prefect server is starting.");
    return;
  }
  const picked = await vscode.window.showQuickPick(choices, { title: "nb2prod: Prefect server" });
  await picked?.run();
}

async function openUi(service: PrefectServerService): Promise<string> {
  const api = service.api;
  if (api === undefined) throw new UserFacingError("No Prefect server runs. Start the local one first (nb2prod: Start Local Prefect Server).");
  const url = api.local ? api.apiUrl.replace(/\/api\/?$/, "") : api.apiUrl.startsWith("https://api.prefect.cloud/") ? "https://app.prefect.cloud/" : api.apiUrl.replace(/\/api\/?$/, "");
  await vscode.env.openExternal(await vscode.env.asExternalUri(vscode.Uri.parse(url, true)));
  return url;
}

export function registerPrefectServerCommands(store: DisposableStore, log: Log, service: PrefectServerService): void {
  store.track(registerCommand(log, CommandId.startPrefectServer, async () => (await service.start()).apiUrl));
  store.track(registerCommand(log, CommandId.stopPrefectServer, () => service.stop()));
  store.track(registerCommand(log, CommandId.openPrefectUi, () => openUi(service)));
  store.track(registerCommand(log, CommandId.prefectServerMenu, () => showMenu(service)));
}
