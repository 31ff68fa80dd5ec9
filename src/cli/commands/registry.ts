import type { CliCommand } from "../cliTypes";
import { analyzeCommand } from "./analyzeCommand";
import { driftCommand } from "./driftCommand";
import { generateCommand } from "./generateCommand";
import { planCommand } from "./planCommand";
import { schemaCommand } from "./schemaCommand";
import { serverCommand } from "./serverCommand";
import { verifyCommand } from "./verifyCommand";

/** Every CLI subcommand, in the order `nb2prod --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [analyzeCommand, planCommand, generateCommand, verifyCommand, driftCommand, serverCommand, schemaCommand];
