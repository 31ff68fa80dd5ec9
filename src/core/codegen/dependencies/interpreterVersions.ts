// Asks the chosen interpreter which versions of the project's dependencies it has, so the
// generated pyproject.toml pins what the notebook actually ran with.
import { z } from "zod";
import type { ProcessRunner } from "../../ports";

export interface InterpreterVersions {
  /** `3.11.7` */
  readonly python: string;
  /** Distribution name (as asked) → installed version; missing when not installed. */
  readonly packages: ReadonlyMap<string, string>;
}

const PROBE = [
  "import importlib.metadata as m, json, platform, sys",
  "def v(n):",
  "    try:",
  "        return m.version(n)",
  "    except m.PackageNotFoundError:",
  "        return None",
  "print(json.dumps({'python': platform.python_version(), 'packages': {n: v(n) for n in sys.argv[1:]}}))",
].join("\n");

const probeOutput = z.object({ python: z.string(), packages: z.record(z.string(), z.string().nullable()) });

/** The versions, or a sentence saying why they could not be had. */
export async function probeInterpreterVersions(
  runner: ProcessRunner,
  python: string,
  distributions: readonly string[],
): Promise<InterpreterVersions | string> {
  const result = await runner.run(python, ["-c", PROBE, ...distributions], { timeoutMs: 60_000 });
  if (result.exitCode !== 0) {
    const reason = result.stderr.trim().split("\n").pop() ?? "";
    return `${python} could not be asked for package versions${reason === "" ? "" : ` (${reason})`}`;
  }
  const parsed = probeOutput.safeParse(safeJson(result.stdout));
  if (!parsed.success) return `${python} answered the version probe with unexpected output`;
  const packages = new Map<string, string>();
  for (const [name, version] of Object.entries(parsed.data.packages)) if (version !== null) packages.set(name, version);
  return { python: parsed.data.python, packages };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text.trim().split("\n").pop() ?? "");
  } catch {
    return undefined;
  }
}
