// Where the notebook tests find their inputs: the project's own fixtures, and the corpus
// of real public notebooks (test/fixtures/corpus).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDir as corpusDirOf } from "../../corpus";

const repoRoot = join(__dirname, "..", "..", "..", "..");
export const fixtureDir = join(repoRoot, "test", "fixtures", "notebooks");
export const corpusDir = corpusDirOf(repoRoot);

export function fixturePath(name: string): string {
  return join(fixtureDir, name);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

/** File names in `dir` ending with `suffix`, sorted; throws if there are none, so no test passes on nothing. */
export function filesIn(dir: string, suffix: string): string[] {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort();
  if (names.length === 0) throw new Error(`No ${suffix} files in ${dir}`);
  return names;
}

export const corpusNotebooks = (): string[] => filesIn(corpusDir, ".ipynb");
export const validFixtures = (): string[] => filesIn(fixtureDir, ".ipynb").filter((name) => !name.startsWith("invalid-"));
export const invalidFixtures = (): string[] => filesIn(fixtureDir, ".ipynb").filter((name) => name.startsWith("invalid-"));
