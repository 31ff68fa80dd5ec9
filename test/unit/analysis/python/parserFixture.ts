// One parser for a test file, loaded from dist/ like the bundles do (`npm run build` first).
import { join } from "node:path";
import { after, before } from "node:test";
import type { CellSourceAnalysis } from "../../../../src/core/analysis/cellAnalysis";
import { analyzePythonSource } from "../../../../src/core/analysis/python/analyzePythonSource";
import { PythonParser } from "../../../../src/core/analysis/python/pythonParser";

export const repoRoot = join(__dirname, "..", "..", "..", "..", "..");
export const wasmDir = join(repoRoot, "dist");

export interface ParserHandle {
  readonly parser: () => PythonParser;
  readonly analyze: (source: string) => CellSourceAnalysis;
}

/** Registers before/after hooks in the calling suite; use inside `describe`. */
export function useParser(): ParserHandle {
  let parser: PythonParser | undefined;
  before(async () => {
    parser = await PythonParser.load(wasmDir);
  });
  after(() => {
    parser?.dispose();
  });
  const get = (): PythonParser => {
    if (parser === undefined) throw new Error("parser not loaded yet");
    return parser;
  };
  return { parser: get, analyze: (source) => analyzePythonSource(get(), source) };
}

export function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}
