// nb2prod plan <notebook> [--json]: the suggested pipeline steps, and why.
import { parseArgs } from "node:util";
import { formatPlan } from "../../core/planning/formatPlan";
import { splitPlanSchema } from "../../core/planning/splitPlan";
import { suggestPlan } from "../../core/planning/suggestSteps";
import { validatePlan } from "../../core/planning/validatePlan";
import type { CliCommand, CliIo } from "../cliTypes";
import { reportInputErrors } from "./reportInputErrors";
import { EXIT_FAILURE, EXIT_OK, UsageError } from "../cliTypes";
import { analyseNotebookFile } from "./cliNotebook";
import { parseCommandArgs } from "./parseCommandArgs";

const USAGE = `Usage: nb2prod plan <notebook> [--json]

Suggests how to split the notebook's cells into pipeline steps (ingestion, validation,
preprocessing, training, evaluation, registration, deployment), with the values passed
between steps, the parameters, the cells left out and the reason for each decision.
Explicit markers win: nb2prod cell metadata, Kale tags, papermill's parameters tag and
markdown headings. The same notebook always gives the same plan.

Options:
  --json    Print the plan as JSON (schema: nb2prod schema plan).
`;

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(() =>
    parseArgs({ args: [...args], options: { json: { type: "boolean", default: false } }, allowPositionals: true }),
  );
  const [path, extra] = positionals;
  if (path === undefined) throw new UsageError("plan needs a notebook path");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  return reportInputErrors(io, async () => {
    const { notebook, cells, dataflow } = await analyseNotebookFile(path);
    const plan = splitPlanSchema.parse(suggestPlan(notebook, cells, dataflow));
    const problems = validatePlan(plan, { notebook, analyses: cells, dataflow });
    io.out(values.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan, path));
    for (const problem of problems) io.err(`nb2prod: plan problem (${problem.kind}): ${problem.message}\n`);
    return problems.length === 0 ? EXIT_OK : EXIT_FAILURE;
  });
}

export const planCommand: CliCommand = {
  name: "plan",
  summary: "Suggest pipeline steps for a notebook, explained (--json for tools).",
  usage: USAGE,
  run,
};
