// The one place that decides which Python interpreter nb2prod runs: the
// nb2prod.pythonInterpreter setting, else the interpreter selected in the Python
// extension, else `python3`. Never a guessed path, and never in an untrusted workspace
// (a workspace's settings could name any program).
import * as vscode from "vscode";
import { z } from "zod";
import { NodeProcessRunner } from "../../core/nodeProcessRunner";
import { probePython } from "../../core/verify/pythonProbe";
import { VerifySetupError } from "../../core/verify/verifySetupError";
import { readSettings } from "../config";
import { UserFacingError } from "../commands/registerCommand";
import type { MessageAction } from "../commands/registerCommand";

const PYTHON_EXTENSION_ID = "ms-python.python";
export const MANAGE_TRUST: MessageAction = { title: "Manage Workspace Trust", command: "workbench.trust.manage" };
const FALLBACK = process.platform === "win32" ? "python" : "python3";

export interface PythonInterpreter {
  readonly executable: string;
  /** `3.11.7` */
  readonly version: string;
  /** Where the choice came from, for messages: "the nb2prod.pythonInterpreter setting". */
  readonly source: string;
}

/** The part of the Python extension's API used here (`@vscode/python-extension`), checked at runtime. */
const environmentApiSchema = z.object({
  environments: z.object({
    getActiveEnvironmentPath: z.custom<(resource?: vscode.Uri) => unknown>((value) => typeof value === "function"),
    resolveEnvironment: z.custom<(path: unknown) => Promise<unknown>>((value) => typeof value === "function"),
  }),
});
const resolvedEnvironmentSchema = z.object({ executable: z.object({ uri: z.custom<vscode.Uri>((value) => value instanceof vscode.Uri).optional() }) });

/** The executable of the Python extension's selected environment, if that extension is installed and says. */
async function pythonExtensionInterpreter(folder: vscode.Uri | undefined): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension(PYTHON_EXTENSION_ID);
  if (extension === undefined) return undefined;
  try {
    const api = environmentApiSchema.safeParse(await extension.activate());
    if (!api.success) return undefined;
    const environments = api.data.environments;
    const resolved = resolvedEnvironmentSchema.safeParse(await environments.resolveEnvironment(environments.getActiveEnvironmentPath(folder)));
    return resolved.success ? resolved.data.executable.uri?.fsPath : undefined;
  } catch {
    return undefined; // An API that changed shape or failed: fall back, the message names the fallback.
  }
}

async function chooseInterpreter(folder: vscode.Uri | undefined): Promise<{ executable: string; source: string }> {
  const configured = readSettings().settings.pythonInterpreter;
  if (configured !== "") return { executable: configured, source: "the nb2prod.pythonInterpreter setting" };
  const selected = await pythonExtensionInterpreter(folder);
  if (selected !== undefined) return { executable: selected, source: "the interpreter selected in the Python extension" };
  return { executable: FALLBACK, source: `the default (${FALLBACK}), since nb2prod.pythonInterpreter is empty and the Python extension named none` };
}

/**
 * The interpreter to run for `folder`, checked to start and to be Python 3.9+. Throws a
 * UserFacingError saying what to change when the workspace is untrusted or the
 * interpreter cannot be used.
 */
export async function resolvePythonInterpreter(folder: vscode.Uri | undefined): Promise<PythonInterpreter> {
  if (!vscode.workspace.isTrusted) {
    throw new UserFacingError(
      "nb2prod runs no Python interpreter in an untrusted workspace. Trust this folder (Workspaces: Manage Workspace Trust), then try again.",
      [MANAGE_TRUST],
    );
  }
  const { executable, source } = await chooseInterpreter(folder);
  try {
    return { executable, source, version: await probePython(new NodeProcessRunner(), executable) };
  } catch (error) {
    if (!(error instanceof VerifySetupError)) throw error;
    throw new UserFacingError(
      `${error.problem}; it comes from ${source}. Set nb2prod.pythonInterpreter to a Python 3.9+ interpreter that has the notebook's packages installed.`,
      [{ title: "Open Settings", command: "workbench.action.openSettings", args: ["nb2prod.pythonInterpreter"] }],
    );
  }
}
