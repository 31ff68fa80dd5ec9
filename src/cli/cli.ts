// Argument handling kept apart from process I/O so tests can call it directly.
// Each subcommand lives in its own module under commands/ and is listed in COMMANDS.
import packageJson from "../../package.json";
import type { CliCommand, CliIo } from "./cliTypes";
import { EXIT_OK, EXIT_USAGE, UsageError } from "./cliTypes";
import { COMMANDS } from "./commands/registry";

function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const commands = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join("\n");
  return `nb2prod ${packageJson.version}: turn a Jupyter notebook into a tested production pipeline.

Usage:
  nb2prod <command> [options]
  nb2prod <command> --help

Commands:
${commands}

Options:
  -h, --help       Show this help and exit.
  -v, --version    Print the version and exit.
`;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return usageError(io, "missing command");
  if (first === "-h" || first === "--help" || first === "help") {
    if (rest.length > 0 && first !== "help") return usageError(io, `unexpected argument "${rest[0] ?? ""}"`);
    const topic = first === "help" ? findCommand(rest[0]) : undefined;
    io.out(topic === undefined ? helpText() : topic.usage);
    return EXIT_OK;
  }
  if (first === "-v" || first === "--version") {
    io.out(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  if (first.startsWith("-")) return usageError(io, `unknown option "${first}"`);
  const command = findCommand(first);
  if (command === undefined) return usageError(io, `unknown command "${first}"`);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message);
    throw error;
  }
}

function findCommand(name: string | undefined): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}

function usageError(io: CliIo, problem: string): number {
  io.err(`nb2prod: ${problem}. Run "nb2prod --help" for usage.\n`);
  return EXIT_USAGE;
}
