// One local Prefect server per workspace (`prefect server start` on 127.0.0.1, its SQLite
// database in `.nb2prod/prefect/`), shared by the editor and the CLI: whoever starts it
// writes `server.json`, everyone else finds it there and reuses it, and it outlives the
// process that started it (detached, its own process group) until someone stops it.
// Runs pointed at it (PREFECT_API_URL) skip the temporary server Prefect otherwise starts
// for every run.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { freePort } from "../freePort";
import { NodeFileSystem } from "../nodeFileSystem";

/** Relative to the workspace folder. */
export const PREFECT_SERVER_DIR = join(".nb2prod", "prefect");
const STATE_FILE = "server.json";
const LOG_FILE = "server.log";
/** Starting imports Prefect's server and migrates a new database: 10–40 s on 2 cores. */
export const PREFECT_SERVER_START_TIMEOUT_MS = 180_000;
// A busy server (a flow run just ended, a loaded machine) can take seconds to answer.
const HEALTH_TIMEOUT_MS = 5_000;
const STOP_GRACE_MS = 20_000;
const POLL_MS = 500;

const serverStateSchema = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65_535),
  /** PREFECT_API_URL of the server: http://127.0.0.1:<port>/api. */
  apiUrl: z.url(),
  python: z.string().min(1),
  startedAt: z.iso.datetime({ offset: true }),
});

export type PrefectServerState = z.infer<typeof serverStateSchema>;

export type PrefectServerStatus =
  | { readonly state: "running"; readonly server: PrefectServerState; readonly uiUrl: string }
  /** Its process is alive but the API does not answer yet. */
  | { readonly state: "starting"; readonly server: PrefectServerState }
  | { readonly state: "stopped"; readonly reason?: string };

export interface PrefectServerPaths {
  readonly home: string;
  readonly stateFile: string;
  readonly logFile: string;
}

export function prefectServerPaths(workspaceDir: string): PrefectServerPaths {
  const home = join(workspaceDir, PREFECT_SERVER_DIR);
  return { home, stateFile: join(home, STATE_FILE), logFile: join(home, LOG_FILE) };
}

/** The UI's address for an API URL of a local or self-hosted server (the UI is served at its root). */
export function prefectUiUrl(apiUrl: string): string {
  return apiUrl.replace(/\/api\/?$/, "");
}

/** The environment `prefect server start` runs with: its own home, no telemetry, no client URL. */
function serverEnvironment(home: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PREFECT_HOME: home, PREFECT_SERVER_ANALYTICS_ENABLED: "false", DO_NOT_TRACK: "1" };
  delete env.PREFECT_API_URL;
  return env;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

export async function prefectApiHealthy(apiUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return response.ok;
  } catch {
    return false;
  }
}

function readState(stateFile: string): PrefectServerState | { readonly problem: string } | undefined {
  let text: string;
  try {
    text = readFileSync(stateFile, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = serverStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { problem: `${stateFile} is not a server record (${parsed.error.issues[0]?.message ?? "invalid"})` };
  } catch {
    return { problem: `${stateFile} is not JSON` };
  }
}

export function serverLogTail(workspaceDir: string, lines = 20): string {
  try {
    return readFileSync(prefectServerPaths(workspaceDir).logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

/** Whether the workspace's server runs, from its record, its process and its health endpoint. */
export async function prefectServerStatus(workspaceDir: string): Promise<PrefectServerStatus> {
  const state = readState(prefectServerPaths(workspaceDir).stateFile);
  if (state === undefined) return { state: "stopped" };
  if ("problem" in state) return { state: "stopped", reason: state.problem };
  if (!processAlive(state.pid)) return { state: "stopped", reason: `its process ${state.pid} has ended` };
  if (await prefectApiHealthy(state.apiUrl)) return { state: "running", server: state, uiUrl: prefectUiUrl(state.apiUrl) };
  // A record older than any start: its process id now belongs to something else, or the server hangs.
  if (Date.now() - Date.parse(state.startedAt) > PREFECT_SERVER_START_TIMEOUT_MS) {
    return { state: "stopped", reason: `${state.apiUrl} has not answered since ${state.startedAt}` };
  }
  return { state: "starting", server: state };
}

export class PrefectServerError extends Error {}

export interface StartPrefectServerOptions {
  readonly workspaceDir: string;
  /** A Python interpreter with Prefect installed (the generated project's). */
  readonly python: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Called while waiting, with the seconds waited so far. */
  readonly onWaiting?: (seconds: number) => void;
  readonly signal?: AbortSignal;
}

async function waitUntilHealthy(workspaceDir: string, server: PrefectServerState, options: StartPrefectServerOptions): Promise<PrefectServerStatus & { state: "running" }> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? PREFECT_SERVER_START_TIMEOUT_MS);
  for (;;) {
    if (await prefectApiHealthy(server.apiUrl)) return { state: "running", server, uiUrl: prefectUiUrl(server.apiUrl) };
    if (!processAlive(server.pid)) {
      await rm(prefectServerPaths(workspaceDir).stateFile, { force: true });
      throw new PrefectServerError(`The Prefect server exited while starting. The end of its log (${prefectServerPaths(workspaceDir).logFile}):\n${serverLogTail(workspaceDir)}`);
    }
    if (options.signal?.aborted === true) throw new PrefectServerError("Starting the Prefect server was cancelled; it goes on starting in the background (stop it with `nb2prod server stop`).");
    if (Date.now() > deadline) {
      throw new PrefectServerError(
        `The Prefect server did not answer ${server.apiUrl}/health within ${Math.round((deadline - started) / 1000)} s. It is still running (pid ${server.pid}); stop it with \`nb2prod server stop\`. The end of its log:\n${serverLogTail(workspaceDir)}`,
      );
    }
    options.onWaiting?.(Math.round((Date.now() - started) / 1000));
    await new Promise((wait) => setTimeout(wait, POLL_MS));
  }
}

/**
 * The workspace's running server, started when there is none. A server another process
 * is starting is waited for rather than started twice.
 */
export async function startPrefectServer(options: StartPrefectServerOptions): Promise<PrefectServerStatus & { state: "running" }> {
  const { workspaceDir } = options;
  const status = await prefectServerStatus(workspaceDir);
  if (status.state === "running") return status;
  if (status.state === "starting") return waitUntilHealthy(workspaceDir, status.server, options);
  const paths = prefectServerPaths(workspaceDir);
  mkdirSync(paths.home, { recursive: true });
  const port = await freePort();
  const log = openSync(paths.logFile, "a");
  let pid: number | undefined;
  try {
    const child = spawn(options.python, ["-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", String(port)], {
      cwd: paths.home,
      env: serverEnvironment(paths.home, options.env ?? process.env),
      stdio: ["ignore", log, log],
      // Its own process group, not tied to ours: it outlives the editor window or CLI that started it.
      detached: true,
    });
    const spawnError = await new Promise<Error | undefined>((settle) => {
      child.once("spawn", () => {
        settle(undefined);
      });
      child.once("error", settle);
    });
    if (spawnError !== undefined || child.pid === undefined) {
      throw new PrefectServerError(`Cannot start ${options.python} -m prefect server start: ${spawnError?.message ?? "no process"}. Check the Python interpreter setting (nb2prod.pythonInterpreter).`);
    }
    child.unref();
    pid = child.pid;
  } finally {
    closeSync(log);
  }
  const server: PrefectServerState = { pid, port, apiUrl: `http://127.0.0.1:${port}/api`, python: options.python, startedAt: new Date().toISOString() };
  await new NodeFileSystem().writeTextAtomic(paths.stateFile, `${JSON.stringify(server, null, 2)}\n`);
  return waitUntilHealthy(workspaceDir, server, options);
}

async function ended(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return !processAlive(pid);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Stops the workspace's server (its whole process group) and forgets it; false when none ran. */
export async function stopPrefectServer(workspaceDir: string): Promise<boolean> {
  const paths = prefectServerPaths(workspaceDir);
  const state = readState(paths.stateFile);
  if (state === undefined || "problem" in state) {
    await rm(paths.stateFile, { force: true });
    return false;
  }
  const wasAlive = processAlive(state.pid);
  if (wasAlive) {
    signalGroup(state.pid, "SIGTERM");
    if (!(await ended(state.pid, STOP_GRACE_MS))) signalGroup(state.pid, "SIGKILL");
  }
  await rm(paths.stateFile, { force: true });
  return wasAlive;
}
