// One PythonParser per describe block: loaded before its tests (wasm from dist/, where
// esbuild copies both .wasm files), disposed after them.
import { join } from "node:path";
import { after, before } from "node:test";
import { PythonParser } from "../../src/core/analysis/python/pythonParser";

// Compiled to out/test/unit/: the repository root is three levels up.
export const WASM_DIR = join(__dirname, "..", "..", "..", "dist");

/** Registers the hooks in the calling describe block; the getter fails before they ran. */
export function useParser(): () => PythonParser {
  let parser: PythonParser | undefined;
  before(async () => {
    parser = await PythonParser.load(WASM_DIR);
  });
  after(() => {
    parser?.dispose();
  });
  return () => {
    if (parser === undefined) throw new Error("the parser is used outside the describe block that loads it");
    return parser;
  };
}
