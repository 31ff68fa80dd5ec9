// Where the tree-sitter .wasm files are: next to the bundled CLI (dist/), or, when the CLI
// runs from compiled sources in tests, the repository's dist/. NB2PROD_WASM_DIR overrides.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PYTHON_GRAMMAR_WASM } from "../core/analysis/python/pythonParser";

export function locateWasmDir(): string {
  const candidates = [
    process.env.NB2PROD_WASM_DIR,
    __dirname,
    join(__dirname, "..", "..", "..", "dist"),
  ].filter((dir): dir is string => dir !== undefined && dir !== "");
  const found = candidates.find((dir) => existsSync(join(dir, PYTHON_GRAMMAR_WASM)));
  if (found === undefined) {
    throw new Error(`The Python grammar (${PYTHON_GRAMMAR_WASM}) was not found in ${candidates.join(", ")}. Run "npm run build".`);
  }
  return found;
}
