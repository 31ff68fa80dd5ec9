// `nb2prod drift <notebook> --project <dir>`: which steps and files of a generated
// project no longer match the notebook's cells, from the headers generation wrote.
// Runs no Python.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkDrift } from "../../core/codegen/drift";
import { formatDriftReport } from "../../core/codegen/formatDriftReport";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { readNotebookFile } from "../../core/notebook/notebookReader";
import type { CliCommand, CliIo } from "../cliTypes";
import { EXIT_FAILURE, EXIT_OK, UsageError } from "../cliTypes";
import { parseCommandArgs } from "./parseCommandArgs";
import { reportInputErrors } from "./reportInputErrors";

const USAGE = `Usage: nb2prod drift <notebook> --project <dir> [--json]

Compares a generated project with the notebook it came from, without running anything:
each generated file's header names its cells and a hash of their sources, and of the
file's own text. Reports the steps whose cells changed (stale) or were deleted (cells
missing), and the files you edited since generation.

Options:
  --project <dir>  The generated project, the folder holding nb2prod.json (required).
  --json           Print the report as JSON (schemaVersion 1, \`nb2prod schema drift\`).
  -h, --help       Show this help.

Exit status: 0 when the project is in sync (files you edited do not count as drift),
1 when a step or file is out of date or the input cannot be read, 2 on wrong usage.
`;

const OPTIONS = { project: { type: "string" }, json: { type: "boolean" } } as const;

interface DriftArgs {
  readonly notebookPath: string;
  readonly projectDir: string;
  readonly json: boolean;
}

function parseDriftArgs(args: readonly string[]): DriftArgs {
  const { values, positionals } = parseCommandArgs(() => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
  const [notebook, extra] = positionals;
  if (notebook === undefined) throw new UsageError("drift needs the notebook the project was generated from");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (values.project === undefined || values.project === "") throw new UsageError("drift needs --project <dir>, the generated project");
  return { notebookPath: resolve(notebook), projectDir: resolve(values.project), json: values.json ?? false };
}

function runDrift(args: readonly string[], io: CliIo): Promise<number> {
  const { notebookPath, projectDir, json } = parseDriftArgs(args);
  return reportInputErrors(io, async () => {
    const fs = new NodeFileSystem();
    const report = await checkDrift(fs, await readNotebookFile(fs, notebookPath), projectDir);
    io.out(json ? `${JSON.stringify(report, null, 2)}\n` : formatDriftReport(report, "Run nb2prod generate again"));
    return report.status === "in-sync" ? EXIT_OK : EXIT_FAILURE;
  });
}

export const driftCommand: CliCommand = {
  name: "drift",
  summary: "Report the steps and files of a generated project that no longer match the notebook.",
  usage: USAGE,
  run: runDrift,
};
