// `nb2prod verify <notebook> --project <dir>`: proves a generated project computes what
// the notebook computed, step by step (src/core/verify).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { NodeFileSystem } from "../../core/nodeFileSystem";
import { formatVerifyReport } from "../../core/verify/formatVerifyReport";
import { NodeProcessRunner } from "../../core/nodeProcessRunner";
import { NodeScratchSpace } from "../../core/verify/nodeScratchSpace";
import { DEFAULT_VERIFY_TIMEOUT_MS, verifyProject } from "../../core/verify/verifyProject";
import type { VerifyRequest } from "../../core/verify/verifyProject";
import type { CliCommand, CliIo } from "../cliTypes";
import { reportInputErrors } from "./reportInputErrors";
import { EXIT_FAILURE, EXIT_OK, UsageError } from "../cliTypes";
import { parseCommandArgs } from "./parseCommandArgs";

const DEFAULT_PYTHON = process.platform === "win32" ? "python" : "python3";

const USAGE = `Usage: nb2prod verify <notebook> --project <dir> [--python <exe>] [--timeout <seconds>] [--json]

Runs the notebook's code cells in order, then the generated pipeline's step functions,
each in its own Python process started in the notebook's folder, and compares the
outputs of every step: arrays and frames by shape, dtype kind and values (rtol 1e-6,
atol 1e-9), fitted estimators by params and attributes; figures are not compared.
Nothing is written into the project; temporary files are removed at the end.

Options:
  --project <dir>      The generated project, the folder holding nb2prod.json (required).
  --python <exe>       Python interpreter with the notebook's packages (default: ${DEFAULT_PYTHON}).
  --timeout <seconds>  Stop everything after this long (default: ${DEFAULT_VERIFY_TIMEOUT_MS / 1000}).
  --json               Print the report as JSON (schemaVersion 1).
  -h, --help           Show this help.

Exit status: 0 when every step is equal or not comparable, 1 when a step differs or a
run failed, 2 on wrong usage.
`;

const OPTIONS = {
  project: { type: "string" },
  python: { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
} as const;

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_VERIFY_TIMEOUT_MS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout needs a positive number of seconds, not "${text}"`);
  return seconds * 1000;
}

interface VerifyArgs {
  readonly request: VerifyRequest;
  readonly json: boolean;
}

export function parseVerifyArgs(args: readonly string[]): VerifyArgs {
  const { values, positionals } = parseCommandArgs(() => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length === 0) throw new UsageError("verify needs the notebook to verify");
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1] ?? ""}"`);
  if (values.project === undefined || values.project === "") throw new UsageError("verify needs --project <dir>, the generated project");
  const request = {
    notebookPath: resolve(positionals[0] ?? ""),
    projectDir: resolve(values.project),
    python: values.python ?? DEFAULT_PYTHON,
    timeoutMs: parseTimeout(values.timeout),
  };
  return { request, json: values.json ?? false };
}

async function runVerify(args: readonly string[], io: CliIo): Promise<number> {
  const { request, json } = parseVerifyArgs(args);
  return reportInputErrors(io, async () => {
    const report = await verifyProject(request, { fs: new NodeFileSystem(), runner: new NodeProcessRunner(), scratch: new NodeScratchSpace() });
    io.out(json ? `${JSON.stringify(report, null, 2)}\n` : formatVerifyReport(report));
    return report.status === "equal" || report.status === "not-comparable" ? EXIT_OK : EXIT_FAILURE;
  });
}

export const verifyCommand: CliCommand = {
  name: "verify",
  summary: "Run the notebook and the generated pipeline, and compare every step's outputs.",
  usage: USAGE,
  run: runVerify,
};
