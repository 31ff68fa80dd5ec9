// What the evaluation-order walk accumulates, and where in the cell it currently is.
import type { FileAccess, FileWrite, ImportRecord, NameAtLine } from "../cellAnalysis";
import { CONVENTIONAL_MODULES } from "./mutationRules";
import { bindsInModule, loadsFromModule, walrusScope } from "./scope";
import type { Scope } from "./scope";
import type { SourceText } from "./sourceText";
import type { SyntaxNode } from "./syntaxTree";

export interface AnalysisState {
  readonly text: SourceText;
  /** Names bound at module level, in the order first bound. */
  readonly defines: Set<string>;
  /** Module names bound so far in evaluation order. */
  readonly bound: Set<string>;
  /** Module-level loads of names not bound earlier in the cell. */
  readonly reads: Set<string>;
  /** Loads inside function, lambda and class bodies that resolve to the module. */
  readonly deferredLoads: Set<string>;
  readonly mutates: NameAtLine[];
  readonly imports: ImportRecord[];
  readonly functions: string[];
  readonly classes: string[];
  readonly fileReads: FileAccess[];
  readonly fileWrites: FileAccess[];
  /** Names the cell binds with `import x` / `import x as y`: modules, not data. */
  readonly moduleNames: Set<string>;
  /** The top-level statement being walked: what it binds and reads (walkModule starts each afresh). */
  statement: StatementNames;
  /** Start offset of that statement's node: an import elsewhere is nested. */
  statementStart: number;
}

export interface StatementNames {
  /** Files it writes when it runs, by path expression. */
  readonly writes: FileWrite[];
  readonly binds: Set<string>;
  /** Loads of names the statement has not bound itself yet. */
  readonly reads: Set<string>;
  /** Loads in function, lambda and class bodies. */
  readonly deferredLoads: Set<string>;
}

export function newStatementNames(): StatementNames {
  return { writes: [], binds: new Set(), reads: new Set(), deferredLoads: new Set() };
}

export interface Walk {
  readonly state: AnalysisState;
  readonly scope: Scope;
  /** In a function, lambda or class body: a load counts unless the cell binds the name anywhere. */
  readonly deferred: boolean;
  /** In a function or lambda body: the code runs when called, not when the cell runs. */
  readonly inFunction: boolean;
}

export type Visit = (node: SyntaxNode | undefined, walk: Walk) => void;
export type Handler = (node: SyntaxNode, walk: Walk, visit: Visit) => void;

export function newState(text: SourceText): AnalysisState {
  return {
    text,
    defines: new Set(),
    bound: new Set(),
    reads: new Set(),
    deferredLoads: new Set(),
    mutates: [],
    imports: [],
    functions: [],
    classes: [],
    fileReads: [],
    fileWrites: [],
    moduleNames: new Set(),
    statement: newStatementNames(),
    statementStart: 0,
  };
}

export function textOf(walk: Walk, node: SyntaxNode): string {
  return walk.state.text.text(node);
}

export function lineOf(walk: Walk, node: SyntaxNode): number {
  return walk.state.text.line(node.start);
}

// Names are empty only where the parser invented a node to recover from an error.
export function load(walk: Walk, name: string): void {
  if (name === "" || !loadsFromModule(walk.scope, name)) return;
  const statement = walk.state.statement;
  if (walk.deferred) {
    walk.state.deferredLoads.add(name);
    statement.deferredLoads.add(name);
    return;
  }
  if (!walk.state.bound.has(name)) walk.state.reads.add(name);
  if (!statement.binds.has(name)) statement.reads.add(name);
}

/** Binds a name where the current scope puts it; true when that is the module. */
export function bind(walk: Walk, name: string, walrus = false): boolean {
  const scope = walrus ? walrusScope(walk.scope) : walk.scope;
  if (name === "" || !bindsInModule(scope, name)) return false;
  walk.state.defines.add(name);
  walk.state.bound.add(name);
  walk.state.statement.binds.add(name);
  return true;
}

export function isModuleName(walk: Walk, name: string): boolean {
  return CONVENTIONAL_MODULES.has(name) || walk.state.moduleNames.has(name);
}

/** Records that the object a module-level name refers to is changed in place. */
export function recordMutation(walk: Walk, root: SyntaxNode | undefined): void {
  if (root === undefined || walk.inFunction) return;
  const name = textOf(walk, root);
  if (!loadsFromModule(walk.scope, name) || isModuleName(walk, name)) return;
  const line = lineOf(walk, root);
  const known = walk.state.mutates.some((mutation) => mutation.name === name && mutation.line === line);
  if (!known) walk.state.mutates.push({ name, line });
}
