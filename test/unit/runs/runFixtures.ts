// Run logs recorded from a real run of the generated diabetes_regression pipeline
// (examples/diabetes_regression.ipynb, Prefect 3): one fresh run, one served from the cache,
// and the project's nb2prod.json. The extension-host tests use the same files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectManifestSchema } from "../../../src/core/verify/projectManifest";
import type { ProjectManifest } from "../../../src/core/verify/projectManifest";

const fixtureDir = join(__dirname, "..", "..", "..", "..", "test", "fixtures", "runs");

export const COMPLETED_RUN_ID = "20261130T103625Z-96e25e93";
export const CACHED_RUN_ID = "20261130T103716Z-6161fd73";

export function completedRunLog(): string {
  return readFileSync(join(fixtureDir, "diabetes-completed.events.jsonl"), "utf8");
}

export function cachedRunLog(): string {
  return readFileSync(join(fixtureDir, "diabetes-cached.events.jsonl"), "utf8");
}

export function diabetesManifest(): ProjectManifest {
  return projectManifestSchema.parse(JSON.parse(readFileSync(join(fixtureDir, "diabetes.nb2prod.json"), "utf8")));
}

/** The first `count` lines of a log, each with its newline: a run caught mid-way. */
export function firstLines(log: string, count: number): string {
  return log.split("\n").slice(0, count).map((line) => `${line}\n`).join("");
}
