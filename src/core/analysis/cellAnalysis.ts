// What the analysis knows about one code cell. Lines are 1-based within the cell.
// The zod schema of the CLI's `analyze --json` output is built from these shapes.

export interface NameAtLine {
  readonly name: string;
  readonly line: number;
}

/**
 * One imported binding. `import a.b as c` → {module: "a.b", alias: "c"};
 * `import a.b` → {module: "a.b"} (binds `a`); `from a import b as c` → {module: "a", name: "b", alias: "c"};
 * `from . import x` → {module: ".", name: "x"}; `from a import *` → {module: "a", name: "*"}.
 */
export interface ImportRecord {
  readonly module: string;
  readonly name?: string;
  readonly alias?: string;
  readonly line: number;
  /** Inside a compound statement or a function (`try: import x`): it may not run, or binds something else; never hoisted. */
  readonly nested?: true;
}

/** A file read or written with a literal path, e.g. `pd.read_csv("data/x.csv")`. */
export interface FileAccess {
  readonly path: string;
  /** The call that accesses it, as written: `pd.read_csv`, `open`, `df.to_csv`, `plt.savefig`. */
  readonly call: string;
  readonly line: number;
}

export type MagicKind = "line-magic" | "cell-magic" | "shell";

/** `%matplotlib inline` → {kind: "line-magic", name: "matplotlib"}; `!pip install x` → {kind: "shell", name: "pip"}. */
export interface MagicRecord {
  readonly kind: MagicKind;
  readonly name: string;
  /** The whole line as written, without the leading `%`, `%%` or `!`. */
  readonly text: string;
  readonly line: number;
}

export interface SyntaxIssue {
  readonly line: number;
  /** 1-based, as in Python's own syntax error messages. */
  readonly column: number;
  readonly message: string;
}

/**
 * What a cell's top-level statement shows, as Jupyter would: `print(...)` and
 * `display(...)` anywhere at the top level, and the value of the cell's last statement
 * when it is a bare expression.
 */
export interface StatementDisplay {
  readonly kind: "print" | "display" | "expression";
  /** Source text of each positional argument (of a bare expression: the expression itself). */
  readonly args: readonly string[];
}

/** A file a statement writes, whatever names it: `joblib.dump(model, model_path)`. */
export interface FileWrite {
  /** The path argument as written: `model_path`, `"model.joblib"`, `OUT / "m.pkl"`. */
  readonly expression: string;
  readonly call: string;
  readonly line: number;
}

/** One top-level statement of a cell (a compound statement with its whole body). */
export interface TopLevelStatement {
  /** 1-based lines of the cell, inclusive. */
  readonly line: number;
  readonly endLine: number;
  /** A loop, branch, `with`, `try` or definition: its body may run many times, or never. */
  readonly compound?: true;
  /** Files it writes when it runs (not in a function body), literal paths or not. */
  readonly writes?: readonly FileWrite[];
  /** Module names it binds. */
  readonly binds: readonly string[];
  /** Names it binds with a plain `name = value` (chains included): its value is the statement's result. */
  readonly assigns: readonly string[];
  /** Module names it reads before binding them itself (builtins left out), loads in function and class bodies included. */
  readonly reads: readonly string[];
  readonly display?: StatementDisplay;
}

/** The analysis of a cell's source alone (no notebook context). */
export interface CellSourceAnalysis {
  readonly defines: readonly string[];
  readonly reads: readonly string[];
  readonly mutates: readonly NameAtLine[];
  readonly imports: readonly ImportRecord[];
  readonly functions: readonly string[];
  readonly classes: readonly string[];
  readonly fileReads: readonly FileAccess[];
  readonly fileWrites: readonly FileAccess[];
  readonly magics: readonly MagicRecord[];
  /** The cell only shows things: a trailing expression, prints, plots; it binds nothing. */
  readonly displayOnly: boolean;
  readonly syntaxErrors: readonly SyntaxIssue[];
  /** Its top-level statements in order, for dividing a cell between steps and finding what it displays. */
  readonly statements: readonly TopLevelStatement[];
}

export interface CellAnalysis extends CellSourceAnalysis {
  readonly cellId: string;
  readonly index: number;
}
