// Runs a program with node:child_process. On POSIX the program leads a process group of
// its own, so a timeout (or Ctrl-C in the terminal) ends everything it started too:
// notebooks start worker processes (scikit-learn's n_jobs, multiprocessing).
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import type { ProcessOptions, ProcessResult, ProcessRunner, ProcessStartError } from "./ports";

/** How much of each output stream is kept: enough for the end of a traceback. */
const KEPT_OUTPUT_CHARS = 64 * 1024;
/** After the program exits, how long to wait for processes it left holding its output. */
const CLOSE_GRACE_MS = 2000;
const OWN_GROUP = process.platform !== "win32";

class OutputTail {
  private text = "";

  add(chunk: string): void {
    this.text += chunk;
    if (this.text.length > 2 * KEPT_OUTPUT_CHARS) this.text = this.text.slice(-KEPT_OUTPUT_CHARS);
  }

  toString(): string {
    return this.text.slice(-KEPT_OUTPUT_CHARS);
  }
}

function killAll(child: ChildProcess): void {
  try {
    if (OWN_GROUP && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    // Already gone.
  }
}

/** While the program runs, a signal that ends nb2prod ends the program's group first. */
function forwardEndingSignals(child: ChildProcess): () => void {
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handlers = signals.map((signal) => {
    const handler = (): void => {
      killAll(child);
      stop();
      process.kill(process.pid, signal);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  const stop = (): void => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
  return stop;
}

function startError(error: Error): ProcessStartError {
  const code = "code" in error ? String(error.code) : "UNKNOWN";
  return { code, message: error.message };
}

type Resolve = (result: ProcessResult) => void;

function collect(stream: NodeJS.ReadableStream | null): OutputTail {
  const tail = new OutputTail();
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    tail.add(chunk);
  });
  return tail;
}

/** Resolves once the program has ended (or never started), whichever way. */
function watch(child: ChildProcess, options: ProcessOptions, resolve: Resolve): void {
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  let timedOut = false;
  let cancelled = false;
  let settled = false;
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    killAll(child);
  }, options.timeoutMs);
  const cancel = (): void => {
    cancelled = true;
    killAll(child);
  };
  options.signal?.addEventListener("abort", cancel, { once: true });
  const stopForwarding = forwardEndingSignals(child);
  const finish = (exitCode: number | undefined, error?: ProcessStartError): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", cancel);
    stopForwarding();
    child.stdout?.destroy();
    child.stderr?.destroy();
    const result = { exitCode: timedOut || cancelled ? undefined : exitCode, stdout: stdout.toString(), stderr: stderr.toString(), timedOut, ...(cancelled ? { cancelled } : {}) };
    resolve(error === undefined ? result : { ...result, startError: error });
  };
  child.on("error", (error) => {
    if (child.pid === undefined) finish(undefined, startError(error));
  });
  child.on("close", (code) => {
    finish(code ?? undefined);
  });
  child.on("exit", (code) => {
    setTimeout(() => {
      finish(code ?? undefined);
    }, CLOSE_GRACE_MS).unref();
  });
}

export class NodeProcessRunner implements ProcessRunner {
  run(program: string, args: readonly string[], options: ProcessOptions = {}): Promise<ProcessResult> {
    if (options.signal?.aborted === true) {
      return Promise.resolve({ exitCode: undefined, stdout: "", stderr: "", timedOut: false, cancelled: true });
    }
    return new Promise((resolve) => {
      const child = spawn(program, [...args], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
        detached: OWN_GROUP,
      });
      watch(child, options, resolve);
    });
  }
}
