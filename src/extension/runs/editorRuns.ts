// The pipeline processes Run Pipeline started in this window, while they run: Cancel Run
// ends a run's own process when it has one here (a run started with `python -m` owns no
// Prefect worker, so setting its flow run to CANCELLING alone would stop nothing).
import { dirname } from "node:path";
import type * as vscode from "vscode";
import type { RunEntry } from "./runsModel";

interface EditorRun {
  readonly runsDir: string;
  readonly startedAt: number;
  readonly execution: vscode.TaskExecution;
}

export class EditorRunProcesses {
  private readonly running = new Map<string, EditorRun>();

  add(id: string, run: EditorRun): void {
    this.running.set(id, run);
  }

  remove(id: string): void {
    this.running.delete(id);
  }

  /** The running process that recorded `entry`: the newest started before the run, writing to its folder. */
  find(entry: RunEntry): vscode.TaskExecution | undefined {
    const runsDir = dirname(dirname(entry.eventsUri.fsPath));
    const started = Date.parse(entry.summary.startedAt ?? "");
    if (Number.isNaN(started)) return undefined;
    const candidates = [...this.running.values()].filter((run) => run.runsDir === runsDir && run.startedAt <= started);
    candidates.sort((a, b) => b.startedAt - a.startedAt);
    return candidates[0]?.execution;
  }
}
