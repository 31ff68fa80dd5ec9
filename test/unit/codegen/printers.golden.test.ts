// Golden-text tests, one per printer: the printed text must equal the file under
// test/fixtures/codegen. After an intended change, regenerate them with
// UPDATE_GOLDEN=1 node --test out/test/unit/codegen/ and review the diff.
import * as assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { printCommonModule } from "../../../src/core/codegen/python/printers/commonPrinter";
import { conftestSource } from "../../../src/core/codegen/python/printers/conftestSource";
import { equivalenceTestSource } from "../../../src/core/codegen/python/printers/equivalenceTestSource";
import { printFlowModule } from "../../../src/core/codegen/python/printers/flowPrinter";
import { printMainModule } from "../../../src/core/codegen/python/printers/mainPrinter";
import { buildManifest } from "../../../src/core/codegen/python/printers/manifestPrinter";
import { printParamsModule, printParamsYaml } from "../../../src/core/codegen/python/printers/paramsPrinters";
import { printReadme, printWorkflow } from "../../../src/core/codegen/python/printers/projectDocs";
import { printPyproject } from "../../../src/core/codegen/python/printers/pyprojectPrinter";
import { printRunnerModule } from "../../../src/core/codegen/python/printers/runnerPrinter";
import { printStepModule } from "../../../src/core/codegen/python/printers/stepPrinter";
import { printStepTest } from "../../../src/core/codegen/python/printers/stepTestPrinter";
import { REPO_ROOT } from "./pythonEnvHandle";
import { dataChecksTestSource, printDataChecksModule } from "../../../src/core/codegen/python/printers/dataChecksSource";
import { loadStep, sampleDataChecks, sampleProject, sampleProjectWithDataChecks, trainStep } from "./sampleProject";

const GOLDEN_DIR = join(REPO_ROOT, "test", "fixtures", "codegen");
const tools = { dev: [{ name: "pytest", specifier: "==9.2.0" }], parquet: [{ name: "pyarrow", specifier: "" }], tracking: [{ name: "mlflow", specifier: "==3.17.2" }], serve: [{ name: "fastapi", specifier: "==0.150.0" }], dask: [{ name: "prefect-dask", specifier: "==0.3.7" }] };
const common = sampleProject.common;

const cases: [string, () => string][] = [
  ["step_load_data.py", () => printStepModule(loadStep, "sample")],
  ["step_train_model.py", () => printStepModule(trainStep, "sample")],
  ["common.py", () => (common === undefined ? "" : printCommonModule(common, "sample"))],
  ["params.yaml", () => printParamsYaml(sampleProject.params, "sample")],
  ["params.py", () => printParamsModule(sampleProject.params, "sample")],
  ["flow.py", () => printFlowModule(sampleProject)],
  ["runner.py", () => printRunnerModule(sampleProject)],
  ["main.py", () => printMainModule(sampleProject)],
  ["pyproject.toml", () => printPyproject(sampleProject, tools)],
  ["nb2prod.json", () => `${JSON.stringify(buildManifest(sampleProject, { c1: "1111111111111111", c2: "2222222222222222", c3: "3333333333333333" }, []), null, 2)}\n`],
  ["conftest.py", () => conftestSource("sample", sampleProject.dataFiles)],
  ["test_train_model.py", () => printStepTest(trainStep, "sample")],
  ["test_equivalence.py", () => equivalenceTestSource({ packageName: "sample" })],
  ["pipeline.yml", () => printWorkflow(sampleProject)],
  ["README.md", () => printReadme(sampleProject)],
  ["data_checks.py", () => printDataChecksModule(sampleDataChecks)],
  ["test_data_checks.py", () => dataChecksTestSource("sample", sampleDataChecks)],
  ["flow_with_data_checks.py", () => printFlowModule(sampleProjectWithDataChecks)],
  ["main_with_data_checks.py", () => printMainModule(sampleProjectWithDataChecks)],
  ["README_with_data_checks.md", () => printReadme(sampleProjectWithDataChecks)],
];

describe("printers (golden text)", () => {
  for (const [name, print] of cases) {
    it(`prints ${name} as in test/fixtures/codegen/${name}.golden`, () => {
      const path = join(GOLDEN_DIR, `${name}.golden`);
      const printed = print();
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, printed);
      assert.ok(existsSync(path), `missing golden file ${path}: run with UPDATE_GOLDEN=1 and review it`);
      assert.equal(printed, readFileSync(path, "utf8"));
    });
  }
});
