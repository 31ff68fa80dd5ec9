// nb2prod analyze <notebook> [--json]: what each cell defines, reads and changes, the
// def-use edges between cells, and hidden-state findings.
import { parseArgs } from "node:util";
import { analysisReportSchema, buildAnalysisReport, formatAnalysisReport } from "../../core/analysis/analysisReport";
import type { CliCommand, CliIo } from "../cliTypes";
import { reportInputErrors } from "./reportInputErrors";
import { EXIT_OK, UsageError } from "../cliTypes";
import { analyseNotebookFile } from "./cliNotebook";
import { parseCommandArgs } from "./parseCommandArgs";

const USAGE = `Usage: nb2prod analyze <notebook> [--json]

Analyses a notebook (.ipynb or # %% percent script) without running it: per code cell what it
defines, reads and changes in place, its imports, file reads and writes, magics and syntax
errors; the def-use edges between cells; and hidden-state findings.

Options:
  --json    Print the report as JSON (schema: nb2prod schema analysis).
`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    () => parseArgs({ args: [...args], options: { json: { type: "boolean", default: false } }, allowPositionals: true }),
  );
  const [path, extra] = positionals;
  if (path === undefined) throw new UsageError("analyze needs a notebook path");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  return reportInputErrors(io, async () => {
    const { notebook, cells, dataflow } = await analyseNotebookFile(path);
    const report = analysisReportSchema.parse(buildAnalysisReport(notebook, cells, dataflow));
    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatAnalysisReport(report));
    return EXIT_OK;
  });
}

export const analyzeCommand: CliCommand = {
  name: "analyze",
  summary: "Explain a notebook's data flow and flag hidden state (--json for tools).",
  usage: USAGE,
  run,
};
