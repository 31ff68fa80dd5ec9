// `nb2prod server start|status|stop [--workspace <dir>]`: the workspace's local Prefect
// server (src/core/runs/prefectServer.ts), the same one the editor starts and shows in its
// status bar. Pipelines run against it with PREFECT_API_URL set to the printed URL.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { prefectServerPaths, prefectServerStatus, PrefectServerError, startPrefectServer, stopPrefectServer } from "../../core/runs/prefectServer";
import type { PrefectServerStatus } from "../../core/runs/prefectServer";
import type { CliCommand, CliIo } from "../cliTypes";
import { EXIT_FAILURE, EXIT_OK, UsageError } from "../cliTypes";
import { parseCommandArgs } from "./parseCommandArgs";

const DEFAULT_PYTHON = process.platform === "win32" ? "python" : "python3";
const ACTIONS = ["start", "status", "stop"] as const;

const USAGE = `Usage: nb2prod server <start|status|stop> [--workspace <dir>] [--python <exe>] [--json]

The workspace's local Prefect server: \`prefect server start\` on 127.0.0.1 and a free
port, its SQLite database in <workspace>/.nb2prod/prefect/. The editor uses the same one.
  start    Start it, or reuse the one running; prints its API URL. Run a pipeline against
           it with PREFECT_API_URL=<that URL> python -m <package>.
  status   Whether it runs, and where.
  stop     Stop it (its whole process group).

Options:
  --workspace <dir>  The workspace folder (default: the current folder).
  --python <exe>     Interpreter with Prefect installed, for start (default: ${DEFAULT_PYTHON}).
  --json             Print the status as JSON.
  -h, --help         Show this help.

Exit status: 0 when it runs (start, status) or is stopped (stop), 1 when it does not
run (status) or cannot start, 2 on wrong usage.
`;

/** What --json prints: the CLI's output contract. */
export const serverStatusOutputSchema = z.object({
  state: z.enum(["running", "starting", "stopped"]),
  apiUrl: z.string().optional(),
  uiUrl: z.string().optional(),
  pid: z.number().int().optional(),
  home: z.string(),
  reason: z.string().optional(),
});

function statusOutput(status: PrefectServerStatus, workspaceDir: string): z.infer<typeof serverStatusOutputSchema> {
  const home = prefectServerPaths(workspaceDir).home;
  if (status.state === "stopped") return { state: "stopped", home, ...(status.reason === undefined ? {} : { reason: status.reason }) };
  return { state: status.state, apiUrl: status.server.apiUrl, pid: status.server.pid, home, ...(status.state === "running" ? { uiUrl: status.uiUrl } : {}) };
}

function describe(output: z.infer<typeof serverStatusOutputSchema>): string {
  if (output.state === "stopped") return `Prefect server: stopped${output.reason === undefined ? "" : ` (${output.reason})`}\n`;
  const lines = [`Prefect server: ${output.state} (pid ${output.pid ?? "?"})`, `  PREFECT_API_URL=${output.apiUrl ?? ""}`];
  if (output.uiUrl !== undefined) lines.push(`  UI: ${output.uiUrl}`);
  lines.push(`  data and log: ${output.home}`);
  return `${lines.join("\n")}\n`;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(() =>
    parseArgs({ args: [...args], options: { workspace: { type: "string" }, python: { type: "string" }, json: { type: "boolean" } }, allowPositionals: true, strict: true }),
  );
  const [action, extra] = positionals;
  if (action === undefined) throw new UsageError(`server needs an action: ${ACTIONS.join(", ")}`);
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action "${action}"; choose from ${ACTIONS.join(", ")}`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const workspaceDir = resolve(values.workspace ?? ".");
  const print = (status: PrefectServerStatus): void => {
    const output = statusOutput(status, workspaceDir);
    io.out(values.json === true ? `${JSON.stringify(serverStatusOutputSchema.parse(output), null, 2)}\n` : describe(output));
  };
  if (action === "status") {
    const status = await prefectServerStatus(workspaceDir);
    print(status);
    return status.state === "running" ? EXIT_OK : EXIT_FAILURE;
  }
  if (action === "stop") {
    const stopped = await stopPrefectServer(workspaceDir);
    if (values.json !== true) io.out(stopped ? "Prefect server stopped.\n" : "No Prefect server was running.\n");
    else print({ state: "stopped" });
    return EXIT_OK;
  }
  try {
    let announced = false;
    const status = await startPrefectServer({
      workspaceDir,
      python: values.python ?? DEFAULT_PYTHON,
      onWaiting: (seconds) => {
        if (!announced && seconds >= 1) {
          announced = true;
          io.err("Starting the Prefect server (10–60 s the first time)…\n");
        }
      },
    });
    print(status);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof PrefectServerError) {
      io.err(`nb2prod: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

export const serverCommand: CliCommand = {
  name: "server",
  summary: "Start, show or stop the workspace's local Prefect server (the one the editor uses).",
  usage: USAGE,
  run,
};
