// How the tree copy (syntaxTree.ts) reads a tree-sitter cursor. Copying a cell's tree is
// about half of the time analysis takes, and most of that is not tree-sitter's work but
// web-tree-sitter's wrapper: before every cursor call (move, type, start, end, field) it
// writes the cursor into a shared transfer buffer with four `setValue` calls, and after a
// move it reads it back with four `getValue` calls.
//
// The wasm functions behind those calls take only the tree's address: they read the cursor
// from the transfer buffer and a move writes it back there. So a walk that does nothing
// else in between can position the cursor once and then call them directly: the same
// calls, without the copying. At the end the cursor's state is written back into the
// public cursor object, so that `delete()` frees what the moves allocated.
//
// `directCursorCalls` finds those functions on the emscripten module (the object given to
// `Parser.init`, which emscripten fills in) and accepts them only if all are there;
// `directCursorReader` then checks, on every tree, that the transfer buffer holds the
// public cursor and that the first node reads the same both ways. Anything unexpected
// (another web-tree-sitter version) falls back to the public cursor, and a unit test
// compares both copies over the corpus.
import type { Tree, TreeCursor } from "web-tree-sitter";

/** What the tree copy reads from a cursor. */
export interface CursorReader {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  typeId(): number;
  /** UTF-16 offsets, as web-tree-sitter reports them. */
  startIndex(): number;
  endIndex(): number;
  fieldId(): number;
  isMissing(): boolean;
}

/** The public web-tree-sitter cursor. */
export function publicCursorReader(cursor: TreeCursor): CursorReader {
  return {
    gotoFirstChild: () => cursor.gotoFirstChild(),
    gotoNextSibling: () => cursor.gotoNextSibling(),
    gotoParent: () => cursor.gotoParent(),
    typeId: () => cursor.nodeTypeId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    fieldId: () => cursor.currentFieldId,
    isMissing: () => cursor.nodeIsMissing,
  };
}

type TreeCall = (treeAddress: number) => number;

/** The wasm exports the public cursor methods call (web-tree-sitter 0.25–0.27 names). */
export interface DirectCursorCalls {
  /** Address of the transfer buffer; the cursor is its first four 32-bit words. */
  readonly transferBuffer: number;
  /** The module's memory as 32-bit words (a new view after the memory grows). */
  heap(): Int32Array | undefined;
  readonly gotoFirstChild: TreeCall;
  readonly gotoNextSibling: TreeCall;
  readonly gotoParent: TreeCall;
  readonly typeId: TreeCall;
  readonly startIndex: TreeCall;
  readonly endIndex: TreeCall;
  readonly fieldId: TreeCall;
  readonly isMissing: TreeCall;
}

type CallName = Exclude<keyof DirectCursorCalls, "transferBuffer" | "heap">;

const EXPORT_NAMES: Readonly<Record<CallName, string>> = {
  gotoFirstChild: "_ts_tree_cursor_goto_first_child_wasm",
  gotoNextSibling: "_ts_tree_cursor_goto_next_sibling_wasm",
  gotoParent: "_ts_tree_cursor_goto_parent_wasm",
  typeId: "_ts_tree_cursor_current_node_type_id_wasm",
  startIndex: "_ts_tree_cursor_start_index_wasm",
  endIndex: "_ts_tree_cursor_end_index_wasm",
  fieldId: "_ts_tree_cursor_current_field_id_wasm",
  isMissing: "_ts_tree_cursor_current_node_is_missing_wasm",
};

function exportedCall(module: object, name: string): TreeCall | undefined {
  const value: unknown = Reflect.get(module, name);
  // Called as a plain function: emscripten exports do not use `this`.
  return typeof value === "function" ? (value as TreeCall) : undefined;
}

/** The direct calls, if the initialised emscripten module has every one of them. */
export function directCursorCalls(module: object): DirectCursorCalls | undefined {
  // `_ts_init` only writes the two language-version words into the buffer and returns it.
  const init = exportedCall(module, "_ts_init");
  const transferBuffer = init?.(0);
  if (transferBuffer === undefined || !Number.isInteger(transferBuffer) || transferBuffer <= 0 || transferBuffer % 4 !== 0) return undefined;
  const heap = (): Int32Array | undefined => {
    const value: unknown = Reflect.get(module, "HEAP32");
    return value instanceof Int32Array ? value : undefined;
  };
  if (heap() === undefined) return undefined;
  const calls: Partial<Record<CallName, TreeCall>> = {};
  for (const [key, name] of Object.entries(EXPORT_NAMES) as [CallName, string][]) {
    const call = exportedCall(module, name);
    if (call === undefined) return undefined;
    calls[key] = call;
  }
  const { gotoFirstChild, gotoNextSibling, gotoParent, typeId, startIndex, endIndex, fieldId, isMissing } = calls;
  if (!gotoFirstChild || !gotoNextSibling || !gotoParent || !typeId || !startIndex || !endIndex || !fieldId || !isMissing) return undefined;
  return { transferBuffer, heap, gotoFirstChild, gotoNextSibling, gotoParent, typeId, startIndex, endIndex, fieldId, isMissing };
}

/** The address web-tree-sitter keeps in `tree[0]`, if it is there. */
function treeAddress(tree: Tree): number | undefined {
  const value: unknown = Reflect.get(tree, 0);
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

const CURSOR_WORDS = [0, 1, 2, 3] as const;

/** The cursor words in the transfer buffer, or undefined if the buffer is not where expected. */
function transferredCursor(calls: DirectCursorCalls): number[] | undefined {
  const heap = calls.heap();
  const first = calls.transferBuffer / 4;
  if (heap === undefined || first + CURSOR_WORDS.length > heap.length) return undefined;
  return CURSOR_WORDS.map((word) => heap[first + word] ?? 0);
}

export interface DirectCursor extends CursorReader {
  /** Writes the cursor's state back into the public cursor; call before `delete()`. */
  finish(): void;
}

/**
 * A reader calling the wasm functions directly, for a cursor just created on `tree`, or
 * undefined when the direct calls do not see the same first node as the public cursor
 * (the check also writes the cursor into the transfer buffer the direct calls read).
 */
export function directCursorReader(calls: DirectCursorCalls, tree: Tree, cursor: TreeCursor): DirectCursor | undefined {
  const address = treeAddress(tree);
  if (address === undefined) return undefined;
  const typeId = cursor.nodeTypeId;
  const words = transferredCursor(calls);
  if (words === undefined || CURSOR_WORDS.some((word) => Reflect.get(cursor, word) !== words[word])) return undefined;
  const startIndex = cursor.startIndex;
  const endIndex = cursor.endIndex;
  if (calls.typeId(address) !== typeId || calls.startIndex(address) !== startIndex || calls.endIndex(address) !== endIndex) return undefined;
  return {
    finish: () => {
      const final = transferredCursor(calls);
      if (final === undefined) throw new Error("web-tree-sitter's transfer buffer moved during a tree walk");
      for (const word of CURSOR_WORDS) Reflect.set(cursor, word, final[word]);
    },
    gotoFirstChild: () => calls.gotoFirstChild(address) === 1,
    gotoNextSibling: () => calls.gotoNextSibling(address) === 1,
    gotoParent: () => calls.gotoParent(address) === 1,
    typeId: () => calls.typeId(address),
    startIndex: () => calls.startIndex(address),
    endIndex: () => calls.endIndex(address),
    fieldId: () => calls.fieldId(address),
    isMissing: () => calls.isMissing(address) === 1,
  };
}
