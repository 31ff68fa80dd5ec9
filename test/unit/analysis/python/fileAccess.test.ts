import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FileAccess } from "../../../../src/core/analysis/cellAnalysis";
import { IO_RULES } from "../../../../src/core/analysis/python/ioRules";
import type { IoRule } from "../../../../src/core/analysis/python/ioRules";
import { useParser } from "./parserFixture";

interface IoCase {
  readonly rule: string;
  readonly source: string;
  readonly reads: readonly FileAccess[];
  readonly writes: readonly FileAccess[];
}

const file = (path: string, call: string, line = 1): FileAccess => ({ path, call, line });

const CASES: readonly IoCase[] = [
  { rule: "pd.read_csv with a literal path", source: 'df = pd.read_csv("data/train.csv")', reads: [file("data/train.csv", "pd.read_csv")], writes: [] },
  { rule: "path given by keyword", source: 'df = pd.read_parquet(engine="pyarrow", path="x.parquet")', reads: [file("x.parquet", "pd.read_parquet")], writes: [] },
  { rule: "a path in a variable is not literal", source: "df = pd.read_csv(DATA)\ndf.to_csv(out_path)", reads: [], writes: [] },
  { rule: "f-strings with fields are not literal, plain ones are", source: 'a = pd.read_csv(f"{root}/a.csv")\nb = pd.read_csv(f"b.csv")', reads: [file("b.csv", "pd.read_csv", 2)], writes: [] },
  { rule: "os.path.join, Path and / of literals", source: 'a = np.load(os.path.join("data", "x.npy"))\nb = pd.read_csv(Path("data") / "y.csv")', reads: [file("data/x.npy", "np.load"), file("data/y.csv", "pd.read_csv", 2)], writes: [] },
  { rule: "to_csv / to_parquet / to_json on any expression", source: 'df.to_csv("a.csv")\ndf.head(10).to_parquet("b.parquet")\nres.to_json("c.json")', reads: [], writes: [file("a.csv", "df.to_csv"), file("b.parquet", "df.head(10).to_parquet", 2), file("c.json", "res.to_json", 3)] },
  { rule: "open by mode", source: 'r = open("a.txt")\nw = open("b.txt", "w")\na = open("c.txt", mode="ab")\nu = open("d.txt", "r+")', reads: [file("a.txt", "open"), file("d.txt", "open", 4)], writes: [file("b.txt", "open", 2), file("c.txt", "open", 3), file("d.txt", "open", 4)] },
  { rule: "pickle with open(...) and joblib", source: 'pickle.dump(model, open("m.pkl", "wb"))\nm = pickle.load(open("m.pkl", "rb"))\njoblib.dump(model, "m.joblib")\nm2 = joblib.load("m.joblib")', reads: [file("m.pkl", "open", 2), file("m.joblib", "joblib.load", 4)], writes: [file("m.pkl", "open"), file("m.joblib", "joblib.dump", 3)] },
  { rule: "with open(...) as f", source: 'with open("out.json", "w") as fh:\n    json.dump(result, fh)', reads: [], writes: [file("out.json", "open")] },
  { rule: "np.save wins over the .save method rule", source: 'np.save("arr.npy", a)\nmodel.save("model.keras")', reads: [], writes: [file("arr.npy", "np.save"), file("model.keras", "model.save", 2)] },
  { rule: "savefig on plt and on a figure", source: 'plt.savefig("fig.png")\nfig.savefig("fig2.svg", dpi=200)', reads: [], writes: [file("fig.png", "plt.savefig"), file("fig2.svg", "fig.savefig", 2)] },
  { rule: "raw strings keep backslashes, others are unescaped", source: 'a = pd.read_csv(r"C:\\data\\a.csv")\nb = pd.read_csv("tab\\\\b.csv")', reads: [file("C:\\data\\a.csv", "pd.read_csv"), file("tab\\b.csv", "pd.read_csv", 2)], writes: [] },
  { rule: "implicitly concatenated strings", source: 'df = pd.read_csv("data/" "x.csv")', reads: [file("data/x.csv", "pd.read_csv")], writes: [] },
  { rule: "file access inside a function body is recorded too", source: 'def load():\n    return pd.read_csv("raw.csv")', reads: [file("raw.csv", "pd.read_csv", 2)], writes: [] },
  { rule: "the line is the path's line", source: 'df = pd.read_csv(\n    "late.csv",\n)', reads: [file("late.csv", "pd.read_csv", 2)], writes: [] },
  { rule: "%run reads and %%writefile writes", source: "%run prep.py --fast", reads: [file("prep.py", "%run")], writes: [] },
  { rule: "%%writefile makes a file", source: "%%writefile -a src/train.py\nprint('hi')", reads: [], writes: [file("src/train.py", "%%writefile")] },
];

/** A call that should match `rule` with the path "p.dat". */
function callFor(rule: IoRule): string {
  const callee = rule.callee.startsWith(".") ? `obj${rule.callee}` : rule.callee;
  if (rule.path === "receiver") return `Path("p.dat")${rule.callee}()`;
  const args = [...Array.from({ length: rule.path.index }, () => "x"), '"p.dat"'];
  return `${callee}(${args.join(", ")})`;
}

describe("analyzePythonSource: fileReads and fileWrites", () => {
  const { analyze } = useParser();
  for (const testCase of CASES) {
    it(testCase.rule, () => {
      const analysis = analyze(testCase.source);
      assert.deepEqual({ reads: analysis.fileReads, writes: analysis.fileWrites }, { reads: testCase.reads, writes: testCase.writes });
    });
  }

  it("every rule in the I/O table is matched, with its direction", () => {
    const wrong = IO_RULES.flatMap((rule) => {
      const analysis = analyze(callFor(rule));
      const direction = rule.direction === "mode" ? (rule.mode?.defaultMode.includes("w") === true ? "write" : "read") : rule.direction;
      const found = (direction === "read" ? analysis.fileReads : analysis.fileWrites).some((access) => access.path === "p.dat");
      return found ? [] : [`${rule.callee} (${direction}): ${callFor(rule)}`];
    });
    assert.deepEqual(wrong, []);
  });
});
