// One cell's source → what it defines, reads, changes, imports, reads and writes on disk.
// IPython syntax is split off first; the Python left is parsed once and walked once in
// evaluation order (moduleWalker.ts and the *Handlers.ts files; the contract is issue 3).
import type { CellSourceAnalysis, SyntaxIssue } from "../cellAnalysis";
import { closeOpenBrackets } from "./bracketRepair";
import { isDisplayOnly } from "./displayOnly";
import { splitIpython } from "./ipythonSyntax";
import { statementRecords } from "./statementRecords";
import type { IpythonCell } from "./ipythonSyntax";
import { walkModule } from "./moduleWalker";
import { BUILTIN_NAMES } from "./pythonBuiltins";
import type { PythonParser } from "./pythonParser";
import { SourceText } from "./sourceText";
import { syntaxIssues } from "./syntaxIssues";
import type { CopiedTree, SyntaxNode } from "./syntaxTree";
import type { AnalysisState } from "./walkContext";

/**
 * Deeper trees are not walked (the walk is recursive). Real code is far shallower: Python
 * itself stops at 200 nested brackets and 100 nested blocks.
 */
const MAX_TREE_DEPTH = 1000;
const TOO_DEEP = `Too deeply nested to analyse (more than ${MAX_TREE_DEPTH} levels): split this expression up`;

function withoutPython(cell: IpythonCell, syntaxErrors: readonly SyntaxIssue[]): CellSourceAnalysis {
  return {
    defines: [],
    reads: [],
    mutates: [],
    imports: [],
    functions: [],
    classes: [],
    fileReads: cell.fileReads,
    fileWrites: cell.fileWrites,
    magics: cell.magics,
    displayOnly: false,
    syntaxErrors,
    statements: [],
  };
}

function parse(parser: PythonParser, python: string): CopiedTree {
  return parser.parseCopy(python);
}

/** Top-level reads, plus loads in bodies of names the cell never binds; builtins excluded. */
function readsOf(state: AnalysisState): string[] {
  const reads = new Set(state.reads);
  for (const name of state.deferredLoads) if (!state.defines.has(name)) reads.add(name);
  return [...reads].filter((name) => !BUILTIN_NAMES.has(name));
}

interface ParsedCell {
  readonly root: SyntaxNode;
  readonly text: SourceText;
}

/** A parse of the cell with unclosed brackets closed, when that leaves fewer errors. */
function repaired(parser: PythonParser, cell: ParsedCell, errors: number): ParsedCell | undefined {
  const fixed = closeOpenBrackets(cell.root, cell.text);
  if (fixed === undefined) return undefined;
  const { root, depth } = parse(parser, fixed);
  const text = new SourceText(fixed);
  if (depth > MAX_TREE_DEPTH || syntaxIssues(root, text, new Map()).length >= errors) return undefined;
  return { root, text };
}

export function analyzePythonSource(parser: PythonParser, source: string): CellSourceAnalysis {
  const cell = splitIpython(source);
  if (!cell.isPython) return withoutPython(cell, []);
  const { root, depth } = parse(parser, cell.python);
  if (depth > MAX_TREE_DEPTH) {
    return withoutPython(cell, [{ line: 1, column: 1, message: TOO_DEEP }]);
  }
  const parsed = { root, text: new SourceText(cell.python) };
  const syntaxErrors = syntaxIssues(root, parsed.text, cell.columnShifts);
  // Names are read from the repaired parse; errors are reported from the original one.
  const { root: walked, text } = (syntaxErrors.length > 0 ? repaired(parser, parsed, syntaxErrors.length) : undefined) ?? parsed;
  const { state, statements } = walkModule(walked, text);
  return {
    defines: [...state.defines],
    reads: readsOf(state),
    mutates: state.mutates,
    imports: state.imports,
    functions: state.functions,
    classes: state.classes,
    fileReads: [...cell.fileReads, ...state.fileReads],
    fileWrites: [...cell.fileWrites, ...state.fileWrites],
    magics: cell.magics,
    displayOnly: isDisplayOnly(walked, state, text),
    syntaxErrors,
    statements: statementRecords(statements, text),
  };
}
