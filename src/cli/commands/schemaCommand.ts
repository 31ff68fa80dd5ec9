// nb2prod schema <name>: the JSON Schema of each file format nb2prod reads or writes,
// exported from the zod schemas that validate them, for tools outside TypeScript.
import { z } from "zod";
import { analysisReportJsonSchema } from "../../core/analysis/analysisReport";
import { driftReportSchema } from "../../core/codegen/driftReport";
import { splitPlanJsonSchema } from "../../core/planning/splitPlan";
import { runEventJsonSchema } from "../../core/runs/runEvents";
import { projectManifestSchema } from "../../core/verify/projectManifest";
import { verifyReportSchema } from "../../core/verify/verifyReport";
import type { CliCommand, CliIo } from "../cliTypes";
import { EXIT_OK, UsageError } from "../cliTypes";

export const SCHEMAS: Readonly<Record<string, () => Record<string, unknown>>> = {
  analysis: analysisReportJsonSchema,
  plan: () => ({ ...splitPlanJsonSchema() }),
  "run-event": runEventJsonSchema,
  manifest: () => z.toJSONSchema(projectManifestSchema, { io: "input", unrepresentable: "any" }),
  "verify-report": () => z.toJSONSchema(verifyReportSchema, { unrepresentable: "any" }),
  drift: () => z.toJSONSchema(driftReportSchema),
};

const USAGE = `Usage: nb2prod schema <name>

Prints the JSON Schema of one of nb2prod's file formats: ${Object.keys(SCHEMAS).join(", ")}.
`;

function run(args: readonly string[], io: CliIo): Promise<number> {
  const [name, extra] = args;
  if (name === undefined) throw new UsageError(`schema needs a name: ${Object.keys(SCHEMAS).join(", ")}`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const schema = SCHEMAS[name];
  if (schema === undefined) throw new UsageError(`unknown schema "${name}"; choose from ${Object.keys(SCHEMAS).join(", ")}`);
  io.out(`${JSON.stringify(schema(), null, 2)}\n`);
  return Promise.resolve(EXIT_OK);
}

export const schemaCommand: CliCommand = {
  name: "schema",
  summary: "Print the JSON Schema of a file format (analysis, plan, run-event, manifest, verify-report, drift).",
  usage: USAGE,
  run,
};
