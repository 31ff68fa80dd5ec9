// Markdown headings mark step boundaries (soorgeon's convention, at any level): each code
// cell belongs to the section of the nearest heading above it.
import type { NotebookModel } from "../notebook/notebookModel";

export interface Section {
  /** Counts headings from the top of the notebook, so two headings with the same text stay apart. */
  readonly id: number;
  readonly title: string;
}

/** For each code cell, in order, the section it is in (undefined above the first heading). */
export function sectionsOfCodeCells(notebook: NotebookModel): (Section | undefined)[] {
  const sections: (Section | undefined)[] = [];
  let current: Section | undefined;
  let count = 0;
  for (const cell of notebook.cells) {
    if (cell.kind === "markdown") {
      const titles = markdownHeadings(cell.source);
      const title = titles[titles.length - 1];
      if (title !== undefined) {
        count += titles.length;
        current = { id: count, title };
      }
    } else if (cell.kind === "code") {
      sections.push(current);
    }
  }
  return sections;
}

const ATX = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const HTML_HEADING = /<h[1-6][^>]*>(.*?)<\/h[1-6]>/i;

/** Heading texts of a markdown cell, in order, as plain text. */
export function markdownHeadings(source: string): string[] {
  const found: string[] = [];
  let fenced = false;
  const lines = source.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced) return;
    const next = lines[index + 1];
    const text =
      ATX.exec(line)?.[1] ??
      HTML_HEADING.exec(line)?.[1] ??
      (line.trim() !== "" && next !== undefined && SETEXT_UNDERLINE.test(next) && !/^ {0,3}[-*+>]/.test(line) ? line : undefined);
    const plain = text === undefined ? "" : plainText(text);
    if (plain !== "") found.push(plain);
  });
  return found;
}

function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/[*`]/g, "")
    .replace(/(?<!\w)_+|_+(?!\w)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
