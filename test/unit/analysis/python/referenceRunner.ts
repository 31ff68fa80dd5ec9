// Runs test/reference/reference_analyzer.py with the machine's python3.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./parserFixture";

export type ReferenceResult =
  | { readonly ok: true; readonly defines: string[]; readonly reads: string[] }
  | { readonly ok: false; readonly error: string };

const script = join(repoRoot, "test", "reference", "reference_analyzer.py");

function isResult(value: unknown): value is ReferenceResult & { id: string } {
  return typeof value === "object" && value !== null && "id" in value && "ok" in value;
}

export function runReference(cells: readonly { id: string; source: string }[]): Map<string, ReferenceResult> {
  const run = spawnSync("python3", [script], { input: JSON.stringify(cells), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error !== undefined) throw new Error(`Could not run python3 ${script}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${script} exited with ${String(run.status)}: ${run.stderr}`);
  const parsed: unknown = JSON.parse(run.stdout);
  if (!Array.isArray(parsed)) throw new Error(`${script} printed no list`);
  return new Map(parsed.filter(isResult).map((result) => [result.id, result]));
}
