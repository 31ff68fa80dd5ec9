// Before anything runs: can the chosen interpreter be started, and is it Python 3.9+?
import type { ProcessRunner } from "../ports";
import { VerifySetupError } from "./verifySetupError";

const MINIMUM = [3, 9] as const;
const PROBE = "import sys; print('%d.%d.%d' % sys.version_info[:3])";
const CHOOSE =
  "Pass the path of a Python 3.9+ interpreter that has the notebook's packages installed (nb2prod verify --python <exe>, or the nb2prod.pythonInterpreter setting).";

function why(code: string): string {
  if (code === "ENOENT") return "no such file or command";
  if (code === "EACCES") return "it is not an executable file";
  return code;
}

/** The interpreter's version (`3.11.7`); throws a VerifySetupError saying what to do when it cannot be used. */
export async function probePython(runner: ProcessRunner, python: string): Promise<string> {
  const result = await runner.run(python, ["-c", PROBE], { timeoutMs: 60_000 });
  if (result.startError !== undefined) throw new VerifySetupError(`Cannot run the Python interpreter "${python}" (${why(result.startError.code)})`, CHOOSE);
  const version = result.stdout.trim();
  const match = /^(\d+)\.(\d+)\.\d+$/.exec(version);
  if (result.exitCode !== 0 || match === null) {
    const last = result.stderr.trim().split("\n").pop() ?? "";
    throw new VerifySetupError(`"${python}" does not run as a Python interpreter${last === "" ? "" : ` (${last})`}`, CHOOSE);
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major < MINIMUM[0] || (major === MINIMUM[0] && minor < MINIMUM[1])) {
    throw new VerifySetupError(`"${python}" is Python ${version}; nb2prod verify needs ${MINIMUM.join(".")} or newer`, CHOOSE);
  }
  return version;
}
