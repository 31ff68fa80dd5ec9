// tree-sitter-python through web-tree-sitter (WebAssembly: no native build, runs in the
// extension host, the CLI and plain Node alike). The two .wasm files are loaded from one
// folder: `dist/` next to the bundles, or the npm packages in development.
import { join } from "node:path";
import { Language, Parser } from "web-tree-sitter";
import type { Tree } from "web-tree-sitter";
import { directCursorCalls } from "./cursorReader";
import type { DirectCursorCalls } from "./cursorReader";
import { splitIpython } from "./ipythonSyntax";
import { copyTree } from "./syntaxTree";
import type { CopiedTree } from "./syntaxTree";

export const PYTHON_GRAMMAR_WASM = "tree-sitter-python.wasm";
export const TREE_SITTER_RUNTIME_WASM = "web-tree-sitter.wasm";

let runtimeReady: Promise<DirectCursorCalls | undefined> | undefined;
const languages = new Map<string, Promise<Language>>();

/**
 * Loads the runtime once per process (web-tree-sitter keeps the first module it loads);
 * resolves to the cursor's wasm calls when they can be used directly. A failed load is
 * forgotten so that the next call tries again.
 */
function initRuntime(wasmDir: string): Promise<DirectCursorCalls | undefined> {
  if (runtimeReady !== undefined) return runtimeReady;
  // Emscripten fills this object in as the module (see cursorReader.ts).
  const module = {
    locateFile: (name: string) => join(wasmDir, name === TREE_SITTER_RUNTIME_WASM ? TREE_SITTER_RUNTIME_WASM : name),
  };
  const ready = Parser.init(module).then(() => directCursorCalls(module));
  runtimeReady = ready;
  ready.catch(() => {
    if (runtimeReady === ready) runtimeReady = undefined;
  });
  return ready;
}

export class PythonParser {
  private constructor(
    private readonly parser: Parser,
    private readonly direct: DirectCursorCalls | undefined,
  ) {}

  /** Loads the runtime and grammar once per process; later calls reuse them. */
  static async load(wasmDir: string): Promise<PythonParser> {
    try {
      const direct = await initRuntime(wasmDir);
      let language = languages.get(wasmDir);
      if (language === undefined) {
        language = Language.load(join(wasmDir, PYTHON_GRAMMAR_WASM));
        languages.set(wasmDir, language);
      }
      const parser = new Parser();
      parser.setLanguage(await language);
      return new PythonParser(parser, direct);
    } catch (error) {
      languages.delete(wasmDir);
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Could not load the Python grammar from ${wasmDir} (${reason}). Rebuild with "npm run build".`, {
        cause: error,
      });
    }
  }

  /** Parses one cell. The tree must be deleted by the caller (`tree.delete()`). */
  parse(source: string): Tree {
    const tree = this.parser.parse(source);
    if (tree === null) throw new Error("tree-sitter returned no tree");
    return tree;
  }

  /** How trees are copied: through the cursor's wasm calls directly, or the public cursor. */
  get cursorCalls(): "direct" | "public" {
    return this.direct === undefined ? "public" : "direct";
  }

  /** Parses one cell into a plain JavaScript tree (syntaxTree.ts); the wasm tree is freed. */
  parseCopy(source: string): CopiedTree {
    const tree = this.parse(source);
    try {
      return copyTree(tree, this.direct);
    } finally {
      tree.delete();
    }
  }

  /** Whether Python source has a syntax error (IPython magics must be masked first). */
  hasSyntaxError(source: string): boolean {
    const tree = this.parse(source);
    try {
      return tree.rootNode.hasError;
    } finally {
      tree.delete();
    }
  }

  dispose(): void {
    this.parser.delete();
  }
}

/**
 * Replaces IPython-only syntax (`%magic`, `%%cell magic`, `!shell`, `x = !ls`, `obj?`) at
 * the start of logical lines with Python that binds the same names, so the rest parses
 * as Python and line numbers stay the same. A non-Python cell magic (`%%bash`) blanks the
 * whole cell. See ipythonSyntax.ts.
 */
export function maskIpythonSyntax(source: string): string {
  return splitIpython(source).python;
}
