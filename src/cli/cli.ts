// Argument handling kept apart from process I/O so tests can call it directly.
import packageJson from "../../package.json";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

const HELP = `nb2prod ${packageJson.version}: turn a Jupyter notebook into a tested production pipeline.

Usage:
  nb2prod <command> [options]

Options:
  -h, --help       Show this help and exit.
  -v, --version    Print the version and exit.

Commands are added as capabilities land; run "nb2prod --help" to see them.
`;

export function runCli(argv: readonly string[], io: CliIo): number {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    if (rest.length > 0 && first !== "help") return usageError(io, `unexpected argument "${rest[0] ?? ""}"`);
    io.out(HELP);
    return EXIT_OK;
  }
  if (first === "-v" || first === "--version") {
    io.out(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  if (first.startsWith("-")) return usageError(io, `unknown option "${first}"`);
  return usageError(io, `unknown command "${first}"`);
}

function usageError(io: CliIo, problem: string): number {
  io.err(`nb2prod: ${problem}. Run "nb2prod --help" for usage.\n`);
  return EXIT_USAGE;
}
