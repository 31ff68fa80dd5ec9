import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { distributionFor, mergeDependencies, pipInstallRequirements } from "../../../src/core/codegen/dependencies/dependencies";
import { probeInterpreterVersions } from "../../../src/core/codegen/dependencies/interpreterVersions";
import type { ProcessRunner } from "../../../src/core/ports";
import { pinDependencies } from "../../../src/core/codegen/dependencies/projectDependencies";
import type { GenerationWarning } from "../../../src/core/codegen/filePlan";

describe("import → distribution table", () => {
  const cases: [string, string | undefined][] = [
    ["sklearn.ensemble", "scikit-learn"],
    ["cv2", "opencv-python"],
    ["yaml", "pyyaml"],
    ["PIL.Image", "pillow"],
    ["google.cloud.bigquery", "google-cloud-bigquery"],
    ["pandas", "pandas"],
    ["statsmodels.formula.api", "statsmodels"],
    ["os.path", undefined],
    ["collections", undefined],
    ["__future__", undefined],
    [".helpers", undefined],
  ];
  for (const [module, expected] of cases) {
    it(`${module} → ${expected ?? "nothing to install"}`, () => {
      assert.equal(distributionFor(module), expected);
    });
  }
});

describe("pip install lines", () => {
  it("reads requirements, skipping options and their values", () => {
    const found = pipInstallRequirements("pip install -q --upgrade -r extra.txt 'scikit-learn>=1.2' xgboost==2.0.3 ./local_pkg");
    assert.deepEqual(found.map((dep) => [dep.name, dep.specifier]), [["scikit-learn", ">=1.2"], ["xgboost", "==2.0.3"]]);
  });

  it("ignores commands that are not installs", () => {
    assert.deepEqual(pipInstallRequirements("pip list"), []);
  });

  it("keeps one entry per distribution, preferring the one with a specifier", () => {
    const merged = mergeDependencies([{ name: "Scikit_Learn", reason: "import" }, { name: "scikit-learn", specifier: ">=1", reason: "pip-install" }, { name: "numpy", reason: "import" }]);
    assert.deepEqual(merged.map((dep) => `${dep.name}${dep.specifier ?? ""}`), ["numpy", "scikit-learn>=1"]);
  });
});

function fakeRunner(exitCode: number, stdout: string, stderr = ""): ProcessRunner & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    run: (program, args) => {
      calls.push([program, ...args]);
      return Promise.resolve({ exitCode, stdout, stderr, timedOut: false });
    },
  };
}

describe("pinning to the interpreter's versions", () => {
  it("asks the interpreter with importlib.metadata and pins what it has", async () => {
    const runner = fakeRunner(0, '{"python": "3.11.7", "packages": {"pandas": "1.5.3", "shap": null}}\n');
    const versions = await probeInterpreterVersions(runner, "/venv/bin/python", ["pandas", "shap"]);
    assert.ok(typeof versions !== "string");
    const [program, , probe] = runner.calls[0] ?? [];
    assert.equal(program, "/venv/bin/python");
    assert.match(probe ?? "", /importlib\.metadata/);
    const warnings: GenerationWarning[] = [];
    const pinned = pinDependencies([{ name: "pandas", reason: "import" }, { name: "shap", reason: "import" }, { name: "xgboost", specifier: ">=2", reason: "pip-install" }], versions, warnings);
    assert.deepEqual(pinned.map((dep) => `${dep.name}${dep.specifier}`), ["pandas==1.5.3", "shap", "xgboost>=2"]);
    assert.match(warnings[0]?.message ?? "", /unpinned.*not have them installed: shap/);
  });

  it("says why when the interpreter cannot be asked, and leaves everything unpinned with a warning", async () => {
    const versions = await probeInterpreterVersions(fakeRunner(127, "", "python9: not found"), "python9", ["pandas"]);
    assert.equal(versions, "python9 could not be asked for package versions (python9: not found)");
    const warnings: GenerationWarning[] = [];
    assert.deepEqual(pinDependencies([{ name: "pandas", reason: "import" }], undefined, warnings), [{ name: "pandas", specifier: "" }]);
    assert.match(warnings[0]?.message ?? "", /no interpreter could be asked/);
  });
});
