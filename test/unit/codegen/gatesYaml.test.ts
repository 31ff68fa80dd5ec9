// The gates section of params.yaml: bounds suggested from what verify observed in the
// notebook, 5% worse than the notebook's value, only for metrics whose direction the name
// tells; commented examples otherwise.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printParamsYaml } from "../../../src/core/codegen/python/printers/paramsPrinters";

const yaml = (metrics: readonly string[], observed: Record<string, number>): string =>
  printParamsYaml([], "demo", { metrics, observed: new Map(Object.entries(observed)), checkedAfter: "evaluate" });

describe("params.yaml gates section", () => {
  it("suggests a bound 5% worse than the notebook's value when verify observed it", () => {
    const text = yaml(["mae", "r2", "n_rows"], { mae: 45.4075, r2: 0.40123, n_rows: 442 });
    assert.match(text, /^gates:\n {2}mae: \{max: 47\.68\} {3}# the notebook's mae was 45\.4075 when verify ran\n {2}r2: \{min: 0\.3812\} {3}# the notebook's r2 was 0\.40123 when verify ran$/m);
    // A metric whose better direction the name does not tell stays an example.
    assert.match(text, /^# {3}n_rows: \{min: <lowest acceptable>, max: <highest acceptable>\}$/m);
    assert.match(text, /checked after step\n# evaluate and before any registration/);
  });

  it("sets no bound without observed values: an empty section and commented examples", () => {
    const text = yaml(["accuracy"], {});
    assert.match(text, /^gates: \{\}$/m);
    assert.match(text, /^# {3}accuracy: \{min: <lowest acceptable>\} {3}# higher is better$/m);
    assert.match(text, /--param gates\.accuracy\.min=0\.5/);
  });

  it("writes exponents PyYAML reads as numbers", () => {
    assert.match(yaml(["loss"], { loss: 2e-9 }), /loss: \{max: 2\.1e-9\}/);
    assert.match(yaml(["loss"], { loss: 3e25 }), /loss: \{max: 3\.15e\+25\}/);
  });

  it("names no metric that is not a plain identifier (the section is YAML and comments)", () => {
    const text = yaml(["ok", "bad: {min: 0}\nevil"], { ok: 1, "bad: {min: 0}\nevil": 1 });
    assert.doesNotMatch(text, /evil/);
  });
});

describe("params.yaml monitoring section", () => {
  it("holds the default drift thresholds, which monitoring.py reads, when asked for", () => {
    const text = printParamsYaml([], "demo", undefined, true);
    assert.match(text, /^monitoring:\n {2}psi_warning: 0\.1\n {2}psi_drift: 0\.25\n {2}ks_p_value: 0\.01\n {2}fail_on_drift: false$/m);
    assert.match(text, /--param monitoring\.fail_on_drift=true/);
    assert.doesNotMatch(printParamsYaml([], "demo"), /monitoring/);
  });
});
