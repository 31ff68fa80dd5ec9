// An .ipynb notebook written as a Jupytext-style percent script (`# %%` cells, markdown
// commented, magics escaped as `# %magic`), so the evaluations run percent scripts too.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

interface IpynbCell {
  readonly cell_type: string;
  readonly source: string | readonly string[];
  readonly metadata?: { readonly tags?: readonly string[] };
}

const MAGIC = /^(\s*)([%!])/;

export function percentScriptOf(ipynbText: string): string {
  const notebook = JSON.parse(ipynbText) as { cells: readonly IpynbCell[] };
  const chunks = notebook.cells.map((cell) => {
    const source = typeof cell.source === "string" ? cell.source : cell.source.join("");
    const lines = source.replace(/\n$/, "").split("\n");
    if (cell.cell_type === "markdown") return ["# %% [markdown]", ...lines.map((line) => (line === "" ? "#" : `# ${line}`))].join("\n");
    if (cell.cell_type !== "code") return ["# %% [raw]", ...lines.map((line) => `# ${line}`)].join("\n");
    const tags = cell.metadata?.tags ?? [];
    const marker = tags.length > 0 ? `# %% tags=${JSON.stringify(tags)}` : "# %%";
    return [marker, ...lines.map((line) => line.replace(MAGIC, "$1# $2"))].join("\n");
  });
  return `${chunks.join("\n\n")}\n`;
}

/** Writes `<dir>/<stem>.py` from `<notebook>.ipynb`; returns its path. */
export function writePercentScript(notebook: string, dir: string): string {
  const path = join(dir, `${basename(notebook, ".ipynb")}.py`);
  writeFileSync(path, percentScriptOf(readFileSync(notebook, "utf8")));
  return path;
}
