// A plain JavaScript copy of a tree-sitter tree, built in one cursor walk. Reading nodes
// through the wasm API costs a call per property; the analysis visits each node several
// times, so it works on this copy and the wasm tree is freed right after the walk.
import type { Language, Tree } from "web-tree-sitter";
import { directCursorReader, publicCursorReader } from "./cursorReader";
import type { CursorReader, DirectCursorCalls } from "./cursorReader";

export interface SyntaxNode {
  readonly type: string;
  /** Named grammar node (`identifier`, `call`) rather than a literal token (`(`, `def`). */
  readonly isNamed: boolean;
  /** Inserted by the parser to recover from an error (a `)` that is not in the source). */
  readonly isMissing: boolean;
  /** The grammar field this named node fills in its parent (`left`, `body`, ...). */
  readonly field: string | undefined;
  /** UTF-16 offsets into the parsed source. */
  readonly start: number;
  readonly end: number;
  readonly children: readonly SyntaxNode[];
  /** Named children without comments and line continuations: what the visitors iterate over. */
  readonly named: readonly SyntaxNode[];
}

interface NodeTypes {
  readonly names: readonly string[];
  readonly isNamed: readonly boolean[];
}

const typeTables = new WeakMap<Language, NodeTypes>();

/** Named nodes the grammar allows anywhere; they carry no meaning for the analysis. */
const EXTRAS: ReadonlySet<string> = new Set(["comment", "line_continuation"]);

function nodeTypes(language: Language): NodeTypes {
  let table = typeTables.get(language);
  if (table === undefined) {
    const names = language.types.map((name) => name || "ERROR");
    const isNamed = names.map((_, id) => language.nodeTypeIsNamed(id));
    table = { names, isNamed };
    typeTables.set(language, table);
  }
  return table;
}

interface MutableNode extends SyntaxNode {
  readonly children: SyntaxNode[];
  readonly named: SyntaxNode[];
}

/**
 * Named node types that are single tokens in tree-sitter-python, so never have children:
 * the copy does not ask the cursor for their first child. (Literal tokens, the unnamed
 * nodes, never have children either.) In a tree with errors every node is asked.
 */
const NAMED_TOKENS: ReadonlySet<string> = new Set([
  "identifier",
  "integer",
  "float",
  "comment",
  "string_start",
  "string_content",
  "string_end",
  "escape_sequence",
  "true",
  "false",
  "none",
  "ellipsis",
  "line_continuation",
  "type_conversion",
]);

function current(cursor: CursorReader, types: NodeTypes, fields: readonly (string | null)[], hasError: boolean): MutableNode {
  const typeId = cursor.typeId();
  const type = types.names[typeId] ?? "ERROR";
  const isNamed = type === "ERROR" || (types.isNamed[typeId] ?? false);
  const start = cursor.startIndex();
  // A literal token's text is its type, and only a tree with errors has missing (zero-width)
  // tokens: skipping those wasm calls makes the copy a third faster.
  const end = isNamed || hasError ? cursor.endIndex() : start + type.length;
  return {
    type,
    isNamed,
    isMissing: hasError && start === end && cursor.isMissing(),
    field: isNamed ? (fields[cursor.fieldId()] ?? undefined) : undefined,
    start,
    end,
    children: [],
    named: [],
  };
}

export interface CopiedTree {
  readonly root: SyntaxNode;
  /** Deepest nesting level (the root is 0). */
  readonly depth: number;
}

/**
 * Copies the whole tree; the caller still owns (and must delete) `tree`. With `direct`
 * (see cursorReader.ts) the cursor's wasm functions are called without web-tree-sitter's
 * per-call copying; the copy is the same either way.
 */
export function copyTree(tree: Tree, direct?: DirectCursorCalls): CopiedTree {
  const language = tree.language;
  const types = nodeTypes(language);
  const hasError = tree.rootNode.hasError;
  const walker = tree.walk();
  const fast = direct && directCursorReader(direct, tree, walker);
  try {
    const cursor = fast ?? publicCursorReader(walker);
    const root = current(cursor, types, language.fields, hasError);
    const ancestors: MutableNode[] = [];
    let last = root;
    let depth = 0;
    // Iterative pre-order walk: deeply nested expressions must not overflow the JS stack.
    for (;;) {
      const token = !hasError && (!last.isNamed || NAMED_TOKENS.has(last.type));
      if (!token && cursor.gotoFirstChild()) {
        ancestors.push(last);
        depth = Math.max(depth, ancestors.length);
      } else {
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return { root, depth };
          ancestors.pop();
        }
      }
      const owner = ancestors[ancestors.length - 1];
      if (owner === undefined) return { root, depth };
      const node = current(cursor, types, language.fields, hasError);
      owner.children.push(node);
      if (node.isNamed && !EXTRAS.has(node.type)) owner.named.push(node);
      last = node;
    }
  } finally {
    fast?.finish();
    walker.delete();
  }
}
