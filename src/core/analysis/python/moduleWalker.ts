// Walks a cell's tree once, in evaluation order, dispatching on node type. Nodes without
// a handler are walked child by child, which is evaluation order for nearly all of them.
import { ASSIGNMENT_HANDLERS } from "./assignmentHandlers";
import { COMPREHENSION_HANDLERS } from "./comprehensionHandler";
import { DEFINITION_HANDLERS } from "./definitionHandlers";
import { IMPORT_HANDLERS } from "./importHandlers";
import { NAME_HANDLERS } from "./nameHandlers";
import { MODULE_SCOPE } from "./scope";
import type { SourceText } from "./sourceText";
import type { SyntaxNode } from "./syntaxTree";
import { newState, newStatementNames } from "./walkContext";
import type { AnalysisState, Handler, StatementNames, Visit } from "./walkContext";

const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    ...ASSIGNMENT_HANDLERS,
    ...COMPREHENSION_HANDLERS,
    ...DEFINITION_HANDLERS,
    ...IMPORT_HANDLERS,
    ...NAME_HANDLERS,
  }),
);

const visit: Visit = (node, walk) => {
  // A node the parser invented to recover (a missing name) has no text to analyse.
  if (node === undefined || node.isMissing) return;
  const handler = HANDLERS.get(node.type);
  if (handler !== undefined) handler(node, walk, visit);
  else for (const child of node.named) visit(child, walk);
};

export interface WalkedModule {
  readonly state: AnalysisState;
  /** Per top-level statement node, in order: what it binds and reads. */
  readonly statements: readonly { readonly node: SyntaxNode; readonly names: StatementNames }[];
}

/** Walks the module's top-level statements one by one, so each one's names are known too. */
export function walkModule(root: SyntaxNode, text: SourceText): WalkedModule {
  const state = newState(text);
  const walk = { state, scope: MODULE_SCOPE, deferred: false, inFunction: false };
  const statements: { node: SyntaxNode; names: StatementNames }[] = [];
  for (const node of root.named) {
    state.statement = newStatementNames();
    state.statementStart = node.start;
    visit(node, walk);
    if (node.type !== "comment") statements.push({ node, names: state.statement });
  }
  return { state, statements };
}
