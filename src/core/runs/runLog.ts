// Reads an events.jsonl written by lineage.py. The writer appends one line per event, so
// a run in progress (or killed mid-write) can end in a partial line: that is expected
// and reported as info. Anything else wrong is reported as an error naming the line, and
// the remaining lines are still read: one bad line never hides a whole run.
import type { z } from "zod";
import { runEventSchema } from "./runEvents";
import type { RunEvent } from "./runEvents";

export interface RunLogProblem {
  /** 1-based line number in events.jsonl. */
  readonly line: number;
  readonly severity: "error" | "info";
  readonly message: string;
}

export interface RunLog {
  readonly events: RunEvent[];
  readonly problems: RunLogProblem[];
}

type LineResult = { event: RunEvent } | { problem: RunLogProblem };

/** Problems kept per file: a file of garbage says so in a few lines, not millions. */
export const MAX_PROBLEMS_PER_LOG = 20;

/**
 * `runId`, when given, is the run the file belongs to (its folder): an event of another
 * run is a problem, not part of this one.
 */
export function parseRunLog(text: string, runId?: string): RunLog {
  // A byte order mark (an editor saved the file) is not part of the first event.
  const lines = (text.startsWith("\ufeff") ? text.slice(1) : text).split("\n");
  // A complete file ends with a newline; whatever follows the last one is a torn write.
  const tail = lines.pop() ?? "";
  const events: RunEvent[] = [];
  const problems: RunLogProblem[] = [];
  let dropped = 0;
  const collect = (result: LineResult | undefined, lineNumber: number): void => {
    if (result === undefined) return;
    if ("event" in result && (runId === undefined || result.event.runId === runId)) {
      events.push(result.event);
      return;
    }
    const problem: RunLogProblem = "problem" in result ? result.problem : { line: lineNumber, severity: "error", message: `Line ${lineNumber} is an event of run ${result.event.runId}, not of ${runId ?? ""}; it was skipped.` };
    if (problems.length < MAX_PROBLEMS_PER_LOG) problems.push(problem);
    else dropped += 1;
  };
  lines.forEach((line, index) => {
    collect(parseLine(line, index + 1, false), index + 1);
  });
  collect(parseLine(tail, lines.length + 1, true), lines.length + 1);
  if (dropped > 0) problems.push({ line: lines.length + 1, severity: "error", message: `${dropped} more problem lines were not listed.` });
  return { events, problems };
}

function parseLine(line: string, lineNumber: number, isTail: boolean): LineResult | undefined {
  if (line.trim() === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    if (isTail) return { problem: { line: lineNumber, severity: "info", message: tornLineMessage(lineNumber) } };
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: { line: lineNumber, severity: "error", message: `Line ${lineNumber} is not valid JSON (${reason}).` } };
  }
  const parsed = runEventSchema.safeParse(json);
  if (parsed.success) return { event: parsed.data };
  return { problem: { line: lineNumber, severity: "error", message: schemaMessage(lineNumber, json, parsed.error) } };
}

function tornLineMessage(lineNumber: number): string {
  return `Line ${lineNumber} is incomplete and was skipped: the run is still writing it, or stopped while writing it.`;
}

function schemaMessage(lineNumber: number, json: unknown, error: z.ZodError): string {
  const type = typeof json === "object" && json !== null && "type" in json ? json.type : undefined;
  const what = typeof type === "string" ? `${type} event` : "event";
  const details = error.issues.map((issue) => {
    const where = issue.path.map(String).join(".");
    return where === "" ? issue.message : `${where}: ${issue.message}`;
  });
  return `Line ${lineNumber} is not a valid ${what}: ${details.join("; ")}.`;
}
