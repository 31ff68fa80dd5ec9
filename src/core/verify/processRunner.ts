// The port through which verify runs a Python interpreter. The CLI and the extension
// pass the Node implementation (nodeProcessRunner.ts); tests pass a scripted fake.
// Shaped as a superset of codegen's runner (src/core/codegen/dependencies), so the two
// can become one port in src/core/ports.ts.

export interface ProcessOptions {
  /** Killed (with everything it started) after this long. */
  readonly timeoutMs?: number;
  readonly cwd?: string;
  /** Added to, and overriding, the environment the program inherits. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ProcessStartError {
  /** The system's error code: `ENOENT` (no such program), `EACCES` (not executable), ... */
  readonly code: string;
  readonly message: string;
}

export interface ProcessResult {
  /** Undefined when the program could not be started or was killed. */
  readonly exitCode: number | undefined;
  /** The end of what the program printed (a long output keeps only its last part). */
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Set when the program could not be started at all. */
  readonly startError?: ProcessStartError;
}

export interface ProcessRunner {
  run(program: string, args: readonly string[], options?: ProcessOptions): Promise<ProcessResult>;
}
