// The output of `nb2prod analyze <notebook> --json`, defined once with zod (the JSON Schema
// for other tools is exported from it), its builder, and the readable text report.
import { z } from "zod";
import type { CellAnalysis } from "./cellAnalysis";
import { cellLabel, FINDING_KINDS } from "./dataflow";
import type { Dataflow, DataflowEdge, Finding, FindingKind } from "./dataflowTypes";
import type { NotebookCellModel, NotebookModel } from "../notebook/notebookModel";

export const ANALYSIS_REPORT_SCHEMA_VERSION = 1;

/** Lines are 1-based within the cell. */
const line = z.number().int().min(1);

const cellReportSchema = z.object({
  id: z.string(),
  /** 0-based position in the notebook, markdown and raw cells included. */
  index: z.number().int().min(0),
  kind: z.enum(["code", "markdown", "raw"]),
  defines: z.array(z.string()),
  reads: z.array(z.string()),
  mutates: z.array(z.object({ name: z.string(), line })),
  imports: z.array(
    z.object({ module: z.string(), name: z.string().optional(), alias: z.string().optional(), line, nested: z.literal(true).optional() }),
  ),
  functions: z.array(z.string()),
  classes: z.array(z.string()),
  fileReads: z.array(z.object({ path: z.string(), call: z.string(), line })),
  fileWrites: z.array(z.object({ path: z.string(), call: z.string(), line })),
  magics: z.array(
    z.object({ kind: z.enum(["line-magic", "cell-magic", "shell"]), name: z.string(), text: z.string(), line }),
  ),
  displayOnly: z.boolean(),
  syntaxErrors: z.array(z.object({ line, column: z.number().int().min(0), message: z.string() })),
  /** Top-level statements: lines, names bound and read, and what each shows (print, display, trailing expression). */
  statements: z.array(
    z.object({
      line,
      endLine: line,
      binds: z.array(z.string()),
      assigns: z.array(z.string()),
      reads: z.array(z.string()),
      compound: z.literal(true).optional(),
      writes: z.array(z.object({ expression: z.string(), call: z.string(), line })).optional(),
      display: z.object({ kind: z.enum(["print", "display", "expression"]), args: z.array(z.string()) }).optional(),
    }),
  ),
});

export const analysisReportSchema = z
  .object({
    schemaVersion: z.literal(ANALYSIS_REPORT_SCHEMA_VERSION),
    cells: z.array(cellReportSchema),
    edges: z.array(z.object({ from: z.string(), to: z.string(), name: z.string() })),
    findings: z.array(
      z.object({ kind: z.enum(FINDING_KINDS), cellId: z.string(), name: z.string().optional(), message: z.string() }),
    ),
  })
  .meta({
    title: "nb2prod analysis report",
    description: "Output of `nb2prod analyze <notebook> --json`: per-cell analysis, def-use edges, hidden-state findings.",
  });

export type AnalysisReport = z.infer<typeof analysisReportSchema>;
export type CellReport = z.infer<typeof cellReportSchema>;

/** Every notebook cell in order; markdown, raw and unanalysed cells get empty lists. */
export function buildAnalysisReport(
  notebook: NotebookModel,
  cells: readonly CellAnalysis[],
  dataflow: Dataflow,
): AnalysisReport {
  const byId = new Map(cells.map((cell) => [cell.cellId, cell]));
  return {
    schemaVersion: ANALYSIS_REPORT_SCHEMA_VERSION,
    cells: notebook.cells.map((cell) => cellReport(cell, cell.kind === "code" ? byId.get(cell.id) : undefined)),
    edges: dataflow.edges.map(({ from, to, name }) => ({ from, to, name })),
    findings: dataflow.findings.map(findingReport),
  };
}

/** The report's JSON Schema (draft 2020-12), for consumers outside TypeScript. */
export function analysisReportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(analysisReportSchema);
}

function cellReport(cell: NotebookCellModel, analysis: CellAnalysis | undefined): CellReport {
  // Copies keep the report a plain value, and pick exactly the schema's keys.
  return {
    id: cell.id,
    index: cell.index,
    kind: cell.kind,
    defines: [...(analysis?.defines ?? [])],
    reads: [...(analysis?.reads ?? [])],
    mutates: [...(analysis?.mutates ?? [])],
    imports: [...(analysis?.imports ?? [])],
    functions: [...(analysis?.functions ?? [])],
    classes: [...(analysis?.classes ?? [])],
    fileReads: [...(analysis?.fileReads ?? [])],
    fileWrites: [...(analysis?.fileWrites ?? [])],
    magics: [...(analysis?.magics ?? [])],
    displayOnly: analysis?.displayOnly ?? false,
    syntaxErrors: [...(analysis?.syntaxErrors ?? [])],
    statements: (analysis?.statements ?? []).map((statement) => ({
      line: statement.line,
      endLine: statement.endLine,
      binds: [...statement.binds],
      assigns: [...statement.assigns],
      reads: [...statement.reads],
      ...(statement.compound === true ? { compound: true as const } : {}),
      ...(statement.writes !== undefined ? { writes: statement.writes.map((write) => ({ ...write })) } : {}),
      ...(statement.display !== undefined ? { display: { kind: statement.display.kind, args: [...statement.display.args] } } : {}),
    })),
  };
}

function findingReport({ kind, cellId, name, message }: Finding): AnalysisReport["findings"][number] {
  return name === undefined ? { kind, cellId, message } : { kind, cellId, name, message };
}

// ---- the readable report ----

const KIND_TITLES: Readonly<Record<FindingKind, string>> = {
  "undefined-name": "Undefined names",
  "defined-later": "Defined in a later cell",
  "out-of-order-execution": "Out-of-order execution",
  "redefined-while-read": "Redefined while read",
  "unused-definition": "Unused definitions",
};

/** Names cells by number in the text report, from their ids; an unknown id is shown as is. */
interface CellNamer {
  one(id: string): string;
  many(ids: readonly string[]): string;
}

/** Cells with what they define and read, edges grouped by definition, findings by kind. */
export function formatAnalysisReport(report: AnalysisReport): string {
  const indexes = new Map(report.cells.map((cell) => [cell.id, cell.index]));
  const numberOf = (id: string): string => {
    const index = indexes.get(id);
    return index === undefined ? id : String(index + 1);
  };
  const namer: CellNamer = {
    one: (id) => `cell ${numberOf(id)}`,
    many: (ids) => (ids.length === 1 ? "cell " : "cells ") + ids.map(numberOf).join(", "),
  };
  const sections = [formatCells(report.cells), formatEdges(report.edges, namer), formatFindings(report.findings, namer)];
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

function formatCells(cells: readonly CellReport[]): string[] {
  const lines = cells.map((cell) => {
    const head = `  ${cellLabel(cell.index)}  ${cell.kind}`;
    if (cell.kind !== "code") return head;
    return `${head}  defines: ${listOrDash(cell.defines)}  reads: ${listOrDash(cell.reads)}`;
  });
  return [`Cells (${cells.length})`, ...lines];
}

/** One line per definition and name: `df: cell 2 -> cells 3, 5`. */
function formatEdges(edges: readonly DataflowEdge[], namer: CellNamer): string[] {
  if (edges.length === 0) return ["Edges: none"];
  const groups = new Map<string, { readonly from: string; readonly name: string; readonly to: string[] }>();
  for (const { from, to, name } of edges) {
    const key = `${from}\u0000${name}`;
    const group = groups.get(key);
    if (group) group.to.push(to);
    else groups.set(key, { from, name, to: [to] });
  }
  const lines = [...groups.values()].map(({ from, name, to }) => `  ${name}: ${namer.one(from)} -> ${namer.many(to)}`);
  return [`Edges (${edges.length})`, ...lines];
}

function formatFindings(findings: readonly Finding[], namer: CellNamer): string[] {
  if (findings.length === 0) return ["Findings: none"];
  const lines = [`Findings (${findings.length})`];
  for (const kind of FINDING_KINDS) {
    const ofKind = findings.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`  ${KIND_TITLES[kind]} (${ofKind.length})`);
    for (const finding of ofKind) lines.push(`    ${namer.one(finding.cellId)}: ${finding.message}`);
  }
  return lines;
}

function listOrDash(names: readonly string[]): string {
  return names.length === 0 ? "-" : names.join(", ");
}
