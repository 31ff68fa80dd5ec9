import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { useParser } from "./parserFixture";

interface MutationCase {
  readonly rule: string;
  readonly source: string;
  readonly mutates: readonly { name: string; line: number }[];
}

const at = (name: string, line: number): { name: string; line: number } => ({ name, line });

const CASES: readonly MutationCase[] = [
  { rule: "attribute assignment", source: "model.n_estimators = 10", mutates: [at("model", 1)] },
  { rule: "item assignment", source: 'df["ratio"] = df.a / df.b', mutates: [at("df", 1)] },
  { rule: "chained .loc item assignment changes the frame", source: 'x = 1\ndf.loc[df.a > 0, "b"] = x', mutates: [at("df", 2)] },
  { rule: "nested items and attributes", source: "cfg.layers[0].units = 32\ngrid[i][j] = 0", mutates: [at("cfg", 1), at("grid", 2)] },
  { rule: "augmented item assignment", source: "counts[key] += 1", mutates: [at("counts", 1)] },
  { rule: "del of an item or attribute", source: "del cache[key]\ndel obj.attr", mutates: [at("cache", 1), at("obj", 2)] },
  { rule: "in-place list and dict methods", source: "xs.append(1)\nxs.extend(ys)\nd.update(e)\nxs.sort()\nitems.pop()\ns.clear()\nxs.insert(0, v)\nxs.remove(v)", mutates: [at("xs", 1), at("xs", 2), at("d", 3), at("xs", 4), at("items", 5), at("s", 6), at("xs", 7), at("xs", 8)] },
  { rule: "estimators change when fitted", source: "clf.fit(X, y)\nsgd.partial_fit(X, y)\nZ = scaler.fit_transform(X)", mutates: [at("clf", 1), at("sgd", 2), at("scaler", 3)] },
  { rule: "pandas inplace=True", source: 'df.dropna(inplace=True)\ndf["a"].fillna(0, inplace=True)\ndf.drop(columns=["c"], inplace=False)', mutates: [at("df", 1), at("df", 2)] },
  { rule: "np.random.shuffle and random.shuffle change their argument", source: "np.random.shuffle(idx)\nrandom.shuffle(rows)\nrng.shuffle(data[0])", mutates: [at("idx", 1), at("rows", 2), at("data", 3)] },
  { rule: "torch in-place methods end with an underscore", source: "w.add_(1)\nnn.init.zeros_(layer.weight)\nmodel._private_(1)", mutates: [at("w", 1), at("layer", 2)] },
  { rule: "setattr changes its first argument", source: 'setattr(cfg, "lr", 0.1)', mutates: [at("cfg", 1)] },
  { rule: "calls on modules change no notebook variable", source: "np.sort(a)\nsys.path.append(p)\nplt.rcParams.update(style)", mutates: [] },
  { rule: "modules imported by the cell are modules too", source: "import mylib\nmylib.registry.append(1)", mutates: [] },
  { rule: "a new object made by a call is not the variable", source: "df.copy()[0] = 1\nf(x).append(2)", mutates: [] },
  { rule: "rebinding is not mutation", source: "x = x + [1]\ny += 1\ndf = df.dropna()", mutates: [] },
  { rule: "changes inside a function body run later and are not recorded", source: "def add(v):\n    xs.append(v)\n    cfg.n = v", mutates: [] },
  { rule: "function-local names are not recorded", source: "def f():\n    local = []\n    local.append(1)", mutates: [] },
  { rule: "a top-level comprehension runs now", source: "[out.append(v) for v in values]", mutates: [at("out", 1)] },
  { rule: "comprehension variables are not top-level names", source: "[row.append(0) for row in table]", mutates: [] },
  { rule: "an annotation without value stores nothing", source: "cfg.lr: float", mutates: [] },
  { rule: "one entry per name and line", source: "xs.append(1); xs.append(2)", mutates: [at("xs", 1)] },
];

describe("analyzePythonSource: mutates", () => {
  const { analyze } = useParser();
  for (const testCase of CASES) {
    it(testCase.rule, () => {
      assert.deepEqual(analyze(testCase.source).mutates, testCase.mutates);
    });
  }
});
