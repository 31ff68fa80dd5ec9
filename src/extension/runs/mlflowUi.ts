// Opens a tracked run in MLflow's UI. A team server is opened at its address; a local
// store (the generated project's .nb2prod/mlflow.db) gets `python -m mlflow ui` started
// on it, on 127.0.0.1 and a free port, once per store while the window is open.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as vscode from "vscode";
import { freePort } from "../../core/freePort";
import { mlflowRunUrl, mlflowStore } from "../../core/runs/mlflowLink";
import type { RunEventOf } from "../../core/runs/runEvents";
import { UserFacingError } from "../commands/registerCommand";
import type { Log } from "../log";

/** How long `mlflow ui` may take to answer: importing MLflow and opening the store takes a few seconds. */
const START_TIMEOUT_MS = 90_000;
const POLL_MS = 500;
/** The end of the server's output, kept to explain a failed start. */
const OUTPUT_TAIL = 4_000;

interface LocalServer {
  readonly process: ChildProcess;
  readonly baseUrl: Promise<string>;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

export class MlflowUi implements vscode.Disposable {
  private readonly servers = new Map<string, LocalServer>();

  constructor(private readonly log: Log) {}

  /** The URL of the run's page, starting `mlflow ui` with `python` when its store is local. */
  async runUrl(tracking: RunEventOf<"tracking">, python: () => Promise<string>, cwd: string): Promise<string> {
    const store = mlflowStore(tracking.trackingUri);
    if (store.kind === "unsupported") throw new UserFacingError(`${store.reason}.`);
    const baseUrl = store.kind === "server" ? store.baseUrl : await this.localServer(store.backendStoreUri, python, cwd);
    return mlflowRunUrl(baseUrl, tracking.experimentId, tracking.mlflowRunId);
  }

  dispose(): void {
    for (const server of this.servers.values()) server.process.kill();
    this.servers.clear();
  }

  private async localServer(backendStoreUri: string, python: () => Promise<string>, cwd: string): Promise<string> {
    const known = this.servers.get(backendStoreUri);
    if (known !== undefined && known.process.exitCode === null) return known.baseUrl;
    const executable = await python();
    const port = await freePort();
    const args = ["-m", "mlflow", "ui", "--backend-store-uri", backendStoreUri, "--host", "127.0.0.1", "--port", String(port)];
    this.log.info(`starting ${executable} ${args.join(" ")}`);
    const child = spawn(executable, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MLFLOW_DISABLE_TELEMETRY: "true" } });
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const baseUrl = `http://127.0.0.1:${port}`;
    const ready = this.waitUntilReady(child, baseUrl, () => output, executable);
    this.servers.set(backendStoreUri, { process: child, baseUrl: ready });
    try {
      return await ready;
    } catch (error) {
      this.servers.delete(backendStoreUri);
      child.kill();
      throw error;
    }
  }

  private async waitUntilReady(child: ChildProcess, baseUrl: string, output: () => string, executable: string): Promise<string> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    let spawnError: Error | undefined;
    child.once("error", (error) => {
      spawnError = error;
    });
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Starting MLflow UI…" }, async () => {
      while (Date.now() < deadline) {
        if (spawnError !== undefined) throw new UserFacingError(`Could not start ${executable}: ${spawnError.message}. Set nb2prod.pythonInterpreter to the pipeline's Python.`);
        if (child.exitCode !== null) {
          const text = output();
          const missing = /No module named .?mlflow/.test(text);
          throw new UserFacingError(
            missing
              ? `MLflow is not installed in ${executable}. Install the project's tracking extra there (pip install -e ".[tracking]"), then try again.`
              : `mlflow ui exited with code ${String(child.exitCode)}: ${text.trim().split("\n").slice(-3).join(" ")}`,
          );
        }
        if (await answers(`${baseUrl}/health`)) return baseUrl;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      throw new UserFacingError(`mlflow ui did not answer on ${baseUrl} within ${START_TIMEOUT_MS / 1000} s. Its output ends with: ${output().trim().split("\n").slice(-3).join(" ")}`);
    });
  }
}
