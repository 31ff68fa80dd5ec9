// Verify seeds the global random state of both runs alike before every step: a notebook
// that draws random numbers without a seed still verifies equal, also when a cell left out
// of the pipeline draws some between two steps, and the text report says it was seeded.
import * as assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { verifyCommand } from "../../../src/cli/commands/verifyCommand";
import { verifyReportSchema } from "../../../src/core/verify/verifyReport";
import { FIFTEEN_MINUTES, testPython } from "./verifyTestFiles";

const DRAW = "import numpy as np\nimport random\nnoise = np.random.rand(4)\npick = random.random()";
/** Left out of the pipeline (in no step), it moves the notebook's global random state on. */
const PEEK = "peek = np.random.rand(100)\nprint(peek.mean())";
const DRAW_MORE = "more = np.random.rand(3)";

function writeFixture(root: string): { notebook: string; project: string } {
  const notebook = join(root, "draw.ipynb");
  const cell = (id: string, source: string): object => ({ cell_type: "code", id, metadata: {}, execution_count: null, outputs: [], source });
  const cells = [cell("draw", DRAW), cell("peek", PEEK), cell("more", DRAW_MORE)];
  writeFileSync(notebook, JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }));
  const project = join(root, "project");
  mkdirSync(join(project, "src", "rand_pipeline", "steps"), { recursive: true });
  const manifest = {
    schemaVersion: 1,
    package: "rand_pipeline",
    notebook,
    steps: [
      { name: "draw", module: "rand_pipeline.steps.draw", function: "draw", cellIds: ["draw"], inputs: [], outputs: ["noise", "pick"] },
      { name: "draw_more", module: "rand_pipeline.steps.draw_more", function: "draw_more", cellIds: ["more"], inputs: [], outputs: ["more"] },
    ],
    params: {},
  };
  writeFileSync(join(project, "nb2prod.json"), JSON.stringify(manifest));
  writeFileSync(join(project, "params.yaml"), "{}\n");
  writeFileSync(join(project, "src", "rand_pipeline", "__init__.py"), "");
  writeFileSync(join(project, "src", "rand_pipeline", "steps", "__init__.py"), "");
  const step = [
    "import random",
    "from typing import Any, NamedTuple",
    "import numpy as np",
    "class DrawOutputs(NamedTuple):",
    "    noise: Any",
    "    pick: float",
    "def draw() -> DrawOutputs:",
    "    noise = np.random.rand(4)",
    "    pick = random.random()",
    "    return DrawOutputs(noise=noise, pick=pick)",
    "",
  ].join("\n");
  writeFileSync(join(project, "src", "rand_pipeline", "steps", "draw.py"), step);
  const drawMore = [
    "from typing import Any, NamedTuple",
    "import numpy as np",
    "class DrawMoreOutputs(NamedTuple):",
    "    more: Any",
    "def draw_more() -> DrawMoreOutputs:",
    "    more = np.random.rand(3)",
    "    return DrawMoreOutputs(more=more)",
    "",
  ].join("\n");
  writeFileSync(join(project, "src", "rand_pipeline", "steps", "draw_more.py"), drawMore);
  return { notebook, project };
}

describe("verify seeds unseeded randomness alike", { timeout: FIFTEEN_MINUTES }, () => {
  let python = "";
  let root = "";
  before(async () => {
    python = (await testPython()).python;
    root = mkdtempSync(join(tmpdir(), "nb2prod-seed-"));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("reports equal for random draws made without a seed, also after a left-out cell drew some, and says both runs were seeded", async () => {
    const { notebook, project } = writeFixture(root);
    let out = "";
    const io = { out: (text: string) => (out += text), err: () => undefined };
    const code = await verifyCommand.run([notebook, "--project", project, "--python", python, "--json"], io);
    const report = verifyReportSchema.parse(JSON.parse(out));
    assert.equal(code, 0, JSON.stringify(report.steps));
    assert.deepEqual(report.steps.map((entry) => [entry.name, entry.status]), [["draw", "equal"], ["draw_more", "equal"]]);

    let text = "";
    await verifyCommand.run([notebook, "--project", project, "--python", python], { out: (chunk: string) => (text += chunk), err: () => undefined });
    assert.match(text, /Both runs start every step from random seed 0/);
  });
});
