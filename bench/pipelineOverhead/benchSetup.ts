// What the pipeline benchmarks share: their settings from the environment, the notebooks
// they run, and the test venv's interpreter.
import { spawnSync } from "node:child_process";
import { basename, join } from "node:path";
import { exampleNotebooks, offlineCorpusNotebooks } from "../../test/eval/corpusNotebooks";

export function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The examples and offline corpus notebooks, or those NB2PROD_BENCH_NOTEBOOKS names parts of. */
export function notebooksWanted(repoRoot: string): string[] {
  const all = [...exampleNotebooks(repoRoot), ...offlineCorpusNotebooks(repoRoot)];
  const wanted = (process.env.NB2PROD_BENCH_NOTEBOOKS ?? "").split(",").map((part) => part.trim()).filter((part) => part !== "");
  return wanted.length === 0 ? all : all.filter((path) => wanted.some((part) => basename(path).includes(part)));
}

/** The tests' venv interpreter, from the script that creates it (it prints the path last). */
export function testPython(repoRoot: string): string {
  const result = spawnSync(process.execPath, [join(repoRoot, "test", "harness", "pythonEnv.mjs")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const python = result.stdout.trim().split("\n").pop() ?? "";
  if (result.status !== 0 || python === "") throw new Error("test/harness/pythonEnv.mjs did not print the venv's python");
  return python;
}

/** A flow that does nothing: running it once creates Prefect's database before anything is timed. */
export const PREFECT_WARM_UP = "from prefect import flow\n@flow\ndef warm_up() -> None: pass\nwarm_up()";
