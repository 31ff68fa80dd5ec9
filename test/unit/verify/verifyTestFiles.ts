// Where the verify tests find their inputs, and the Python of the test venv
// (test/harness/pythonEnv.mjs, created on first use and cached).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { corpusDir as corpusDirOf } from "../../corpus";

export const repoRoot = join(__dirname, "..", "..", "..", "..");
export const fixturesDir = join(repoRoot, "test", "fixtures", "verify");
export const smallNotebookDir = join(fixturesDir, "small");
export const corpusDir = corpusDirOf(repoRoot);
export const runtimeDir = join(repoRoot, "src", "core", "verify", "runtime");
export const FIFTEEN_MINUTES = 15 * 60_000;

export const projectDir = (name: string): string => join(fixturesDir, "projects", name);

/** Every file under `dir` with its text (or what `read` says of it), so that a test can see that nothing changed or appeared. */
export function snapshotTree(dir: string, read: (path: string) => string = (path) => readFileSync(path, "utf8")): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), read(path));
    }
  };
  walk(dir);
  return files;
}

const pythonEnvSchema = z.object({ python: z.string(), venvDir: z.string() });

interface PythonEnvModule {
  ensurePythonEnv(options?: { quiet?: boolean }): unknown;
}

function isPythonEnvModule(value: unknown): value is PythonEnvModule {
  return typeof value === "object" && value !== null && "ensurePythonEnv" in value && typeof value.ensurePythonEnv === "function";
}

/** The test venv's python (numpy, pandas, scikit-learn, matplotlib, ruff, mypy, ...). */
export async function testPython(): Promise<{ python: string; venvDir: string }> {
  const loaded: unknown = await import(pathToFileURL(join(repoRoot, "test", "harness", "pythonEnv.mjs")).href);
  if (!isPythonEnvModule(loaded)) throw new Error("test/harness/pythonEnv.mjs does not export ensurePythonEnv");
  return pythonEnvSchema.parse(loaded.ensurePythonEnv({ quiet: true }));
}
