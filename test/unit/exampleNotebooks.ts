// The example notebooks the tests use: copies in test/fixtures/examples, so a user who
// opened and edited examples/ in `npm start` (or ran a pipeline there) changes no test.
// Tests that run a notebook or write next to it take a copy in a fresh temp folder.
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Compiled to out/test/unit/: the repository root is three levels up.
const REPO_ROOT = resolve(__dirname, "..", "..", "..");

export type ExampleName = "diabetes_regression" | "iris_classifier";

/** The repository-relative folder of the copies (CLI tests run with the repository as cwd). */
export const EXAMPLES_FIXTURES = join("test", "fixtures", "examples");

/** The fixture itself: read it, never write next to it. */
export function exampleNotebook(name: ExampleName): string {
  return join(REPO_ROOT, EXAMPLES_FIXTURES, `${name}.ipynb`);
}

/** A copy of the example in a new temp folder, for tests that run or change it. */
export function exampleCopy(name: ExampleName): string {
  const path = join(mkdtempSync(join(tmpdir(), `nb2prod-example-${name}-`)), `${name}.ipynb`);
  copyFileSync(exampleNotebook(name), path);
  return path;
}
