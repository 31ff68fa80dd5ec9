import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { CellAnalysis, CellSourceAnalysis } from "../../../src/core/analysis/cellAnalysis";
import { buildDataflow, executionCountsOf, FINDING_KINDS } from "../../../src/core/analysis/dataflow";
import type { Finding } from "../../../src/core/analysis/dataflowTypes";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";

/** A cell by hand: `d` defines, `r` reads, `m` mutates; ids are `c<position>`. */
interface Spec extends Partial<CellSourceAnalysis> {
  readonly d?: readonly string[];
  readonly r?: readonly string[];
  readonly m?: readonly string[];
  readonly index?: number;
}

function cellsOf(specs: readonly Spec[]): CellAnalysis[] {
  return specs.map(({ d = [], r = [], m = [], index, ...rest }, position) => ({
    cellId: `c${position}`,
    index: index ?? position,
    defines: d,
    reads: r,
    mutates: m.map((name) => ({ name, line: 1 })),
    imports: [],
    functions: [],
    classes: [],
    fileReads: [],
    fileWrites: [],
    magics: [],
    displayOnly: false,
    syntaxErrors: [],
    statements: [],
    ...rest,
  }));
}

/** A one-line top-level statement that binds `binds` and reads `reads`. */
function statement(line: number, binds: readonly string[], reads: readonly string[]): CellSourceAnalysis["statements"][number] {
  return { line, endLine: line, binds, assigns: binds, reads };
}

const noCounts: ReadonlyMap<string, number | null> = new Map();

function edgesOf(specs: readonly Spec[]): string[] {
  return buildDataflow(cellsOf(specs), noCounts).edges.map((edge) => `${edge.from}->${edge.to}:${edge.name}`);
}

function findingsOf(specs: readonly Spec[], counts = noCounts): readonly Finding[] {
  return buildDataflow(cellsOf(specs), counts).findings;
}

/** `kind cellId name` per finding, in the order returned. */
function summary(findings: readonly Finding[]): string[] {
  return findings.map((finding) => [finding.kind, finding.cellId, finding.name].filter(Boolean).join(" "));
}

function findingOf(findings: readonly Finding[], kind: Finding["kind"], cellId: string): Finding {
  const found = findings.find((finding) => finding.kind === kind && finding.cellId === cellId);
  assert.ok(found, `no ${kind} finding on ${cellId} in ${JSON.stringify(summary(findings))}`);
  return found;
}

describe("buildDataflow edges", () => {
  const cases: [string, Spec[], string[]][] = [
    ["a read resolves to the nearest earlier definer", [{ d: ["x"] }, { d: ["x"] }, { r: ["x"] }], ["c1->c2:x"]],
    ["a cell that reads and redefines a name reads the earlier value", [{ d: ["x"] }, { d: ["x"], r: ["x"] }], ["c0->c1:x"]],
    ["edges follow reader order, then the reader's read order", [{ d: ["a", "b"] }, { r: ["b", "a"] }, { r: ["a"] }], ["c0->c1:b", "c0->c1:a", "c0->c2:a"]],
    ["a repeated read gives one edge", [{ d: ["x"] }, { r: ["x", "x"] }], ["c0->c1:x"]],
    ["no edge to a later definer", [{ r: ["x"] }, { d: ["x"] }], []],
    ["no edge within a cell", [{ d: ["x"], r: ["x"] }], []],
    [
      "a read after in-place changes also depends on the last mutating cell",
      [{ d: ["df"] }, { m: ["df"] }, { m: ["df"] }, { r: ["df"] }],
      ["c0->c1:df", "c0->c2:df", "c1->c2:df", "c0->c3:df", "c2->c3:df"],
    ],
    ["a mutation counts as a use of the name", [{ d: ["model"] }, { m: ["model"] }], ["c0->c1:model"]],
    ["a mutation in the defining cell adds no edge", [{ d: ["x"], m: ["x"] }, { r: ["x"] }], ["c0->c1:x"]],
    ["a redefinition forgets earlier mutations", [{ d: ["x"] }, { m: ["x"] }, { d: ["x"] }, { r: ["x"] }], ["c0->c1:x", "c2->c3:x"]],
    ["a mutation of an undefined name is not a definer", [{ m: ["x"] }, { r: ["x"] }], []],
    ["a mutation before the definition does not count", [{ m: ["x"] }, { d: ["x"] }, { r: ["x"] }], ["c1->c2:x"]],
  ];
  for (const [title, specs, expected] of cases) {
    it(title, () => {
      assert.deepEqual(edgesOf(specs), expected);
    });
  }
});

describe("buildDataflow findings", () => {
  const cases: [string, Spec[], string[]][] = [
    ["a read with no definition anywhere", [{ r: ["y"] }], ["undefined-name c0 y"]],
    ["a read before the only definition, in the same cell", [{ d: ["x"], r: ["x"] }], ["undefined-name c0 x", "unused-definition c0 x"]],
    ["a read that resolves only to a later cell", [{ r: ["x"] }, { d: ["x"] }], ["defined-later c0 x", "unused-definition c1 x"]],
    ["a mutation of a name defined only later", [{ m: ["x"] }, { d: ["x"] }], ["defined-later c0 x", "unused-definition c1 x"]],
    ["a redefinition while a cell in between reads it", [{ d: ["x"] }, { r: ["x"] }, { d: ["x"] }], ["redefined-while-read c2 x", "unused-definition c2 x"]],
    ["an in-place change in between counts as a read", [{ d: ["x"] }, { m: ["x"] }, { d: ["x"], r: ["x"] }], ["redefined-while-read c2 x", "unused-definition c2 x"]],
    ["a cell that reads the name it redefines is not in between", [{ d: ["x"] }, { d: ["x"], r: ["x"] }, { r: ["x"] }], []],
    ["a definition replaced before any read", [{ d: ["x"] }, { d: ["x"] }, { r: ["x"] }], ["unused-definition c0 x"]],
    ["names starting with an underscore are never unused", [{ d: ["_tmp", "_"] }], []],
    ["the last cell's definitions are reported", [{ d: ["x"] }, { r: ["x"], d: ["result"] }], ["unused-definition c1 result"]],
    [
      "a value a later statement of its own cell reads is used",
      [{ d: ["path", "df"], statements: [statement(1, ["path"], []), statement(2, ["df"], ["path"])] }, { r: ["df"] }],
      [],
    ],
    [
      "a value its own cell changes in place afterwards is used",
      [{ d: ["model"], mutates: [{ name: "model", line: 2 }], statements: [statement(1, ["model"], []), statement(2, [], [])] }],
      [],
    ],
    ["a value only its own statement reads is still unused", [{ d: ["x"], statements: [statement(1, ["x"], ["x"])] }], ["unused-definition c0 x"]],
    ["a definition read by a later cell is used", [{ d: ["x"] }, { r: ["x"] }], []],
    [
      "findings are ordered by cell, then kind",
      [{ d: ["b", "a"], r: ["z"] }, { r: ["later"], d: ["a"] }, { d: ["later"] }],
      ["undefined-name c0 z", "unused-definition c0 b", "unused-definition c0 a", "defined-later c1 later", "unused-definition c1 a", "unused-definition c2 later"],
    ],
  ];
  for (const [title, specs, expected] of cases) {
    it(title, () => {
      assert.deepEqual(summary(findingsOf(specs)), expected);
    });
  }
});

describe("buildDataflow out-of-order execution", () => {
  const specs: Spec[] = [{}, {}, {}, {}];
  const cases: [string, (number | null)[], string[]][] = [
    ["increasing counts are in order", [1, 2, 5, 9], []],
    ["never-run cells are skipped", [1, null, 2, null], []],
    ["one finding, on the first cell that breaks the order", [1, 5, 3, 2], ["out-of-order-execution c2"]],
    ["equal counts break the order", [2, 2, 3, 4], ["out-of-order-execution c1"]],
    ["compared with the previous executed cell", [4, null, 3, 5], ["out-of-order-execution c2"]],
  ];
  for (const [title, counts, expected] of cases) {
    it(title, () => {
      const map = new Map(counts.map((count, position) => [`c${position}`, count]));
      assert.deepEqual(summary(findingsOf(specs, map)), expected);
    });
  }

  it("says which cell ran before which, numbering cells from 1", () => {
    const findings = findingsOf(specs, new Map([["c0", 1], ["c1", 5], ["c2", 3]]));
    const finding = findingOf(findings, "out-of-order-execution", "c2");
    assert.equal(finding.name, undefined);
    assert.match(finding.message, /^Cell 3 \(execution count 3\) ran before cell 2 above it \(execution count 5\)/);
    assert.match(finding.message, /run all cells from the top/);
  });

  it("says so when two cells have the same count", () => {
    const finding = findingOf(findingsOf(specs, new Map([["c0", 2], ["c1", 2]])), "out-of-order-execution", "c1");
    assert.match(finding.message, /^Cell 2 has the same execution count \(2\) as cell 1 above it/);
  });
});

describe("buildDataflow messages", () => {
  it("names the later definer nearest to the reader, by notebook number", () => {
    const findings = findingsOf([{ r: ["x"], index: 1 }, { d: ["x"], index: 3 }, { d: ["x"], index: 4 }]);
    const message = findingOf(findings, "defined-later", "c0").message;
    assert.match(message, /first defined in cell 4 below/);
    assert.match(message, /Move the definition above this cell/);
  });

  it("tells a missing name from one this cell defines only after reading it", () => {
    assert.match(findingOf(findingsOf([{ r: ["y"] }]), "undefined-name", "c0").message, /no cell defines it.*check the spelling/);
    const self = findingOf(findingsOf([{ d: ["x"], r: ["x"] }]), "undefined-name", "c0").message;
    assert.match(self, /read here before this cell defines it/);
  });

  it("lists the readers between definition and redefinition", () => {
    const one = findingOf(findingsOf([{ d: ["x"] }, { r: ["x"] }, { d: ["x"] }]), "redefined-while-read", "c2");
    assert.match(one.message, /but cell 2 above reads the value from cell 1: re-running it after this cell/);
    const readers: Spec[] = [{ d: ["x"] }, { r: ["x"] }, { r: ["x"] }, { r: ["x"] }, { r: ["x"] }, { r: ["x"] }, { d: ["x"] }];
    const many = findingOf(findingsOf(readers), "redefined-while-read", "c6");
    assert.match(many.message, /but cells 2, 3, 4 and 2 more above read the value from cell 1: re-running them/);
    const two = findingOf(findingsOf([{ d: ["x"] }, { r: ["x"] }, { r: ["x"] }, { d: ["x"] }]), "redefined-while-read", "c3");
    assert.match(two.message, /cells 2 and 3 above read/);
  });

  it("says what kind of definition is unused, and what replaced it", () => {
    const specs: Spec[] = [
      {
        d: ["np", "os", "fit", "Model", "x"],
        imports: [{ module: "numpy", alias: "np", line: 1 }, { module: "os.path", line: 2 }],
        functions: ["fit"],
        classes: ["Model"],
      },
      { d: ["x"] },
    ];
    const messages = findingsOf(specs).filter((finding) => finding.cellId === "c0").map((finding) => finding.message);
    assert.deepEqual(messages, [
      "`np` is imported here but no later cell uses it. Remove it if nothing needs it.",
      "`os` is imported here but no later cell uses it. Remove it if nothing needs it.",
      "Function `fit` is defined here but no later cell uses it. Remove it if nothing needs it.",
      "Class `Model` is defined here but no later cell uses it. Remove it if nothing needs it.",
      "`x` is defined here but cell 2 redefines it before any cell reads it. Remove it if nothing needs it.",
    ]);
    const last = findingOf(findingsOf(specs), "unused-definition", "c1").message;
    assert.equal(last, "`x` is defined here but no later cell reads it. Remove it if nothing needs it; keep it if it is a result of the notebook.");
  });
});

describe("executionCountsOf", () => {
  it("maps code cells to their execution counts", () => {
    const notebook: NotebookModel = {
      origin: "t.ipynb",
      language: "python",
      cells: [
        { id: "m", index: 0, kind: "markdown", language: "markdown", source: "", tags: [], executionCount: null, metadata: {} },
        { id: "a", index: 1, kind: "code", language: "python", source: "", tags: [], executionCount: 7, metadata: {} },
        { id: "b", index: 2, kind: "code", language: "python", source: "", tags: [], executionCount: null, metadata: {} },
      ],
    };
    assert.deepEqual([...executionCountsOf(notebook)], [["a", 7], ["b", null]]);
  });
});

describe("buildDataflow invariants (random notebooks)", () => {
  const names = fc.constantFrom("a", "b", "c", "df", "_t");
  const spec = fc.record({ d: fc.array(names, { maxLength: 3 }), r: fc.array(names, { maxLength: 3 }), m: fc.array(names, { maxLength: 2 }) });
  const notebook = fc.array(spec, { maxLength: 12 }).map((specs) => cellsOf(specs.map((s) => ({ ...s, d: [...new Set(s.d)] }))));
  const position = (cellId: string): number => Number(cellId.slice(1));

  it("edges go forward, from a cell that defines or changes the name to one that uses it", () => {
    fc.assert(
      fc.property(notebook, (cells) => {
        for (const edge of buildDataflow(cells, noCounts).edges) {
          const from = cells[position(edge.from)];
          const to = cells[position(edge.to)];
          assert.ok(from && to && position(edge.from) < position(edge.to));
          assert.ok(from.defines.includes(edge.name) || from.mutates.some((m) => m.name === edge.name));
          assert.ok(to.reads.includes(edge.name) || to.mutates.some((m) => m.name === edge.name));
        }
      }),
    );
  });

  it("each use either resolves to one definer or gets exactly one missing-definition finding", () => {
    fc.assert(
      fc.property(notebook, (cells) => {
        const { edges, findings } = buildDataflow(cells, noCounts);
        for (const cell of cells) {
          const uses = new Set([...cell.reads, ...cell.mutates.map((m) => m.name).filter((n) => !cell.defines.includes(n))]);
          for (const name of uses) {
            const definers = edges.filter((e) => e.to === cell.cellId && e.name === name && cells[position(e.from)]?.defines.includes(name));
            const missing = findings.filter((f) => f.cellId === cell.cellId && f.name === name && (f.kind === "undefined-name" || f.kind === "defined-later"));
            assert.equal(definers.length + missing.length, 1, `${cell.cellId} ${name}`);
          }
        }
      }),
    );
  });

  it("findings are unique per kind, cell and name, sorted by cell then kind, and stable across runs", () => {
    fc.assert(
      fc.property(notebook, (cells) => {
        const first = buildDataflow(cells, noCounts);
        assert.deepEqual(buildDataflow(cells, noCounts), first);
        const keys = first.findings.map((f) => `${f.kind} ${f.cellId} ${f.name ?? ""}`);
        assert.equal(new Set(keys).size, keys.length);
        const order = first.findings.map((f) => position(f.cellId) * 10 + FINDING_KINDS.indexOf(f.kind));
        assert.deepEqual(order, [...order].sort((x, y) => x - y));
      }),
    );
  });
});

describe("buildDataflow on a long notebook", () => {
  it("links a 2,000-cell chain of redefinitions cell to cell", () => {
    const specs: Spec[] = Array.from({ length: 2000 }, (_, i) => (i === 0 ? { d: ["x"] } : { d: ["x"], r: ["x"] }));
    const edges = edgesOf(specs);
    assert.equal(edges.length, 1999);
    assert.equal(edges[1998], "c1998->c1999:x");
  });
});
