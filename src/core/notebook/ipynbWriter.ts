// Changes the metadata of some cells of an .ipynb file and nothing else: every other
// byte (key order, indentation, line endings, the final newline, non-ASCII text, the
// outputs) stays as it was, so the diff a user reviews shows only what nb2prod changed.
// jsonc-parser's `modify` computes the minimal text edit for one JSON path.
import { isDeepStrictEqual } from "node:util";
import { applyEdits, modify } from "jsonc-parser";
import type { FormattingOptions } from "jsonc-parser";
import type { FileSystem } from "../ports";
import { readIpynb } from "./ipynbReader";
import { readNotebookText } from "./notebookReader";

export interface CellMetadataUpdate {
  /** The id {@link readIpynb} gives the cell. */
  readonly cellId: string;
  /** The cell's whole new metadata object. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A change nb2prod cannot make; the message names the notebook and says what to do. */
export class NotebookWriteError extends Error {
  override readonly name = "NotebookWriteError";

  constructor(
    readonly origin: string,
    problem: string,
    remedy: string,
  ) {
    super(`Cannot update ${origin}: ${problem}. ${remedy}`);
  }
}

/**
 * Returns `text` with the given cells' metadata replaced. The text must be a notebook
 * {@link readIpynb} accepts (it throws the same NotebookReadError otherwise). When one
 * cell is listed twice, the last update wins; an update that changes nothing edits nothing.
 */
export function setCellMetadata(text: string, changes: readonly CellMetadataUpdate[], origin = "notebook"): string {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const json = text.slice(bom.length);
  const cells = readIpynb(json, origin).cells;
  const updates = updatesByIndex(new Map(cells.map((cell) => [cell.id, cell.index])), changes, origin);
  const formattingOptions = formattingOf(json);
  let result = json;
  for (const [index, metadata] of updates) {
    if (isDeepStrictEqual(cells[index]?.metadata, metadata)) continue;
    result = applyEdits(result, modify(result, ["cells", index, "metadata"], metadata, { formattingOptions }));
  }
  return bom + result;
}

function updatesByIndex(
  indexById: ReadonlyMap<string, number>,
  changes: readonly CellMetadataUpdate[],
  origin: string,
): Map<number, Readonly<Record<string, unknown>>> {
  const updates = new Map<number, Readonly<Record<string, unknown>>>();
  for (const { cellId, metadata } of changes) {
    const index = indexById.get(cellId);
    if (index === undefined) {
      throw new NotebookWriteError(
        origin,
        `it has no cell with id "${cellId}"`,
        "The notebook may have changed since nb2prod read it: analyze it again and retry.",
      );
    }
    updates.set(index, metadata);
  }
  return updates;
}

/**
 * The file's own style for the new text: Jupyter indents by one space, VS Code keeps
 * whatever the file had (spaces or tabs). A one-line file stays compact (no options).
 */
function formattingOf(json: string): FormattingOptions | undefined {
  const indent = /^[^\n]*\n([ \t]+)\S/.exec(json)?.[1];
  if (indent === undefined) return undefined;
  const eol = json.includes("\r\n") ? "\r\n" : "\n";
  return indent.startsWith("\t")
    ? { insertSpaces: false, tabSize: 4, eol }
    : { insertSpaces: true, tabSize: indent.length, eol };
}

/** Reads the notebook at `path`, applies {@link setCellMetadata} and writes it back atomically. */
export async function writeCellMetadata(
  fs: FileSystem,
  path: string,
  changes: readonly CellMetadataUpdate[],
): Promise<void> {
  if (!path.toLowerCase().endsWith(".ipynb")) {
    throw new NotebookWriteError(
      path,
      "nb2prod writes cell metadata only to .ipynb notebooks",
      "Change the .ipynb notebook instead, or edit the script's # %% lines by hand.",
    );
  }
  const text = await readNotebookText(fs, path);
  const updated = setCellMetadata(text, changes, path);
  if (updated !== text) await fs.writeTextAtomic(path, updated);
}
