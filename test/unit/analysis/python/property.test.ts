// Property tests: the analyser never throws, whatever the string, and what it returns is
// well-formed (unique names, lines inside the cell, 1-based columns).
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { CellSourceAnalysis } from "../../../../src/core/analysis/cellAnalysis";
import { useParser } from "./parserFixture";

const TOKENS = [
  "x", "y", "df", "np", "_", "é", "ｗ", "=", "==", ":=", "+=", "-", "*", "**", "/", "%", "@", ".", ",", ":", ";", "->",
  "(", ")", "[", "]", "{", "}", "'", '"', "'''", '"""', "f'{", "}'", "r'\\'", "#", "\\", "\n", "\r\n", "    ", "\t",
  "def", "class", "lambda", "return", "yield", "global", "nonlocal", "del", "import", "from", "as", "if", "elif", "else",
  "for", "while", "in", "not", "and", "or", "is", "try", "except", "except*", "finally", "with", "match", "case", "type",
  "async", "await", "print", "pass", "None", "1", "0x1f", "1e-3", "%matplotlib", "%%time\n", "%%bash\n", "!pip install",
  "= !ls", "?", "??", ".append(", ".fit(", "inplace=True", "open(", "pd.read_csv(", ".to_csv(", "np.random.shuffle(",
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(" "));
const tokenSoupTight = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(""));

function assertWellFormed(source: string, analysis: CellSourceAnalysis): void {
  const lineCount = source.replace(/\r\n?/g, "\n").split("\n").length;
  for (const names of [analysis.defines, analysis.reads, analysis.functions, analysis.classes]) {
    assert.equal(new Set(names).size, names.length, "names are listed once");
    for (const name of names) assert.ok(name.length > 0 && !/\s/.test(name), `bad name ${JSON.stringify(name)}`);
  }
  const located = [...analysis.mutates, ...analysis.imports, ...analysis.fileReads, ...analysis.fileWrites, ...analysis.magics, ...analysis.syntaxErrors];
  for (const item of located) assert.ok(Number.isInteger(item.line) && item.line >= 1 && item.line <= lineCount, `line ${item.line} of ${lineCount}`);
  for (const issue of analysis.syntaxErrors) {
    assert.ok(Number.isInteger(issue.column) && issue.column >= 1, `column ${issue.column}`);
    assert.ok(issue.message.length > 0);
  }
  assert.equal(typeof analysis.displayOnly, "boolean");
  if (analysis.displayOnly) assert.deepEqual(analysis.defines, []);
}

describe("analyzePythonSource: properties", () => {
  const { analyze } = useParser();
  const holds = (source: string): void => {
    assertWellFormed(source, analyze(source));
  };

  it("never throws on arbitrary unicode strings, and returns well-formed output", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), holds), { numRuns: 300 });
  });

  it("never throws on Python-like token soup, and returns well-formed output", () => {
    fc.assert(fc.property(tokenSoup, holds), { numRuns: 500 });
    fc.assert(fc.property(tokenSoupTight, holds), { numRuns: 500 });
  });

  it("is deterministic: the same source gives the same analysis", () => {
    fc.assert(
      fc.property(tokenSoup, (source) => {
        assert.deepEqual(analyze(source), analyze(source));
      }),
      { numRuns: 100 },
    );
  });

  it("a name the cell binds at top level before using it is never a read", () => {
    const name = fc.constantFrom("a", "b", "value", "df");
    fc.assert(
      fc.property(name, tokenSoup, (bound, rest) => {
        const analysis = analyze(`${bound} = 1\nprint(${bound})\n${rest.replace(/\n/g, " ")}`);
        assert.ok(!analysis.reads.includes(bound) || analysis.syntaxErrors.length > 0, JSON.stringify(analysis.reads));
      }),
      { numRuns: 200 },
    );
  });
});
