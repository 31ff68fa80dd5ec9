// Percent scripts (`# %%` cells) → NotebookModel, as Jupytext and VS Code write them.
//  - Markers: `# %%`, `#%%`, `# %% Title`, `# %% [markdown]` / `[md]` / `[raw]`, with
//    `key=value` metadata (`tags=["parameters"]`); also Jupytext's legacy `# <codecell>`
//    and `# In[3]:`. A marker inside a triple-quoted string is not a marker.
//  - Markdown and raw cells are commented (`# text`) or one triple-quoted string.
//  - Jupytext's file header (a `#!` line, a coding line, and the `# ---` YAML block with
//    the notebook's Jupyter metadata) is skipped: a .py script's kernel is Python anyway.
//  - Text before the first marker is a code cell unless it is blank.
//  - The blank lines that separate cells are not part of them.
import { readTags } from "./cellMetadata";
import { cellIdAllocator } from "./cellIds";
import { uncommentMagics } from "./escapedMagics";
import type { NotebookCellModel, NotebookModel } from "./notebookModel";
import { parsePercentCellOptions } from "./percentCellOptions";
import type { PercentCellOptions } from "./percentCellOptions";
import { linesStartingInString } from "./pythonQuotes";
import { skipScriptHeader } from "./scriptHeader";

const MARKER_WITH_OPTIONS = /^\s*#\s*%%(%*)\s(.*)$/;
const BARE_MARKER = /^\s*#\s*(%%|<codecell>|In\[[0-9 ]*\]:?)\s*$/;

interface Chunk {
  /** The marker's options, or undefined for the text before the first marker. */
  readonly options: PercentCellOptions | undefined;
  readonly lines: readonly string[];
}

type CellDraft = Pick<NotebookCellModel, "kind" | "source" | "metadata">;

export function readPercentScript(text: string, origin: string): NotebookModel {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const drafts = splitIntoChunks(lines.slice(skipScriptHeader(lines))).flatMap(toDraft);
  const allocate = cellIdAllocator([]);
  const cells = drafts.map(
    (draft, index): NotebookCellModel => ({
      ...draft,
      id: allocate(undefined, draft.source),
      index,
      language: draft.kind === "code" ? "python" : draft.kind,
      tags: readTags(draft.metadata),
      executionCount: null,
    }),
  );
  return { origin, language: "python", cells };
}

function markerOptions(line: string): PercentCellOptions | undefined {
  if (BARE_MARKER.test(line)) return { kind: "code", metadata: {} };
  if (!MARKER_WITH_OPTIONS.test(line)) return undefined;
  const uncommented = line.replace(/^# ?/, "");
  return parsePercentCellOptions(uncommented.slice(uncommented.indexOf("%%") + 2));
}

function splitIntoChunks(lines: readonly string[]): Chunk[] {
  const quoted = linesStartingInString(lines);
  const chunks: Chunk[] = [];
  let current: { options: PercentCellOptions | undefined; lines: string[] } = { options: undefined, lines: [] };
  lines.forEach((line, index) => {
    const options = quoted[index] === true ? undefined : markerOptions(line);
    if (options === undefined) {
      current.lines.push(line);
      return;
    }
    chunks.push(current);
    current = { options, lines: [] };
  });
  chunks.push(current);
  return chunks;
}

function toDraft(chunk: Chunk): CellDraft[] {
  const lines = withoutTrailingBlankLines(chunk.lines);
  if (chunk.options === undefined) {
    const start = lines.findIndex((line) => line.trim() !== "");
    return start < 0 ? [] : [{ kind: "code", source: uncommentMagics(lines.slice(start)).join("\n"), metadata: {} }];
  }
  const { kind, metadata } = chunk.options;
  const source = kind === "code" ? uncommentMagics(lines) : textCellLines(lines);
  return [{ kind, source: source.join("\n"), metadata }];
}

function withoutTrailingBlankLines(lines: readonly string[]): readonly string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]?.trim() === "") end -= 1;
  return lines.slice(0, end);
}

/** A markdown or raw cell: one triple-quoted string, or lines commented with `#`. */
function textCellLines(lines: readonly string[]): string[] {
  const content = lines.join("\n").trim();
  for (const left of ['"""', "'''", 'r"""', "r'''", 'R"""', "R'''"]) {
    const right = left.slice(-3);
    if (content.startsWith(left) && content.endsWith(right) && content.length >= left.length + right.length) {
      return content.slice(left.length, -right.length).replace(/^\n/, "").replace(/\n$/, "").split("\n");
    }
  }
  return lines.map((line) => (line.startsWith("# ") ? line.slice(2) : line.startsWith("#") ? line.slice(1) : line));
}
