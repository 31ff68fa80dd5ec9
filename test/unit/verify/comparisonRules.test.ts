// The harness's comparison rules on a table of values (python/comparison_cases.py runs
// them in the test venv, through pickling and loading as verify does): what counts as
// equal, and what the diff summary says when it is not.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { comparedOutputSchema } from "../../../src/core/verify/harnessResults";
import { FIFTEEN_MINUTES, runtimeDir, testPython } from "./verifyTestFiles";

// The harness's own outcome schema, plus the loaded type the case script adds.
const outcomeSchema = comparedOutputSchema.extend({ type: z.string().optional() });

const EXPECTED: readonly (readonly [string, string, RegExp?])[] = [
  ["float within tolerance", "equal"],
  ["float vs numpy float", "equal"],
  ["nan vs nan", "equal"],
  ["function vs same local function", "equal"],
  ["function vs local function with another signature", "different", /noise/],
  ["inf vs inf", "equal"],
  ["inf vs -inf", "different", /inf vs -inf/],
  ["float beyond tolerance", "different", /^1 vs 1\.001 \(abs diff 0\.001\)$/],
  ["array equal within tolerance", "equal"],
  ["array value differs", "different", /^max abs diff 0\.3 at \[1, 2\] \(6 vs 6\.3\); 1 of 12 values differ$/],
  ["array nan mismatch", "different", /^NaN mismatch at \[0, 1\] \(1 vs nan\); 1 of 12 values differ$/],
  ["array shape differs", "different", /^shape differs: \(3, 4\) vs \(2, 4\)$/],
  ["array dtype kind differs", "different", /^dtype differs: float64 vs int64$/],
  ["array float32 vs float64", "equal"],
  ["array of strings differs", "different", /^first difference at \[1\] \('b' vs 'c'\); 1 of 2 values differ$/],
  ["frame equal", "equal"],
  ["frame value differs", "different", /^max abs diff 1 at row 'z', column 'b' \(6 vs 7\); 1 of 6 values differ$/],
  ["frame columns differ", "different", /^columns differ: \['a', 'b'\] vs \['a'\]$/],
  ["frame dtype differs", "different", /dtype.*float64.*int64/],
  ["series value differs", "different", /^max abs diff 1 at index 'z' \(6 vs 7\); 1 of 3 values differ$/],
  ["estimator equal", "equal"],
  ["estimator fitted differently", "different", /^value\.coef_: max abs diff 0\.03 at \[2\] /],
  ["estimator params differ", "different", /^value\.alpha: 1 vs 2 /],
  ["grid search equal but for its timings", "equal"],
  ["grid search over other values", "different", /^value\.param_grid\['alpha'\]\[1\]: 1 vs 2/],
  ["kd-tree queried more often", "equal"],
  ["kd-tree over other data", "different", /^value\._fit_X: max abs diff/],
  ["sklearn pipeline equal", "equal"],
  ["nested containers differ", "different", /^value\['a'\]\[2\]\['x'\]: max abs diff 1 at \[0\]/],
  ["dict keys differ", "different", /^keys differ: only in the pipeline: 'b'$/],
  ["list vs tuple", "different", /^type differs: builtins\.list vs builtins\.tuple$/],
  ["sets differ", "different", /^only in the notebook: 1; only in the pipeline: 3$/],
  ["random states equal", "equal"],
  ["figure", "not-compared", /^matplotlib\.figure\.Figure is a display object/],
  ["array of axes", "not-compared", /^numpy\.ndarray of matplotlib\.axes\.\S+ holds display objects/],
  ["generator", "not-comparable", /^the notebook's value: it cannot be pickled \(TypeError: cannot pickle 'generator' object\)$/],
  ["missing in notebook", "different", /^the notebook has no variable 'value' after cell 3$/],
  ["notebook class equal", "equal"],
  ["notebook class differs", "different", /^\.factor: 2 vs 3/],
];

describe("comparison rules of the verify harness", { timeout: FIFTEEN_MINUTES }, () => {
  const scratch = mkdtempSync(join(tmpdir(), "nb2prod-compare-"));
  let outcomes = new Map<string, z.infer<typeof outcomeSchema>>();

  before(async () => {
    const { python } = await testPython();
    const script = join(__dirname, "..", "..", "..", "..", "test", "unit", "verify", "python", "comparison_cases.py");
    const result = spawnSync(python, [script, runtimeDir, scratch], { encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", MPLBACKEND: "Agg" } });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    outcomes = new Map(Object.entries(z.record(z.string(), outcomeSchema).parse(JSON.parse(result.stdout))));
  });

  after(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it("covers every case the script runs", () => {
    assert.deepEqual([...outcomes.keys()].sort(), EXPECTED.map(([name]) => name).sort());
  });

  for (const [name, status, detail] of EXPECTED) {
    it(`${name}: ${status}`, () => {
      const outcome = outcomes.get(name);
      assert.equal(outcome?.status, status, JSON.stringify(outcome));
      if (detail !== undefined) assert.match(outcome.detail, detail);
      else assert.equal(outcome.detail, "");
    });
  }

  it("loads an object of a class the notebook defined as a stand-in with the class's name", () => {
    assert.equal(outcomes.get("notebook class equal")?.type, "Scaler");
  });
});
