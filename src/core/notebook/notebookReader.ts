// A notebook file on disk → NotebookModel, choosing the reader by file extension.
import { extname } from "node:path";
import { FileNotFoundError } from "../ports";
import type { FileSystem } from "../ports";
import { readIpynb } from "./ipynbReader";
import type { NotebookModel } from "./notebookModel";
import { NotebookReadError } from "./notebookReadError";
import { readPercentScript } from "./percentReader";

const READERS = new Map<string, (text: string, origin: string) => NotebookModel>([
  [".ipynb", readIpynb],
  [".py", readPercentScript],
]);

export async function readNotebookFile(fs: FileSystem, path: string): Promise<NotebookModel> {
  const extension = extname(path).toLowerCase();
  const read = READERS.get(extension);
  if (read === undefined) {
    const kind = extension === "" ? "a file without an extension" : `a ${extension} file`;
    throw new NotebookReadError(
      path,
      `${kind} is not a notebook nb2prod reads`,
      "Open a Jupyter notebook (.ipynb) or a percent script (.py with # %% cells).",
    );
  }
  return read(await readNotebookText(fs, path), path);
}

/** The file's text; a missing or unreadable file is a NotebookReadError naming the path. */
export async function readNotebookText(fs: FileSystem, path: string): Promise<string> {
  let text: string;
  try {
    text = fs.readBytes === undefined ? await fs.readText(path) : strictUtf8(await fs.readBytes(path), path);
  } catch (error) {
    if (error instanceof NotebookReadError) throw error;
    if (error instanceof FileNotFoundError) {
      throw new NotebookReadError(path, "the file does not exist", "Check the path, or save the notebook first.", {
        cause: error,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new NotebookReadError(path, `the file cannot be read (${reason})`, "Check that it is a file you may read.", {
      cause: error,
    });
  }
  return text;
}

/** The bytes as UTF-8; invalid UTF-8 is an error naming its line, never silently replaced. */
function strictUtf8(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const line = lenient.slice(0, Math.max(lenient.indexOf("\ufffd"), 0)).split("\n").length;
    throw new NotebookReadError(path, `it is not valid UTF-8 text (line ${line} holds bytes that are not UTF-8)`, "Save it as UTF-8 (Jupyter always does), then try again.");
  }
}
