// Imports: recorded for dependencies (wherever they are) and bound like assignments.
import type { ImportRecord } from "../cellAnalysis";
import { dottedText, fieldOf, fieldsOf, importedNames } from "./bindingTargets";
import type { SyntaxNode } from "./syntaxTree";
import { bind, lineOf, textOf } from "./walkContext";
import type { Handler, Walk } from "./walkContext";

function record(walk: Walk, item: SyntaxNode, module: string | undefined, line: number, nested: boolean): ImportRecord[] {
  const text = (node: SyntaxNode): string => textOf(walk, node);
  const aliasNode = item.type === "aliased_import" ? fieldOf(item, "alias") : undefined;
  const nameNode = item.type === "aliased_import" ? fieldOf(item, "name") : item;
  const name = nameNode === undefined ? "" : dottedText(nameNode, text);
  const alias = aliasNode === undefined ? {} : { alias: text(aliasNode) };
  if (name === "") return [];
  const where = nested ? { nested: true as const } : {};
  return [module === undefined ? { module: name, ...alias, line, ...where } : { module, name, ...alias, line, ...where }];
}

function isNested(node: SyntaxNode, walk: Walk): boolean {
  return node.start !== walk.state.statementStart || walk.inFunction || walk.scope.kind !== "module";
}

/** `import a.b as c`: `c` is the module `a.b`; `import a.b` binds the module `a`. */
const importStatement: Handler = (node, walk) => {
  const line = lineOf(walk, node);
  for (const item of fieldsOf(node, "name")) walk.state.imports.push(...record(walk, item, undefined, line, isNested(node, walk)));
  for (const name of importedNames(node, (child) => textOf(walk, child))) {
    if (bind(walk, name)) walk.state.moduleNames.add(name);
  }
};

const importFrom: Handler = (node, walk) => {
  const line = lineOf(walk, node);
  const moduleNode = fieldOf(node, "module_name");
  const module = moduleNode === undefined ? "" : dottedText(moduleNode, (child) => textOf(walk, child));
  const nested = isNested(node, walk);
  for (const item of fieldsOf(node, "name")) walk.state.imports.push(...record(walk, item, module, line, nested));
  if (node.named.some((child) => child.type === "wildcard_import")) walk.state.imports.push({ module, name: "*", line, ...(nested ? { nested: true as const } : {}) });
  for (const name of importedNames(node, (child) => textOf(walk, child))) bind(walk, name);
};

/** `from __future__ import annotations` changes how the cell compiles; it binds no data. */
const futureImport: Handler = (node, walk) => {
  const line = lineOf(walk, node);
  for (const item of fieldsOf(node, "name")) walk.state.imports.push(...record(walk, item, "__future__", line, false));
};

export const IMPORT_HANDLERS: Readonly<Record<string, Handler>> = {
  import_statement: importStatement,
  import_from_statement: importFrom,
  future_import_statement: futureImport,
};
