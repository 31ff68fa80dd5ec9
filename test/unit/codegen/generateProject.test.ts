// The whole generation on real plans: the manifest honours verify's contract, every file
// carries its header, step signatures match the manifest, observed types refine hints,
// and notebooks with secrets, absolute paths and magics come out safe.
import * as assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildDataflow, executionCountsOf } from "../../../src/core/analysis/dataflow";
import { NotebookAnalyzer } from "../../../src/core/analysis/python/notebookAnalyzer";
import { PythonParser } from "../../../src/core/analysis/python/pythonParser";
import { parseHeader } from "../../../src/core/codegen/fileHeader";
import type { FilePlan } from "../../../src/core/codegen/filePlan";
import { generateProject } from "../../../src/core/codegen/generateProject";
import type { ObservedTypes } from "../../../src/core/codegen/python/buildProject";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import { readNotebookFile } from "../../../src/core/notebook/notebookReader";
import { suggestPlan } from "../../../src/core/planning/suggestSteps";
import { projectManifestSchema } from "../../../src/core/verify/projectManifest";
import { REPO_ROOT } from "./pythonEnvHandle";
import { exampleNotebook } from "../exampleNotebooks";

function notebookOf(sources: readonly string[]): NotebookModel {
  return {
    origin: "synthetic.ipynb",
    language: "python",
    cells: sources.map((source, index) => ({ id: `cell${index}`, index, kind: "code", language: "python", source, tags: [], executionCount: index + 1, metadata: {} })),
  };
}

describe("generateProject", () => {
  let parser: PythonParser | undefined;
  before(async () => {
    parser = await PythonParser.load(join(REPO_ROOT, "dist"));
  });
  after(() => parser?.dispose());

  function generate(notebook: NotebookModel, observedTypes?: ObservedTypes): FilePlan {
    if (parser === undefined) throw new Error("parser not loaded");
    const analyses = new NotebookAnalyzer(parser).analyze(notebook);
    const plan = suggestPlan(notebook, analyses, buildDataflow(analyses, executionCountsOf(notebook)));
    return generateProject({ notebook, notebookPath: notebook.origin, analyses, plan, parser, projectName: "demo", ...(observedTypes === undefined ? {} : { observedTypes }) });
  }

  const fileText = (plan: FilePlan, path: string): string => plan.files.find((file) => file.path === path)?.content ?? assert.fail(`no ${path}`);

  for (const example of ["iris_classifier", "diabetes_regression"] as const) {
    it(`writes a manifest verify accepts, matching the step functions, for examples/${example}.ipynb`, async () => {
      const notebook = await readNotebookFile(new NodeFileSystem(), exampleNotebook(example));
      const plan = generate(notebook);
      const manifest = projectManifestSchema.parse(JSON.parse(fileText(plan, "nb2prod.json")));
      assert.equal(manifest.package, plan.packageName);
      for (const step of manifest.steps) {
        const module = fileText(plan, `src/${plan.packageName}/steps/${step.name}.py`);
        const keywords = step.inputs.map((input) => ("param" in input ? input.param : input.name));
        const signature = new RegExp(`def ${step.function}\\(\\s*${keywords.map((keyword) => `${keyword}: [^,)]+,?\\s*`).join("")}\\)`);
        assert.match(module, signature);
        for (const output of step.outputs) assert.match(module, new RegExp(`\\n    ${output}: `));
        assert.doesNotMatch(module, /prefect/i);
      }
      for (const file of plan.files) assert.ok(parseHeader(file.content) !== undefined, `${file.path} has a header`);
    });
  }

  it("types an output from the plan's hint, from an observed type, and says why when it cannot", () => {
    const notebook = notebookOf([
      "from sklearn.linear_model import Ridge\nfrom sklearn.metrics import r2_score\nimport numpy as np",
      "model = Ridge()\nX = np.ones((4, 1)) * 2\nmodel.fit(X, [1, 2, 3, 4])",
      "pred = model.predict(X)\nr2 = r2_score([1, 2, 3, 4], pred)",
    ]);
    const plain = generate(notebook);
    const steps = plain.files.filter((file) => file.path.includes("/steps/") && !file.path.endsWith("__init__.py"));
    const all = steps.map((file) => file.content).join("\n");
    assert.match(all, /model: Ridge\n/);
    assert.match(all, /r2: float\n/);
    const manifest = projectManifestSchema.parse(JSON.parse(fileText(plain, "nb2prod.json")));
    const producer = manifest.steps.find((step) => step.outputs.includes("X"));
    assert.ok(producer !== undefined);
    assert.match(all, /X: Any {2}# not known statically/);
    const observed = generate(notebook, { [producer.name]: { X: "numpy.ndarray" } });
    assert.match(fileText(observed, `src/demo/steps/${producer.name}.py`), /X: np\.ndarray\n/);
  });

  it("returns a model a step fits and a list it fills even when no later step reads them", () => {
    const plan = generate(
      notebookOf([
        "from sklearn.linear_model import Ridge\nimport numpy as np",
        // Nothing scores the model here: a cell that also scored it would be divided, and X would pass to the scoring part.
        "X = np.ones((4, 1))\nmodel = Ridge()\nmodel.fit(X, [1, 2, 3, 4])\npath = []\nfor row in X:\n    path.append(row)",
      ]),
    );
    const manifest = projectManifestSchema.parse(JSON.parse(fileText(plan, "nb2prod.json")));
    const outputs = manifest.steps.flatMap((step) => step.outputs);
    assert.ok(outputs.includes("model"), `outputs: ${outputs.join(", ")}`);
    assert.ok(outputs.includes("path"), `outputs: ${outputs.join(", ")}`);
    // Read later in the step and never changed in place: a working value, not a result.
    assert.ok(!outputs.includes("X"), `outputs: ${outputs.join(", ")}`);
  });

  it("moves credentials to the environment and absolute paths to params, with warnings", () => {
    const plan = generate(notebookOf(['import pandas as pd\nAPI_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\ndf = pd.read_csv("/mnt/data/sales.csv")\ndf.to_csv("out.csv")']));
    const code = plan.files.filter((file) => file.path.startsWith("src/")).map((file) => file.content).join("\n");
    assert.doesNotMatch(code, /ghp_abcdefghij|\/mnt\/data/);
    assert.match(code, /API_TOKEN = read_secret\("API_TOKEN"\)/);
    assert.match(fileText(plan, "params.yaml"), /input_path: "\/mnt\/data\/sales.csv"/);
    assert.deepEqual(plan.warnings.map((warning) => warning.code).filter((code_) => code_ === "secret" || code_ === "absolute-path"), ["secret", "absolute-path"]);
  });

  it("lifts the notebook's functions into common.py and imports them where used", () => {
    const plan = generate(notebookOf(["import numpy as np\n\ndef scale(v):\n    return np.asarray(v) / 2", "values = scale([2, 4])\nvalues.sum()"]));
    assert.match(fileText(plan, "src/demo/common.py"), /import numpy as np\n\n\n# Cell cell0\ndef scale\(v\):/);
    assert.match(plan.files.filter((file) => file.path.includes("/steps/")).map((file) => file.content).join(""), /from demo\.common import scale/);
  });

  it("makes the notebook's own pip installs dependencies, even from a cell left out of the pipeline", () => {
    const plan = generate(notebookOf(["!pip install xgboost==2.0.3", "import numpy as np\nvalues = np.arange(3)\ntotal = values.sum()"]));
    assert.match(fileText(plan, "pyproject.toml"), /"xgboost==2\.0\.3",/);
    assert.match(fileText(plan, "pyproject.toml"), /"numpy",/);
  });

  it("generates a 200-cell notebook quickly (the time is printed, not asserted)", () => {
    const sources = ["import numpy as np\nimport pandas as pd"];
    for (let index = 1; index < 200; index += 1) sources.push(index % 10 === 1 ? `# Stage ${index}\nv${index} = np.arange(${index}) * v${index - 1}.sum() if ${index} > 1 else np.arange(3)` : `v${index} = v${index - 1} + ${index}\nprint(v${index}.mean())`);
    sources[1] = "v1 = np.arange(3)";
    const started = performance.now();
    const plan = generate(notebookOf(sources));
    console.log(`# generation of a 200-cell notebook (analysis + plan + codegen): ${(performance.now() - started).toFixed(0)} ms, ${plan.files.length} files`);
    assert.ok(plan.files.length > 10);
  });
});
