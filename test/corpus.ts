// The public notebooks the tests, evaluations and benchmarks read: a copy of the shared
// corpus kept in the repository (test/fixtures/corpus, with PROVENANCE.tsv and the
// hand-labelled stages), so that a clone alone has everything its tests need.
import { join } from "node:path";

export function corpusDir(repoRoot: string): string {
  return join(repoRoot, "test", "fixtures", "corpus");
}
