// Long install steps (apt-get, npm install of code-server, pip) print little or nothing
// for minutes. These helpers number the steps and say every 30 s that one is still going,
// keeping the tool's own output in a log file that is shown when it fails.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";

const HEARTBEAT_MS = 30_000;

/** Prints `[n/total] title` and returns a function that prints how long the step took. */
function announceStep(index, total, title) {
  const started = Date.now();
  console.log(`[${index}/${total}] ${title}`);
  return () => console.log(`      done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** A set-up step that failed: `step` is its title. */
export class SetupStepError extends Error {
  constructor(step, cause) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.step = step;
  }
}

/** Runs `[title, run]` steps in order, numbered, each timed; the first failure stops them. */
export async function runSteps(steps) {
  for (const [index, [title, run]] of steps.entries()) {
    const done = announceStep(index + 1, steps.length, title);
    try {
      await run();
    } catch (error) {
      throw new SetupStepError(title, error);
    }
    done();
  }
}

/**
 * Runs `command` to the end with its output in `logFile`, printing a line every 30 s
 * while it runs. Rejects with the last lines of the log when it fails.
 */
export function runWithProgress(label, command, args, { logFile, env, cwd } = {}) {
  mkdirSync(dirname(logFile), { recursive: true });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: "a" });
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const heartbeat = setInterval(() => {
      console.log(`      ${label}: still running (${Math.round((Date.now() - started) / 1000)} s; output in ${logFile})`);
    }, HEARTBEAT_MS);
    let finished = false;
    const finish = (error) => {
      if (finished) return;
      finished = true;
      clearInterval(heartbeat);
      log.end(() => {
        if (error === undefined) resolve(Date.now() - started);
        else reject(new Error(`${error}\n${lastLines(logFile, 25)}\n(full output: ${logFile})`));
      });
    };
    child.on("error", (error) => finish(`${label}: could not start ${command} (${error.message})`));
    child.on("exit", (code, signal) => finish(code === 0 ? undefined : `${label} failed: ${command} ${args.join(" ")} exited with ${signal ?? `code ${code}`}`));
  });
}

function lastLines(file, count) {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-count).join("\n");
  } catch {
    return "";
  }
}
