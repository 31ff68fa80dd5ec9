// The notebook as a plain script: its code cells in order, with IPython syntax neutralised
// exactly as the verify harness does it (buildHarnessInput: magics and shell lines blanked,
// `%%bash`-like cells left out). The harness's IPython stand-ins give the script `display`
// and `get_ipython`, and its seeding gives it the same random state as a verify run.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { NotebookModel } from "../../src/core/notebook/notebookModel";
import { buildHarnessInput } from "../../src/core/verify/harnessInput";
import type { ProjectManifest } from "../../src/core/verify/projectManifest";
import { HARNESS_FILES } from "../../src/core/verify/runtime/harnessSource";

// The script's own folder (holding the harness modules) is sys.path[0]; the notebook's
// folder, where it runs, is added as a kernel started there would have it.
const PRELUDE = [
  "import os",
  "import sys",
  "sys.path.insert(1, os.getcwd())",
  "import nb2prod_ipython_stub",
  "import nb2prod_seed",
  "nb2prod_ipython_stub.install(globals())",
  "nb2prod_seed.seed_global_random_state()",
].join("\n");

/** Writes `script.py` and the harness modules it imports into `folder`; returns the script's path. */
export function writeNotebookScript(notebook: NotebookModel, manifest: ProjectManifest, projectDir: string, folder: string): string {
  for (const [name, text] of HARNESS_FILES) writeFileSync(join(folder, name), text);
  const cells = buildHarnessInput(notebook, manifest, folder, projectDir).cells.map((cell) =>
    cell.skip === undefined ? `# cell ${cell.number}\n${cell.source}` : `# cell ${cell.number} is not run: ${cell.skip}`,
  );
  const script = join(folder, "script.py");
  writeFileSync(script, `${PRELUDE}\n\n${cells.join("\n\n")}\n`);
  return script;
}
