// The data checks: which step's data they cover, and data_checks.py as printed — names
// from the notebook only as encoded literals (checked by real Python and pandera).
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { buildDataChecks, dataCheckLibraries, dataCheckStep } from "../../../src/core/codegen/python/dataChecks";
import { arrayKind, dataChecksTestSource, panderaDtype, printDataChecksModule } from "../../../src/core/codegen/python/printers/dataChecksSource";
import type { DataCheckStructure, StepStructure } from "../../../src/core/codegen/python/structures";
import type { ObservedData } from "../../../src/core/verify/verifyReport";
import { loadStep, trainStep } from "./sampleProject";
import { ensurePythonEnv } from "./pythonEnvHandle";

const validateStep: StepStructure = { ...loadStep, name: "check_rows", stage: "validation", requiredOutputs: ["df", "labels"] };
const frame: ObservedData = { kind: "dataframe", columns: [{ name: "age", dtype: "float64", nulls: false }] };
const ODD_NAMES = ['it\'s "quoted"', "two\nlines", "back\\slash", "größe ±", "tab\there", "') ; import os #"];

describe("data check step", () => {
  it("is the first validation step before training, else the first ingestion step", () => {
    assert.equal(dataCheckStep([loadStep, validateStep, trainStep])?.name, "check_rows");
    assert.equal(dataCheckStep([loadStep, trainStep])?.name, "load_data");
  });

  it("is none when the only candidate comes after training or hands nothing on", () => {
    assert.equal(dataCheckStep([trainStep, validateStep]), undefined);
    assert.equal(dataCheckStep([{ ...loadStep, requiredOutputs: [] }, trainStep]), undefined);
  });

  it("covers the observed DataFrames, Series and arrays the step hands on, and nothing without observations", () => {
    const labels: ObservedData = { kind: "array", ndim: 1, dtype: "int64", nulls: false };
    const observed = { check_rows: { labels, df: frame, unused: frame } };
    const checks = buildDataChecks([loadStep, validateStep, trainStep], observed);
    assert.ok(checks !== undefined);
    assert.deepEqual(checks.values.map((value) => value.name), ["df", "labels"]);
    assert.equal(checks.after, "check_rows");
    assert.equal(buildDataChecks([loadStep, validateStep, trainStep], {}), undefined);
    assert.equal(buildDataChecks([loadStep, validateStep, trainStep], { load_data: { df: frame } }), undefined);
  });
});

describe("data_checks.py", () => {
  it("checks dtypes pandera knows, leaves others unchecked, and maps array dtypes to numpy kinds", () => {
    assert.equal(panderaDtype("float64"), '"float64"');
    assert.equal(panderaDtype("datetime64[ns, UTC]"), '"datetime64[ns, UTC]"');
    assert.equal(panderaDtype("Sparse[float64, nan]"), "None");
    assert.equal(panderaDtype('object")'), "None");
    assert.deepEqual(["float32", "int8", "uint64", "bool", "complex128", "<U3", "object"].map(arrayKind), ["f", "i", "u", "b", "c", "", ""]);
  });

  it("imports pandera only for frames and series, numpy only for arrays", () => {
    const arrays: DataCheckStructure = { after: "load_data", values: [{ name: "X", data: { kind: "array", ndim: 2, dtype: "float64", nulls: true } }] };
    const printed = printDataChecksModule(arrays);
    assert.doesNotMatch(printed, /pandera|pandas/);
    assert.match(printed, /"X": ArraySpec\(ndim=2, kinds="f", nan_allowed=True\),/);
    assert.deepEqual(dataCheckLibraries(arrays), { pandera: false, numpy: true });
    assert.deepEqual(dataCheckLibraries({ after: "s", values: [{ name: "y", data: { kind: "series", dtype: "int64", nulls: false } }] }), { pandera: true, numpy: false });
  });

  it("encodes odd column names as string literals that Python and pandera read back exactly", async () => {
    const columns = ODD_NAMES.map((name, index) => ({ name, dtype: index % 2 === 0 ? "float64" : "object", nulls: index === 1 }));
    const checks: DataCheckStructure = {
      after: "check_rows",
      values: [
        { name: "df", data: { kind: "dataframe", columns } },
        { name: "labels", data: { kind: "series", dtype: "int64", nulls: false } },
        { name: "matrix", data: { kind: "array", ndim: 2, dtype: "float64", nulls: false } },
      ],
    };
    const source = printDataChecksModule(checks);
    // Quotes, backslashes and line breaks are escaped; the rest (non-ASCII, punctuation) is safe inside the literal.
    for (const name of ODD_NAMES.filter((odd) => /["\\\n\t]/.test(odd))) assert.ok(!source.includes(name), `raw name pasted: ${JSON.stringify(name)}`);
    const { python } = await ensurePythonEnv();
    const probe = `
import json, sys, types
module = sys.modules["data_checks"] = types.ModuleType("data_checks")
exec(compile(sys.stdin.read(), "data_checks.py", "exec"), module.__dict__)
schema = module.FRAME_SCHEMAS["df"]
print(json.dumps({
    "columns": [[name, str(column.dtype), column.nullable] for name, column in schema.columns.items()],
    "checked": list(module.CHECKED_VALUES),
    "series": str(module.SERIES_SCHEMAS["labels"].dtype),
}))
`;
    const run = spawnSync(python, ["-c", probe], { input: source, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const read = JSON.parse(run.stdout) as { columns: [string, string, boolean][]; checked: string[]; series: string };
    assert.deepEqual(read.columns, columns.map((column) => [column.name, column.dtype, column.nulls]));
    assert.deepEqual(read.checked, ["df", "labels", "matrix"]);
    assert.equal(read.series, "int64");
  });

  it("keeps the notebook's asserted ranges, and a value outside one fails with the check and the value found", async () => {
    const checks = buildDataChecks([loadStep, validateStep, trainStep], { check_rows: { df: frame } }, (step) => (step.name === "check_rows" ? 'assert df["age"].between(0, 120).all()\nassert df["gone"].min() >= 0' : ""));
    if (checks === undefined) return assert.fail("no data checks");
    assert.deepEqual(checks.values[0]?.ranges, [{ column: "age", kind: "in_range", min: 0, max: 120 }]);
    const { python } = await ensurePythonEnv();
    const probe = `
import sys, types
import pandas as pd
module = sys.modules["data_checks"] = types.ModuleType("data_checks")
exec(compile(sys.stdin.read(), "data_checks.py", "exec"), module.__dict__)
print("; ".join(check.describe() for check in module.check_data({"df": pd.DataFrame({"age": [1.0, 150.0]})}) if not check.passed))
`;
    const run = spawnSync(python, ["-c", probe], { input: printDataChecksModule(checks), encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), "df['age']: in_range(0, 120) failed (150.0 at index 1)");
  });

  it("names the broken column in the generated tests as an encoded literal, nulls put in a float column", () => {
    const columns = [{ name: "label", dtype: "object", nulls: false }, { name: "größe\n\"x\"", dtype: "float64", nulls: false }];
    const test = dataChecksTestSource("pkg", { after: "check_rows", values: [{ name: "df", data: { kind: "dataframe", columns } }] });
    assert.match(test, /^COLUMN = "label"$/m);
    assert.match(test, /^OTHER_DTYPE = "category"$/m);
    assert.match(test, /^NON_NULLABLE = "größe\\n\\"x\\""$/m);
    assert.match(test, /^from pkg\.steps\.check_rows import check_rows$/m);
    assert.doesNotMatch(test, /ARRAY =/);
  });
});
