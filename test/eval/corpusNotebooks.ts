// The notebooks the evaluations and benchmarks run end to end (the corpus notebooks
// marked runs_offline=yes in PROVENANCE.tsv, then examples/), and generating a project
// from one through the real `nb2prod generate` command. Shared by `npm run
// eval:generate` and `npm run bench pipelineOverhead`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { generateCommand } from "../../src/cli/commands/generateCommand";
import { corpusDir } from "../corpus";

export { corpusDir };

export function offlineCorpusNotebooks(repoRoot: string): string[] {
  const corpus = corpusDir(repoRoot);
  const [header, ...lines] = readFileSync(join(corpus, "PROVENANCE.tsv"), "utf8").trim().split("\n");
  const columns = (header ?? "").split("\t");
  const file = columns.indexOf("file");
  const offline = columns.indexOf("runs_offline");
  return lines.map((line) => line.split("\t")).filter((cells) => cells[offline] === "yes").map((cells) => join(corpus, cells[file] ?? ""));
}

export function exampleNotebooks(repoRoot: string): string[] {
  const dir = join(repoRoot, "examples");
  return readdirSync(dir).filter((name) => name.endsWith(".ipynb")).sort().map((name) => join(dir, name));
}

/** Generates the project; returns undefined on success, else the first lines of what the command said. */
export async function generateProject(notebook: string, out: string, python: string): Promise<string | undefined> {
  let output = "";
  const io = { out: (text: string) => (output += text), err: (text: string) => (output += text) };
  const code = await generateCommand.run([notebook, "--out", out, "--python", python], io);
  return code === 0 ? undefined : output.trim().split("\n").slice(0, 3).join(" | ");
}
