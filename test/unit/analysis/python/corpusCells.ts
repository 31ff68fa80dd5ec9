// Code cells of every .ipynb under some folders, read with JSON.parse directly (the
// differential test does not depend on the notebook readers under test elsewhere).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface CorpusSource {
  /** Prefix of the cell ids: `corpus`, `fixtures`. */
  readonly label: string;
  readonly dir: string;
}

export interface CorpusCell {
  /** `<label>/<notebook path in dir>#<cell index>` */
  readonly id: string;
  readonly source: string;
}

export interface SkippedNotebook {
  readonly path: string;
  readonly reason: string;
}

function notebooksUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return notebooksUnder(path);
      return name.endsWith(".ipynb") ? [path] : [];
    });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sourceText(source: unknown): string | undefined {
  if (typeof source === "string") return source;
  if (Array.isArray(source) && source.every((line) => typeof line === "string")) return source.join("");
  return undefined;
}

function kernelLanguage(notebook: Record<string, unknown>): string | undefined {
  const metadata = isRecord(notebook.metadata) ? notebook.metadata : {};
  const kernel = isRecord(metadata.kernelspec) ? metadata.kernelspec.language : undefined;
  const info = isRecord(metadata.language_info) ? metadata.language_info.name : undefined;
  const language = kernel ?? info;
  return typeof language === "string" ? language : undefined;
}

function cellsOf(path: string, idPrefix: string): CorpusCell[] | string {
  let notebook: unknown;
  try {
    notebook = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!isRecord(notebook) || !Array.isArray(notebook.cells)) return "no cells list";
  const language = kernelLanguage(notebook);
  if (language !== undefined && !/^i?python/i.test(language)) return `kernel language ${language}`;
  return notebook.cells.flatMap((cell: unknown, index) => {
    const source = isRecord(cell) && cell.cell_type === "code" ? sourceText(cell.source) : undefined;
    return source === undefined ? [] : [{ id: `${idPrefix}#${index}`, source }];
  });
}

/** Each notebook once, under the first source that holds it (a source may lie inside another). */
export function collectCorpusCells(sources: readonly CorpusSource[]): { cells: CorpusCell[]; skippedNotebooks: SkippedNotebook[] } {
  const cells: CorpusCell[] = [];
  const skippedNotebooks: SkippedNotebook[] = [];
  const seen = new Set<string>();
  for (const { label, dir } of sources) {
    for (const path of notebooksUnder(dir)) {
      if (seen.has(path)) continue;
      seen.add(path);
      const found = cellsOf(path, `${label}/${relative(dir, path)}`);
      if (typeof found === "string") skippedNotebooks.push({ path, reason: found });
      else cells.push(...found);
    }
  }
  return { cells, skippedNotebooks };
}
