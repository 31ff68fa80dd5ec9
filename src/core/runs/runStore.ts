// The runs recorded under a folder (normally `<workspace>/.nb2prod/runs`): one sub-folder
// per run, holding its events.jsonl. Read through the FileSystem port, so the extension,
// the CLI and the tests share this code.
import { join as joinPath } from "node:path";
import { FileNotFoundError } from "../ports";
import type { FileSystem } from "../ports";
import { RUN_ID_PATTERN } from "./runEvents";
import { parseRunLog } from "./runLog";
import { summariseRun } from "./runSummary";
import type { RunSummary } from "./runSummary";

export const EVENTS_FILE = "events.jsonl";

/** The runs folder of a workspace folder: where runs started from the editor record themselves (NB2PROD_RUNS_DIR). */
export function workspaceRunsDir(workspaceFolder: string): string {
  return joinPath(workspaceFolder, ".nb2prod", "runs");
}

/** Larger events files are not read (a real run writes kilobytes). */
export const MAX_EVENTS_BYTES = 16e6;

function unreadRun(runId: string, message: string): RunSummary {
  return summariseRun(runId, [], [{ line: 1, severity: "error", message }]);
}

/** Joins with "/", which both the real and the in-memory file system accept. */
function join(folder: string, name: string): string {
  return `${folder.replace(/\/+$/, "")}/${name}`;
}

export class RunStore {
  constructor(
    private readonly fs: FileSystem,
    private readonly runsDir: string,
  ) {}

  /** Ids of the runs that have an events file; empty when the folder does not exist. */
  async listRunIds(): Promise<string[]> {
    if (this.fs.listDir === undefined) throw new Error("This file system cannot list folders, so runs cannot be found.");
    let names: string[];
    try {
      names = await this.fs.listDir(this.runsDir);
    } catch (error) {
      if (error instanceof FileNotFoundError) return [];
      throw error;
    }
    const candidates = names.filter((name) => RUN_ID_PATTERN.test(name));
    const withEvents = await Promise.all(candidates.map((name) => this.fs.exists(this.eventsPath(name))));
    return candidates.filter((_, index) => withEvents[index]);
  }

  /** The run's summary, or undefined when it has no events file or the id is not a run id. */
  async readRun(runId: string): Promise<RunSummary | undefined> {
    if (!RUN_ID_PATTERN.test(runId)) return undefined;
    const path = this.eventsPath(runId);
    let text: string;
    try {
      // A run writes a few events per step: a huge file is not one nb2prod wrote, and
      // reading it whole would take the editor's memory. Its run is shown, unread.
      const bytes = this.fs.size === undefined ? 0 : await this.fs.size(path);
      if (bytes > MAX_EVENTS_BYTES) {
        return unreadRun(runId, `${EVENTS_FILE} is ${(bytes / 1e6).toFixed(0)} MB, more than the ${MAX_EVENTS_BYTES / 1e6} MB nb2prod reads; this run's events are not shown.`);
      }
      text = await this.fs.readText(path);
    } catch (error) {
      if (error instanceof FileNotFoundError) return undefined;
      return unreadRun(runId, `${EVENTS_FILE} cannot be read (${error instanceof Error ? error.message : String(error)}).`);
    }
    const log = parseRunLog(text, runId);
    return summariseRun(runId, log.events, log.problems);
  }

  /** Every run, newest first (by start time, then by id for runs that never started). One bad run never hides the others. */
  async listRuns(): Promise<RunSummary[]> {
    const runs = await Promise.all((await this.listRunIds()).map((runId) => this.readRun(runId)));
    return runs.filter((run) => run !== undefined).sort(newestRunFirst);
  }

  eventsPath(runId: string): string {
    return join(join(this.runsDir, runId), EVENTS_FILE);
  }
}

/** Sort order of runs: newest start first, then by id for runs that never started. */
export function newestRunFirst(a: RunSummary, b: RunSummary): number {
  const byStart = Date.parse(b.startedAt ?? "") - Date.parse(a.startedAt ?? "");
  if (!Number.isNaN(byStart) && byStart !== 0) return byStart;
  if (a.startedAt !== undefined && b.startedAt === undefined) return -1;
  if (a.startedAt === undefined && b.startedAt !== undefined) return 1;
  return b.runId.localeCompare(a.runId);
}
