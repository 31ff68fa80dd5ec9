// One notebook cell → the pieces of code a generated module prints: top-level statements
// with their comments, definitions (lifted to common.py or kept in the step), and notes
// where a magic could not be converted. Imports are left out: modules print their own.
import { splitIpython } from "../../../analysis/python/ipythonSyntax";
import type { PythonParser } from "../../../analysis/python/pythonParser";
import type { SyntaxNode } from "../../../analysis/python/syntaxTree";
import type { Dependency } from "../../dependencies/dependencies";
import type { GenerationWarning } from "../../filePlan";
import type { CodeEdit } from "./codeEdit";
import type { CodePiece } from "./codePiece";
import { loggingEdits } from "./displayStatements";
import { fileReportEdits, reportEdits } from "./reportEdits";
import type { StepReport } from "../../../planning/splitPlan";
import type { LiteralFinding } from "./literalEdits";
import { findLiterals, literalEdit } from "./literalEdits";
import { findLintIssues } from "./lintEdits";
import { assertEdits } from "./assertEdits";
import { handleMagic } from "./magicHandling";
import { buildPieces } from "./pieceBuilder";
import type { PieceNote } from "./pieceBuilder";
import { SourceLines, linesEndingInString, stringInteriorLines } from "./sourceLines";

export interface LiteralResolution {
  readonly expression: string;
  readonly needs: string;
}

export interface CellCodeContext {
  readonly parser: PythonParser;
  readonly logger: string;
  /** Names of the definitions lifted into common.py. */
  readonly lifted: ReadonlySet<string>;
  /** What replaces a credential or absolute path; undefined keeps the literal as written. */
  readonly resolveLiteral: (finding: LiteralFinding, cellId: string, insideLifted: boolean) => LiteralResolution | undefined;
  /** The plan's value reports of this cell: statements that become `name = value` and a log line. */
  readonly reports?: readonly StepReport[];
}

export interface CellCode {
  readonly cellId: string;
  readonly pieces: readonly CodePiece[];
  /** The value reports placed in this cell's code. */
  readonly reports: readonly StepReport[];
  readonly requirements: readonly Dependency[];
  readonly warnings: readonly GenerationWarning[];
}

export function readCellCode(cell: { readonly id: string; readonly source: string }, context: CellCodeContext): CellCode {
  const ipython = splitIpython(cell.source);
  const warnings: GenerationWarning[] = [];
  const requirements: Dependency[] = [];
  const notes: PieceNote[] = [];
  for (const magic of ipython.magics) {
    const outcome = handleMagic(magic);
    requirements.push(...outcome.requirements);
    if (outcome.note === undefined) continue;
    notes.push({ line: magic.line - 1, text: outcome.note });
    warnings.push({ code: "magic-not-converted", message: `Cell ${cell.id} line ${magic.line}: ${outcome.note.replace(/^nb2prod: /, "")}`, cellId: cell.id, line: magic.line });
  }
  if (!ipython.isPython) return { cellId: cell.id, pieces: buildPieces(undefined, "", [], notes, context), reports: [], requirements, warnings };
  const root = context.parser.parseCopy(ipython.python).root;
  const code = analyseCode(root, ipython.python, cell.id, context, warnings);
  return { cellId: cell.id, pieces: buildPieces(code, ipython.python, code.edits, notes, context), reports: code.reports, requirements, warnings };
}

export interface AnalysedCode {
  readonly root: SyntaxNode;
  readonly lines: SourceLines;
  readonly edits: readonly CodeEdit[];
  readonly interior: ReadonlySet<number>;
  readonly endsInString: ReadonlySet<number>;
  readonly noqa: ReadonlyMap<number, ReadonlySet<string>>;
  /** Start offsets of the statements that became reports. */
  readonly reportStatements: ReadonlySet<number>;
  readonly reports: readonly StepReport[];
}

function analyseCode(root: SyntaxNode, python: string, cellId: string, context: CellCodeContext, warnings: GenerationWarning[]): AnalysedCode {
  const lines = new SourceLines(python);
  const lint = findLintIssues(root, python, lines);
  const kept = reportEdits(root, python, lines, context.reports ?? [], context.logger);
  const inReport = (edit: CodeEdit): boolean => root.named.some((node) => kept.statements.has(node.start) && edit.start >= node.start && edit.end <= node.end);
  const edits: CodeEdit[] = [...kept.edits, ...lint.edits, ...loggingEdits(root, python, context.logger).filter((edit) => !inReport(edit)), ...assertEdits(root, python).filter((edit) => !inReport(edit))];
  for (const report of (context.reports ?? []).filter((candidate) => candidate.kind === "value" && !kept.placed.includes(candidate))) {
    warnings.push({ code: "report-not-placed", message: `Cell ${cellId} line ${report.line}: the plan keeps ${report.name} from a statement that is not there; it is left out.`, cellId, line: report.line });
  }
  const liftedRanges = root.named.filter((node) => context.lifted.has(definitionName(node, python) ?? "")).map((node) => [node.start, node.end] as const);
  for (const finding of findLiterals(root, python, lines)) {
    const insideLifted = liftedRanges.some(([start, end]) => finding.node.start >= start && finding.node.end <= end);
    const resolution = context.resolveLiteral(finding, cellId, insideLifted);
    if (resolution !== undefined) edits.push({ ...literalEdit(finding, resolution.expression), needs: resolution.needs });
    warnings.push(literalWarning(finding, cellId, resolution));
  }
  const files = fileReportEdits(root, python, lines, context.reports ?? [], edits);
  edits.push(...files.edits);
  if (root.children.some((node) => node.type === "ERROR" || node.isMissing)) {
    warnings.push({ code: "syntax-error", message: `Cell ${cellId} has a syntax error; its unparsable lines are left as comments.`, cellId });
  }
  return { root, lines, edits, interior: stringInteriorLines(root, lines), endsInString: linesEndingInString(root, lines), noqa: lint.noqa, reportStatements: kept.statements, reports: [...kept.placed, ...files.placed] };
}

function literalWarning(finding: LiteralFinding, cellId: string, resolution: LiteralResolution | undefined): GenerationWarning {
  const where = `Cell ${cellId} line ${finding.line}`;
  if (finding.kind === "secret") {
    const message = resolution === undefined
      ? `${where}: a hard-coded credential was left in place; move it to an environment variable.`
      : `${where}: a hard-coded credential is read from the environment variable ${finding.suggestedName} instead; set it before running the pipeline.`;
    return { code: "secret", message, cellId, line: finding.line };
  }
  const message = resolution === undefined
    ? `${where}: the absolute path ${finding.value} stays in a shared function; pass it as an argument to make it configurable.`
    : `${where}: the absolute path ${finding.value} became the param ${resolution.expression} (params.yaml).`;
  return { code: "absolute-path", message, cellId, line: finding.line };
}

/** The name bound by a top-level `def`, `class` or decorated definition. */
export function definitionName(node: SyntaxNode, source: string): string | undefined {
  const definition = node.type === "decorated_definition" ? node.children.find((child) => child.field === "definition") : node;
  if (definition === undefined || (definition.type !== "function_definition" && definition.type !== "class_definition")) return undefined;
  const name = definition.children.find((child) => child.field === "name");
  return name === undefined ? undefined : source.slice(name.start, name.end);
}

