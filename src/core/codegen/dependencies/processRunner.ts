// The port through which codegen asks a Python interpreter something (installed package
// versions). The CLI passes the Node implementation; tests pass a scripted fake.
import { spawn } from "node:child_process";

export interface ProcessResult {
  /** Undefined when the program could not be started or was killed. */
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ProcessRunner {
  run(program: string, args: readonly string[], options?: { readonly timeoutMs?: number }): Promise<ProcessResult>;
}

export class NodeProcessRunner implements ProcessRunner {
  run(program: string, args: readonly string[], options?: { readonly timeoutMs?: number }): Promise<ProcessResult> {
    return new Promise((resolve) => {
      const child = spawn(program, [...args], { stdio: ["ignore", "pipe", "pipe"], timeout: options?.timeoutMs ?? 30_000 });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      child.on("error", (error) => {
        resolve({ exitCode: undefined, stdout, stderr: `${stderr}${error.message}` });
      });
      child.on("close", (code) => {
        resolve({ exitCode: code ?? undefined, stdout, stderr });
      });
    });
  }
}
