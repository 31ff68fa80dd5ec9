import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  analysisReportJsonSchema,
  analysisReportSchema,
  buildAnalysisReport,
  formatAnalysisReport,
} from "../../../src/core/analysis/analysisReport";
import type { AnalysisReport } from "../../../src/core/analysis/analysisReport";
import type { CellAnalysis } from "../../../src/core/analysis/cellAnalysis";
import { buildDataflow, executionCountsOf, FINDING_KINDS } from "../../../src/core/analysis/dataflow";
import type { Dataflow } from "../../../src/core/analysis/dataflowTypes";
import type { NotebookCellModel, NotebookModel } from "../../../src/core/notebook/notebookModel";

const CELL_KEYS = [
  "id", "index", "kind", "defines", "reads", "mutates", "imports", "functions", "classes",
  "fileReads", "fileWrites", "magics", "displayOnly", "syntaxErrors", "statements",
];

function modelCell(index: number, kind: NotebookCellModel["kind"], executionCount: number | null = null): NotebookCellModel {
  return { id: `c${index}`, index, kind, language: kind === "code" ? "python" : kind, source: "", tags: [], executionCount, metadata: {} };
}

function analysis(index: number, parts: Partial<CellAnalysis> = {}): CellAnalysis {
  return {
    cellId: `c${index}`, index, defines: [], reads: [], mutates: [], imports: [], functions: [], classes: [],
    fileReads: [], fileWrites: [], magics: [], displayOnly: false, syntaxErrors: [], statements: [], ...parts,
  };
}

// # Title | import pandas as pd; df = pd.read_csv("in.csv") | raw | df.dropna(inplace=True); print(y) [ran first]
const notebook: NotebookModel = {
  origin: "t.ipynb",
  language: "python",
  cells: [modelCell(0, "markdown"), modelCell(1, "code", 2), modelCell(2, "raw"), modelCell(3, "code", 1)],
};
const analyses: CellAnalysis[] = [
  analysis(1, {
    defines: ["pd", "df"],
    reads: [],
    imports: [{ module: "pandas", alias: "pd", line: 1 }],
    fileReads: [{ path: "in.csv", call: "pd.read_csv", line: 1 }],
  }),
  analysis(3, {
    reads: ["df", "y"],
    mutates: [{ name: "df", line: 1 }],
    magics: [{ kind: "line-magic", name: "time", text: "time 1", line: 2 }],
    syntaxErrors: [{ line: 3, column: 0, message: "unexpected token" }],
    displayOnly: true,
  }),
];

function sampleReport(): AnalysisReport {
  return buildAnalysisReport(notebook, analyses, buildDataflow(analyses, executionCountsOf(notebook)));
}

describe("buildAnalysisReport", () => {
  it("validates against its own schema, version 1", () => {
    const report = sampleReport();
    const parsed = analysisReportSchema.safeParse(report);
    assert.ok(parsed.success, parsed.error?.message);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(parsed.data, report);
  });

  it("lists every notebook cell in order; markdown and raw cells have their kind and empty lists", () => {
    const report = sampleReport();
    assert.deepEqual(report.cells.map((cell) => [cell.id, cell.index, cell.kind]), [
      ["c0", 0, "markdown"], ["c1", 1, "code"], ["c2", 2, "raw"], ["c3", 3, "code"],
    ]);
    const markdown = report.cells[0];
    assert.ok(markdown);
    assert.deepEqual(Object.keys(markdown), CELL_KEYS);
    for (const key of CELL_KEYS.slice(3, -3).concat("syntaxErrors", "statements")) assert.deepEqual(markdown[key as keyof typeof markdown], [], key);
    assert.equal(markdown.displayOnly, false);
  });

  it("carries each code cell's analysis, and only the schema's keys", () => {
    const extra = { ...analysis(1, { defines: ["a"] }), internalCache: 42 };
    const report = buildAnalysisReport({ ...notebook, cells: [modelCell(1, "code")] }, [extra], { edges: [], findings: [] });
    assert.deepEqual(Object.keys(report.cells[0] ?? {}), CELL_KEYS);
    const sample = sampleReport().cells[3];
    assert.deepEqual(sample, {
      id: "c3", index: 3, kind: "code", defines: [], reads: ["df", "y"], mutates: [{ name: "df", line: 1 }],
      imports: [], functions: [], classes: [], fileReads: [], fileWrites: [],
      magics: [{ kind: "line-magic", name: "time", text: "time 1", line: 2 }], displayOnly: true,
      syntaxErrors: [{ line: 3, column: 0, message: "unexpected token" }], statements: [],
    });
  });

  it("ignores an analysis given for a markdown cell", () => {
    const report = buildAnalysisReport(notebook, [analysis(0, { defines: ["stray"] })], { edges: [], findings: [] });
    assert.deepEqual(report.cells[0]?.defines, []);
  });

  it("includes the dataflow's edges and findings; a finding about a whole cell has no name", () => {
    const report = sampleReport();
    assert.deepEqual(report.edges, [{ from: "c1", to: "c3", name: "df" }]);
    assert.deepEqual(report.findings.map((f) => [f.kind, f.cellId, f.name]), [
      ["unused-definition", "c1", "pd"],
      ["undefined-name", "c3", "y"],
      ["out-of-order-execution", "c3", undefined],
    ]);
    assert.equal("name" in (report.findings[2] ?? {}), false);
  });

  it("round-trips through JSON unchanged", () => {
    const report = sampleReport();
    assert.deepEqual(analysisReportSchema.parse(JSON.parse(JSON.stringify(report))), report);
  });
});

describe("analysisReportSchema", () => {
  const broken: [string, (report: Record<string, unknown>) => unknown][] = [
    ["another schema version", (r) => ({ ...r, schemaVersion: 2 })],
    ["a missing top-level key", (r) => Object.fromEntries(Object.entries(r).filter(([key]) => key !== "edges"))],
    ["an unknown finding kind", (r) => ({ ...r, findings: [{ kind: "typo", cellId: "c1", message: "m" }] })],
    ["a 0 line number", (r) => ({ ...r, cells: [{ ...sampleReport().cells[1], mutates: [{ name: "x", line: 0 }] }] })],
    ["an unknown cell kind", (r) => ({ ...r, cells: [{ ...sampleReport().cells[0], kind: "sql" }] })],
  ];
  for (const [title, mutate] of broken) {
    it(`rejects ${title}`, () => {
      assert.equal(analysisReportSchema.safeParse(mutate({ ...sampleReport() })).success, false);
    });
  }
});

describe("analysisReportJsonSchema", () => {
  const schema = analysisReportJsonSchema();
  type Node = { type?: string; required?: string[]; properties?: Partial<Record<string, Node>>; items?: Node; enum?: unknown[] };
  const root = schema as Node;

  it("is a draft 2020-12 object schema requiring the four top-level keys", () => {
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.equal(root.type, "object");
    assert.deepEqual(root.required, ["schemaVersion", "cells", "edges", "findings"]);
    assert.deepEqual(root.properties?.schemaVersion, { type: "number", const: 1 });
  });

  /** The item schema of the array property `key` of the report. */
  function itemsOf(key: string): Node {
    const items = root.properties?.[key]?.items;
    assert.ok(items, `no items schema for ${key}`);
    return items;
  }

  it("requires every cell key, edge key, and the finding keys except name", () => {
    assert.deepEqual(itemsOf("cells").required, CELL_KEYS);
    assert.deepEqual(itemsOf("edges").required, ["from", "to", "name"]);
    assert.deepEqual(itemsOf("findings").required, ["kind", "cellId", "message"]);
    assert.deepEqual(itemsOf("findings").properties?.kind?.enum, [...FINDING_KINDS]);
  });

  it("is plain JSON", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
  });
});

describe("formatAnalysisReport", () => {
  const dataflow: Dataflow = {
    edges: [
      { from: "c1", to: "c3", name: "df" },
      { from: "c1", to: "c4", name: "df" },
      { from: "c1", to: "c4", name: "pd" },
    ],
    findings: [
      { kind: "unused-definition", cellId: "c4", name: "out", message: "Out is unused." },
      { kind: "undefined-name", cellId: "c3", name: "y", message: "Y is missing." },
      { kind: "out-of-order-execution", cellId: "c4", message: "Ran early." },
    ],
  };
  const cells = [
    modelCell(0, "markdown"), modelCell(1, "code"), modelCell(2, "raw"), modelCell(3, "code"), modelCell(4, "code"),
  ];
  const report = buildAnalysisReport({ ...notebook, cells }, [
    analysis(1, { defines: ["pd", "df"] }),
    analysis(3, { reads: ["df", "y"] }),
    analysis(4, { defines: ["out"], reads: ["df", "pd"] }),
  ], dataflow);

  it("prints cells, edges grouped by definition, and findings grouped by kind", () => {
    assert.equal(
      formatAnalysisReport(report),
      [
        "Cells (5)",
        "  cell 1  markdown",
        "  cell 2  code  defines: pd, df  reads: -",
        "  cell 3  raw",
        "  cell 4  code  defines: -  reads: df, y",
        "  cell 5  code  defines: out  reads: df, pd",
        "",
        "Edges (3)",
        "  df: cell 2 -> cells 4, 5",
        "  pd: cell 2 -> cell 5",
        "",
        "Findings (3)",
        "  Undefined names (1)",
        "    cell 4: Y is missing.",
        "  Out-of-order execution (1)",
        "    cell 5: Ran early.",
        "  Unused definitions (1)",
        "    cell 5: Out is unused.",
        "",
      ].join("\n"),
    );
  });

  it("says when there are no edges or findings", () => {
    const empty = buildAnalysisReport({ ...notebook, cells: [modelCell(0, "code")] }, [analysis(0)], { edges: [], findings: [] });
    assert.equal(formatAnalysisReport(empty), "Cells (1)\n  cell 1  code  defines: -  reads: -\n\nEdges: none\n\nFindings: none\n");
  });

  it("prints the dataflow's own messages", () => {
    const text = formatAnalysisReport(sampleReport());
    assert.match(text, /^ {4}cell 4: `y` is read here but no cell defines it/m);
    assert.match(text, /^ {4}cell 4: Cell 4 \(execution count 1\) ran before cell 2 above it \(execution count 2\)/m);
  });
});
