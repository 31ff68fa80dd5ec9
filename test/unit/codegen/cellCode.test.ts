// What a notebook cell becomes in a generated module: displays, prints, magics, secrets,
// absolute paths and ruff-sensitive lines, read off the syntax tree.
import * as assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PythonParser } from "../../../src/core/analysis/python/pythonParser";
import type { CellCode } from "../../../src/core/codegen/python/cells/readCellCode";
import { readCellCode } from "../../../src/core/codegen/python/cells/readCellCode";
import { LiteralRegistry } from "../../../src/core/codegen/python/literalRegistry";
import { REPO_ROOT } from "./pythonEnvHandle";

describe("readCellCode", () => {
  let parser: PythonParser | undefined;
  before(async () => {
    parser = await PythonParser.load(join(REPO_ROOT, "dist"));
  });
  after(() => parser?.dispose());

  function read(source: string, lifted: readonly string[] = [], registry = new LiteralRegistry(new Set())): CellCode {
    if (parser === undefined) throw new Error("parser not loaded");
    const context = { parser, logger: "LOGGER", lifted: new Set(lifted), resolveLiteral: (finding: Parameters<LiteralRegistry["resolve"]>[0], _cell: string, inside: boolean) => registry.resolve(finding, inside) };
    return readCellCode({ id: "cell1", source }, context);
  }
  const text = (code: CellCode): string => code.pieces.map((piece) => piece.lines.join("\n")).join("\n");

  it("turns the trailing displayed value into a debug log line and drops earlier ones", () => {
    const code = read("df = load()\ndf.shape\ndf.head()");
    assert.equal(text(code), 'df = load()\nLOGGER.debug("%s", df.head())');
    assert.ok(code.pieces[1]?.needs.has("logger"));
  });

  it("keeps a trailing call with effects, such as fit, as a statement", () => {
    assert.equal(text(read("model.fit(X, y)")), "model.fit(X, y)");
  });

  it("turns print into info logging, anywhere in the cell", () => {
    assert.equal(text(read('for k in ks:\n    print("k", k)\nprint(f"done {n}")')), 'for k in ks:\n    LOGGER.info("%s %s", "k", k)\nLOGGER.info(f"done {n}")');
  });

  it("drops plt.show() and notebook display magics, keeps the rest", () => {
    assert.equal(text(read("%matplotlib inline\nplt.plot(x)\nplt.show()")), "plt.plot(x)");
  });

  it("makes !pip install lines dependencies and flags other shell commands", () => {
    const code = read("!pip install -q lightgbm==4.1.0 shap\n!ls data\nx = 1");
    assert.deepEqual(code.requirements.map((dep) => `${dep.name}${dep.specifier ?? ""}`), ["lightgbm==4.1.0", "shap"]);
    assert.match(text(code), /# nb2prod: not converted, runs only in the notebook: !ls data\nx = 1/);
    assert.equal(code.warnings.filter((warning) => warning.code === "magic-not-converted").length, 1);
  });

  it("reads hard-coded credentials from the environment instead, with a warning", () => {
    const code = read('api_key = "sk-live-123"\nclient = Client(password="hunter2", timeout=3)\ntoken_path = "tok.txt"');
    assert.equal(text(code), 'api_key = read_secret("API_KEY")\nclient = Client(password=read_secret("PASSWORD"), timeout=3)\ntoken_path = "tok.txt"');
    assert.deepEqual(code.warnings.map((warning) => warning.code), ["secret", "secret"]);
  });

  it("turns absolute file paths into params, one per distinct path", () => {
    const registry = new LiteralRegistry(new Set(["data_path"]));
    const code = read('data_path = "/home/ana/data/train.csv"\ndf = pd.read_csv("/home/ana/data/train.csv")\nurl = "https://x.org/a/b"', [], registry);
    assert.equal(text(code), 'data_path = data_path_2\ndf = pd.read_csv(data_path_2)\nurl = "https://x.org/a/b"');
    assert.deepEqual(registry.params().map((param) => [param.name, param.value]), [["data_path_2", "/home/ana/data/train.csv"]]);
    assert.ok(code.pieces[0]?.needs.has("param:data_path_2"));
  });

  it("marks definitions so they can be lifted, and leaves imports to the module", () => {
    const code = read("import numpy as np\n\ndef area(r):\n    return np.pi * r**2\n\nbig = area(3)", ["area"]);
    assert.deepEqual(code.pieces.map((piece) => [piece.kind, piece.name ?? ""]), [["definition", "area"], ["code", ""]]);
  });

  it("adds targeted noqa where ruff would object but the code must stay as written", () => {
    const result = text(read("mask = df.flag == True\nif x == None: y = 1\nf = lambda v: v\nl = [1]\nok = not a in b"));
    assert.equal(result, "mask = df.flag == True  # noqa: E712\nif x == None: y = 1  # noqa: E701, E711\nf = lambda v: v  # noqa: E731\nl = [1]  # noqa: E741\nok = not a in b  # noqa: E713");
  });

  it("removes the f of an f-string without placeholders and splits top-level semicolons", () => {
    assert.equal(text(read('a = 1; b = f"plain"')), 'a = 1\nb = "plain"');
  });

  it("never re-indents or strips lines inside a multi-line string", () => {
    const code = read('q = """\n  SELECT *   \n\tFROM t"""\nn = 1  ');
    const piece = code.pieces[0];
    assert.deepEqual(piece?.lines, ['q = """', "  SELECT *   ", '\tFROM t"""']);
    assert.deepEqual([...(code.pieces[0]?.rawLines ?? [])], [1, 2]);
    assert.equal(code.pieces[1]?.lines[0], "n = 1");
  });

  it("keeps a comment on the statement it follows and separates blocks as the cell did", () => {
    const code = read("x = 1  # one\n\n# two\ny = 2");
    assert.deepEqual(code.pieces.map((piece) => [piece.lines.join("|"), piece.blankBefore]), [["x = 1  # one", false], ["# two", true], ["y = 2", false]]);
  });

  it("records plain and other bindings in order", () => {
    const code = read("a = b = f(1)\nfor i in range(3):\n    c = i\nd, e = 1, 2");
    const bindings = code.pieces.flatMap((piece) => piece.bindings.map((binding) => `${binding.name}:${binding.simple ? "simple" : "other"}:${binding.assigned ? "assigned" : "-"}`));
    assert.deepEqual(bindings, ["a:simple:assigned", "b:simple:assigned", "i:other:-", "c:other:assigned", "d:other:assigned", "e:other:assigned"]);
  });
});
