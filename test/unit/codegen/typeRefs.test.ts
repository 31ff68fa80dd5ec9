import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { observedToHint, resolveTypeHint } from "../../../src/core/codegen/python/typeRefs";

describe("type hints", () => {
  it("resolve to an annotation and the import it needs", () => {
    assert.deepEqual(resolveTypeHint("pandas.DataFrame"), { annotation: "pd.DataFrame", imports: [{ module: "pandas", alias: "pd" }], runtimeClass: { module: "pandas", name: "DataFrame" } });
    assert.equal(resolveTypeHint("sklearn.linear_model.Ridge").annotation, "Ridge");
    assert.equal(resolveTypeHint("list").annotation, "list[Any]");
    assert.equal(resolveTypeHint("list[list[int]]").annotation, "list[list[int]]");
  });

  it("are Any with the reason when nothing is known or the hint is not a class path", () => {
    assert.equal(resolveTypeHint(undefined).annotation, "Any");
    assert.match(resolveTypeHint(undefined).unknownBecause ?? "", /not known statically/);
    assert.match(resolveTypeHint("Callable[..., int]").unknownBecause ?? "", /not an importable class/);
  });

  it("turn observed runtime types into public, checkable names", () => {
    const local = new Set(["Scaler"]);
    const cases: [string, string | undefined][] = [
      ["pandas.core.frame.DataFrame", "pandas.DataFrame"],
      ["sklearn.ensemble._forest.RandomForestClassifier", "sklearn.ensemble.RandomForestClassifier"],
      ["builtins.float", "float"],
      ["numpy.float64", "float"],
      ["numpy.int64", "numpy.integer"],
      ["numpy.bool_", "numpy.bool_"],
      ["__main__.Scaler", "pkg.common.Scaler"],
      ["__main__.Other", undefined],
      ["mod._private._Hidden", undefined],
    ];
    for (const [observed, expected] of cases) assert.equal(observedToHint(observed, local, "pkg.common"), expected, observed);
  });
});
