// A real local Prefect server for tests (`prefect server start` on 127.0.0.1, SQLite in a
// temporary PREFECT_HOME): started once, waited for with a generous timeout, its log kept
// in a file for the failure message, stopped with its whole process group.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { freePort } from "../../../src/core/freePort";
import { join } from "node:path";

const START_TIMEOUT_MS = 180_000;

export interface PrefectServer {
  /** The API URL (PREFECT_API_URL): http://127.0.0.1:<port>/api. */
  readonly apiUrl: string;
  readonly home: string;
  readonly logFile: string;
  /** The environment a client of this server runs with. */
  env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

function logTail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => { resolveExit(false); }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });
}

export async function startPrefectServer(python: string, home: string): Promise<PrefectServer> {
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}/api`;
  const logFile = join(home, "server.log");
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, PREFECT_HOME: home, PREFECT_SERVER_ANALYTICS_ENABLED: "false", DO_NOT_TRACK: "1" };
  delete serverEnv.PREFECT_API_URL;
  const log = openSync(logFile, "a");
  const child = spawn(python, ["-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", String(port)], { env: serverEnv, stdio: ["ignore", log, log], detached: true });
  closeSync(log);
  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    if (!(await exited(child, 30_000))) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prefect server start exited with ${child.exitCode}:\n${logTail(logFile)}`);
    try {
      const response = await fetch(`${apiUrl}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Prefect server did not answer ${apiUrl}/health within ${START_TIMEOUT_MS / 1000} s:\n${logTail(logFile)}`);
    }
    await new Promise((wait) => setTimeout(wait, 500));
  }
  return {
    apiUrl,
    home,
    logFile,
    env: (base = process.env) => ({ ...base, PREFECT_HOME: home, PREFECT_API_URL: apiUrl, PREFECT_SERVER_ANALYTICS_ENABLED: "false", DO_NOT_TRACK: "1" }),
    stop,
  };
}

/** The server's log, for a failure message. */
export function serverLog(server: PrefectServer): string {
  return logTail(server.logFile);
}
