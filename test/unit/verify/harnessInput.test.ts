import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import { buildHarnessInput, lastCellOfSteps } from "../../../src/core/verify/harnessInput";
import { checkManifestMatchesNotebook } from "../../../src/core/verify/manifestMatch";
import { VerifySetupError } from "../../../src/core/verify/verifySetupError";
import { codeCell, sampleManifest, sampleNotebook } from "./verifySamples";

describe("harness input", () => {
  const input = buildHarnessInput(sampleNotebook, sampleManifest(), "/tmp/scratch", "/work/project");

  it("lists the code cells only, numbered among all cells as in 'cell N'", () => {
    assert.deepEqual(input.cells.map((cell) => [cell.number, cell.id]), [[2, "load"], [3, "features"], [5, "train"]]);
  });

  it("blanks IPython-only lines, keeping the cell's line numbers", () => {
    const [load, , train] = input.cells;
    assert.equal(load?.source, "\nimport pandas as pd\ndf = pd.read_csv('data.csv')");
    assert.equal(train?.source, "\nmodel = fit(X, y, alpha)");
  });

  it("captures each step's outputs after its last cell in notebook order", () => {
    const manifest = sampleManifest();
    const [load, features, train] = manifest.steps;
    assert.ok(load && features && train);
    const steps = [load, { ...features, cellIds: ["train", "features"], outputs: ["X", "y"] }];
    const cells = buildHarnessInput(sampleNotebook, { ...manifest, steps }, "/s", "/p").cells;
    assert.deepEqual(cells.map((cell) => cell.captureAfter), [[{ step: "load", outputs: ["df"], reports: [], files: [] }], [], [{ step: "features", outputs: ["X", "y"], reports: [], files: [] }]]);
    assert.deepEqual([...lastCellOfSteps(sampleNotebook, steps)].map(([step, cell]) => [step, cell.id]), [["load", "load"], ["features", "train"]]);
  });

  it("marks each step's first cell in notebook order, where the random state is seeded again", () => {
    const manifest = sampleManifest();
    const [load, features] = manifest.steps;
    assert.ok(load && features);
    const steps = [load, { ...features, cellIds: ["train", "features"], outputs: ["X", "y"] }];
    const cells = buildHarnessInput(sampleNotebook, { ...manifest, steps }, "/s", "/p").cells;
    assert.deepEqual(cells.map((cell) => [cell.id, cell.startsStep]), [["load", true], ["features", true], ["train", false]]);
  });

  it("points the pipeline at <project>/src and <project>/params.yaml, and the results at the scratch folder", () => {
    assert.deepEqual(input.project, { srcDir: "/work/project/src", paramsFile: "/work/project/params.yaml" });
    assert.equal(input.scratchDir, "/tmp/scratch");
    assert.deepEqual(input.tolerance, { rtol: 1e-6, atol: 1e-9 });
  });

  it("does not run cells whose body is not Python, and says why", () => {
    const notebook: NotebookModel = {
      ...sampleNotebook,
      cells: [codeCell(0, "sh", "%%bash\nls data"), codeCell(1, "r", "x <- 1", "r"), codeCell(2, "py", "x = 1")],
    };
    const cells = buildHarnessInput(notebook, sampleManifest(), "/s", "/p").cells;
    assert.deepEqual(cells.map((cell) => cell.skip), ["its %%bash body is not Python", "it is a r cell", undefined]);
    assert.equal(cells[0]?.source, "");
  });
});

describe("manifest against notebook", () => {
  it("accepts a manifest whose cells are the notebook's code cells", () => {
    assert.doesNotThrow(() => {
      checkManifestMatchesNotebook(sampleNotebook, sampleManifest());
    });
  });

  const cases: readonly (readonly [string, (notebook: NotebookModel) => NotebookModel, RegExp])[] = [
    ["a cell the notebook no longer has", (nb) => ({ ...nb, cells: nb.cells.filter((cell) => cell.id !== "features") }), /step "features" names cell id "features", which \/work\/nb\/sample\.ipynb does not have\. The notebook has changed/],
    ["a markdown cell", (nb) => ({ ...nb, cells: nb.cells.map((cell) => (cell.id === "train" ? { ...cell, kind: "markdown" as const } : cell)) }), /step "train" names cell 5 \(id train\), which is a markdown cell/],
    ["a notebook in another language", (nb) => ({ ...nb, language: "r" }), /sample\.ipynb is a r notebook\. nb2prod verify runs Python notebooks only/],
  ];
  for (const [what, change, expected] of cases) {
    it(`refuses to start when the manifest names ${what}`, () => {
      assert.throws(() => {
        checkManifestMatchesNotebook(change(sampleNotebook), sampleManifest());
      }, (error: unknown) => error instanceof VerifySetupError && expected.test(error.message));
    });
  }
});
