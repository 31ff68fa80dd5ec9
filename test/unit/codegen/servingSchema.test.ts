// serving_schema.py (issue 13): the served model's request row, from the training data's
// observed columns. Column names come from the notebook's data, so they are encoded as
// Python strings (aliases) and never break the module; the module passes ruff and mypy
// and pydantic takes a row by the columns' own names.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fieldNames, printServingSchemaModule, requestFieldType } from "../../../src/core/codegen/python/printers/servingSchemaPrinter";
import type { ServingInput } from "../../../src/core/codegen/python/structures";
import { ARTIFACTS_PY } from "../../../src/core/codegen/python/printers/artifactsSource";
import { LINEAGE_PY } from "../../../src/core/codegen/python/runtime/lineageSource";
import { RUN_HISTORY_PY } from "../../../src/core/codegen/python/runtime/runHistorySource";
import { SERVE_PY } from "../../../src/core/codegen/python/runtime/serveSource";
import { TRACKING_PY } from "../../../src/core/codegen/python/runtime/trackingSource";
import { ensurePythonEnv } from "./pythonEnvHandle";

const REGISTRATION = { step: "train", lastTraining: "train", models: [["train", "model"]] as [string, string][], examples: [["split", "X_train"]] as [string, string][] };
const AWKWARD = ["age", "my col", "class", "model_type", 'a"b\nc', "1st", "age ", "datetime", "naïve"];

function frameInput(columns: readonly string[]): ServingInput {
  const dtypes = ["float64", "int64", "object", "bool", "category", "float64", "datetime64[ns]", "float64", "int32"];
  return { step: "split", name: "X_train", data: { kind: "dataframe", columns: columns.map((name, index) => ({ name, dtype: dtypes[index % dtypes.length] ?? "float64", nulls: index === 0 })) } };
}

function python(executable: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(executable, args, { cwd, encoding: "utf8", env: { ...process.env, PYTHONPATH: cwd } });
  assert.equal(result.status, 0, `${args.join(" ")}\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

describe("serving_schema.py", () => {
  it("maps observed dtypes to request field types", () => {
    assert.deepEqual(["float64", "int64", "uint8", "Int64", "bool", "boolean", "datetime64[ns, UTC]", "object", "category", "string"].map(requestFieldType), ["float", "int", "int", "int", "bool", "bool", "datetime", "str", "str", "str"]);
  });

  it("gives every column a distinct Python field name that pydantic accepts", () => {
    const names = fieldNames(AWKWARD);
    assert.equal(new Set(names).size, AWKWARD.length);
    for (const name of names) assert.match(name, /^[A-Za-z_][A-Za-z0-9_]*$/);
    assert.ok(!names.some((name) => name.startsWith("model_")), names.join(", "));
    assert.deepEqual(names.slice(0, 3), ["age", "my_col", "class_"]);
  });

  describe("with Python", () => {
    let executable = "";
    let folder = "";
    before(async () => {
      executable = (await ensurePythonEnv()).python;
      folder = mkdtempSync(join(tmpdir(), "nb2prod-serving-schema-"));
    });

    it("takes rows by the columns' own names, casts them to the observed dtypes, and passes ruff and mypy --strict", () => {
      mkdirSync(join(folder, "typed"));
      writeFileSync(join(folder, "typed", "__init__.py"), "");
      writeFileSync(join(folder, "typed", "serving_schema.py"), printServingSchemaModule("nb.ipynb", "flow-name", REGISTRATION, frameInput(AWKWARD)));
      python(executable, ["-m", "ruff", "check", "--select", "E4,E7,E9,F,I", "typed"], folder);
      python(executable, ["-m", "mypy", "--strict", "--ignore-missing-imports", "typed"], folder);
      const script = [
        "import json",
        "from typed.serving_schema import COLUMNS, PredictRow, rows_to_input",
        `row = {"age": None, "my col": 3, "class": "x", "model_type": True, 'a"b\\nc': "red", "1st": 1.5, "age ": "2024-01-02T03:04:05", "datetime": 2.0, "naïve": 7}`,
        "frame = rows_to_input([PredictRow.model_validate(row)])",
        "print(json.dumps({'columns': list(frame.columns), 'dtypes': [str(t) for t in frame.dtypes]}))",
        "try:",
        "    PredictRow.model_validate({**row, 'unexpected': 1})",
        "except Exception as error:",
        "    print(type(error).__name__)",
      ].join("\n");
      const lines = python(executable, ["-c", script], folder).trim().split("\n");
      const shown = JSON.parse(lines[0] ?? "{}") as { columns: string[]; dtypes: string[] };
      assert.deepEqual(shown.columns, AWKWARD);
      assert.deepEqual(shown.dtypes, ["float64", "int64", "object", "bool", "category", "float64", "datetime64[ns]", "float64", "int32"]);
      assert.equal(lines[1], "ValidationError");
    });

    it("takes any row without a verify report, and arrays of the observed dtype with one", () => {
      for (const [name, input] of [["untyped", undefined], ["arrays", { step: "split", name: "X", data: { kind: "array", ndim: 2, dtype: "float64", nulls: false } }]] as const) {
        mkdirSync(join(folder, name));
        writeFileSync(join(folder, name, "__init__.py"), "");
        writeFileSync(join(folder, name, "serving_schema.py"), printServingSchemaModule("nb.ipynb", "flow-name", REGISTRATION, input));
        python(executable, ["-m", "ruff", "check", "--select", "E4,E7,E9,F,I", name], folder);
        python(executable, ["-m", "mypy", "--strict", "--ignore-missing-imports", name], folder);
        const script = `from ${name}.serving_schema import PredictRow, example_request, rows_to_input\nimport numpy as np\nprint(getattr(rows_to_input([PredictRow.model_validate([1, 2.5])]), "shape", None), example_request(np.arange(12.0).reshape(6, 2))["rows"][:2])`;
        assert.equal(python(executable, ["-c", script], folder).trim(), "(1, 2) [[0.0, 1.0], [2.0, 3.0]]", name);
      }
    });

    it("serves one value per row, and a list per row for models with several outputs (class probabilities)", () => {
      const pkg = join(folder, "served");
      mkdirSync(pkg);
      const modules: Record<string, string> = {
        "__init__.py": "",
        "artifacts.py": ARTIFACTS_PY,
        "lineage.py": LINEAGE_PY,
        "run_history.py": RUN_HISTORY_PY,
        "tracking.py": TRACKING_PY,
        "serve.py": SERVE_PY,
        "serving_schema.py": printServingSchemaModule("nb.ipynb", "flow-name", REGISTRATION, undefined),
      };
      for (const [file, text] of Object.entries(modules)) writeFileSync(join(pkg, file), text);
      const script = [
        "import json",
        "import time",
        "import numpy as np",
        "import pandas as pd",
        "from fastapi.testclient import TestClient",
        "from served.serve import LoadedModel, create_app",
        "class Model:",
        "    def __init__(self, answer):",
        "        self.answer = answer",
        "    def predict(self, data):",
        "        return self.answer",
        "answers = [np.array([0.25, 1.5]), np.array([[2.0], [3.0]]), np.array([[0.1, 0.9], [0.6, 0.4]]),",
        "           pd.DataFrame({'a': [1, 2], 'b': [3.5, np.nan]}), pd.Series(['x', 'y']), np.array([[1.0], [2.0], [3.0]])]",
        "for answer in answers:",
        "    with TestClient(create_app(lambda answer=answer: LoadedModel(Model(answer), '7'))) as client:",
        "        for _ in range(200):",
        "            if client.get('/ready').status_code == 200:",
        "                break",
        "            time.sleep(0.05)",
        "        response = client.post('/predict', json={'rows': [[1, 2], [3, 4]]})",
        "        print(response.status_code, json.dumps(response.json().get('predictions')))",
      ].join("\n");
      const lines = python(executable, ["-c", script], folder).trim().split("\n");
      assert.deepEqual(lines, ["200 [0.25, 1.5]", "200 [2.0, 3.0]", "200 [[0.1, 0.9], [0.6, 0.4]]", "200 [[1.0, 3.5], [2.0, null]]", '200 ["x", "y"]', "422 null"]);
    });
  });
});
