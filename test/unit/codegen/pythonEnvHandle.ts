// The tests' Python venv (test/harness/pythonEnv.mjs, created once and cached), reached
// from TypeScript through a dynamic import whose answer is checked with zod.
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";

// Compiled to out/test/unit/codegen/: the repository root is four levels up.
export const REPO_ROOT = resolve(__dirname, "..", "..", "..", "..");

const harnessSchema = z.object({
  ensurePythonEnv: z.custom<(options: { quiet: boolean }) => unknown>((value) => typeof value === "function"),
});
const envSchema = z.object({ python: z.string(), venvDir: z.string() });

export async function ensurePythonEnv(): Promise<{ python: string; venvDir: string }> {
  const harness = harnessSchema.parse(await import(pathToFileURL(join(REPO_ROOT, "test", "harness", "pythonEnv.mjs")).href));
  return envSchema.parse(harness.ensurePythonEnv({ quiet: true }));
}
