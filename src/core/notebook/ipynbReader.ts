// .ipynb text → NotebookModel. Reads nbformat 4.x; anything else, and any file that is
// not a well-formed notebook, is a NotebookReadError that says what to do, so a caller
// never gets a raw stack or half a model.
import type { z } from "zod";
import { readTags } from "./cellMetadata";
import { cellIdAllocator } from "./cellIds";
import type { IpynbCell, IpynbNotebook } from "./ipynbSchema";
import { ipynbNotebookSchema } from "./ipynbSchema";
import { parseJsonText } from "./jsonText";
import type { JsonSyntaxProblem } from "./jsonText";
import type { NotebookCellModel, NotebookModel } from "./notebookModel";
import { NotebookReadError } from "./notebookReadError";

const RESAVE = "Open the notebook in Jupyter or VS Code and save it again, or fix that field by hand.";

export function readIpynb(text: string, origin: string): NotebookModel {
  const notebook = parseNotebook(text, origin);
  const language = notebookLanguage(notebook);
  const allocate = cellIdAllocator(notebook.cells.map((cell) => cell.id));
  const cells = notebook.cells.map((cell, index) => {
    const source = typeof cell.source === "string" ? cell.source : cell.source.join("");
    return toCellModel(cell, { id: allocate(cell.id, source), index, source, language });
  });
  return { origin, language, cells };
}

function parseNotebook(text: string, origin: string): IpynbNotebook {
  // Python's json module rejects a byte order mark, but editors on Windows may add one.
  const json = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const reading = parseJsonText(json);
  if (!reading.ok) throw jsonError(json, reading.problem, origin);
  checkFormatVersion(reading.value, origin);
  const parsed = ipynbNotebookSchema.safeParse(reading.value);
  if (!parsed.success) throw schemaError(parsed.error, origin);
  return parsed.data;
}

function jsonError(text: string, problem: JsonSyntaxProblem, origin: string): NotebookReadError {
  if (text.trim() === "") {
    return new NotebookReadError(origin, "the file is empty", "Restore the notebook from version control or a backup.");
  }
  const lineText = text.split("\n")[problem.line - 1] ?? "";
  const conflict = /^(<{7}|={7}|>{7})( |$)/.test(lineText) ? " (an unresolved merge conflict)" : "";
  return new NotebookReadError(
    origin,
    `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}${conflict}`,
    "Fix the JSON there (interrupted saves and merge conflicts are the usual causes), or restore the file from version control.",
  );
}

function checkFormatVersion(value: unknown, origin: string): void {
  const version = typeof value === "object" && value !== null && "nbformat" in value ? value.nbformat : undefined;
  if (typeof version !== "number") {
    throw new NotebookReadError(
      origin,
      "it is not a Jupyter notebook (no nbformat version number)",
      "Check that this is the notebook you meant; nb2prod reads Jupyter notebooks in nbformat 4.",
    );
  }
  if (version < 4) {
    throw new NotebookReadError(
      origin,
      `it is in nbformat ${version}, an old format nb2prod does not read`,
      `Convert it with "jupyter nbconvert --to notebook --nbformat 4 --inplace ${origin}", or open it in Jupyter and save it.`,
    );
  }
  if (version > 4) {
    throw new NotebookReadError(
      origin,
      `it is in nbformat ${version}, newer than the nbformat 4 nb2prod reads`,
      "Save it as nbformat 4 (jupyter nbconvert --to notebook --nbformat 4), or update nb2prod.",
    );
  }
}

function schemaError(error: z.ZodError, origin: string): NotebookReadError {
  const issue = error.issues[0];
  // A bad cell_type is a problem of the whole cell; its message already names the field.
  const path = issue?.path.at(-1) === "cell_type" ? issue.path.slice(0, -1) : (issue?.path ?? []);
  const where = fieldName(path);
  const problem = issue?.message ?? "unexpected content";
  return new NotebookReadError(origin, `not a valid nbformat 4 notebook: ${where}${problem}`, RESAVE, { cause: error });
}

/** `["cells", 3, "source"]` → `cell 4, field "source": ` (cells counted from 1 as Jupyter shows them). */
function fieldName(path: readonly PropertyKey[]): string {
  const [first, second, ...rest] = path;
  if (first === "cells" && typeof second === "number") {
    return rest.length === 0 ? `cell ${second + 1}: ` : `cell ${second + 1}, field "${rest.map(String).join(".")}": `;
  }
  return path.length === 0 ? "" : `field "${path.map(String).join(".")}": `;
}

/** Lower-cased like VS Code's language ids, so models from a file and from the editor agree. */
function notebookLanguage(notebook: IpynbNotebook): string {
  const { kernelspec, language_info: languageInfo } = notebook.metadata;
  const language = kernelspec?.language ?? languageInfo?.name ?? "";
  return language.trim().toLowerCase() || "python";
}

interface CellPlacement {
  readonly id: string;
  readonly index: number;
  readonly source: string;
  readonly language: string;
}

function toCellModel(cell: IpynbCell, placement: CellPlacement): NotebookCellModel {
  const { id, index, source } = placement;
  const tags = readTags(cell.metadata);
  if (cell.cell_type !== "code") {
    return { id, index, kind: cell.cell_type, language: cell.cell_type, source, tags, executionCount: null, metadata: cell.metadata };
  }
  return { id, index, kind: "code", language: cellLanguage(cell, placement.language), source, tags, executionCount: cell.execution_count, metadata: cell.metadata };
}

/** VS Code records a code cell whose language differs from the kernel's in `metadata.vscode.languageId`. */
function cellLanguage(cell: IpynbCell, notebookLanguage: string): string {
  const vscode = cell.metadata.vscode;
  const languageId = typeof vscode === "object" && vscode !== null && "languageId" in vscode ? vscode.languageId : undefined;
  return typeof languageId === "string" && languageId !== "" ? languageId : notebookLanguage;
}
