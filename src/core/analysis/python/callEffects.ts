// What a call does besides returning a value: read or write a file, or change an object
// in place. Driven by the rule tables in ioRules.ts and mutationRules.ts.
import type { FileAccess } from "../cellAnalysis";
import { fieldOf } from "./bindingTargets";
import { argument, chainRoot, dottedName, keywordArgument, methodOf, positionalArguments } from "./expressionShape";
import { IO_RULES } from "./ioRules";
import type { IoDirection, IoRule } from "./ioRules";
import { literalPath, literalString } from "./literalPath";
import { ARGUMENT_MUTATORS, IN_PLACE_KEYWORD, isTrailingUnderscoreInPlace, MUTATING_METHODS } from "./mutationRules";
import type { SyntaxNode } from "./syntaxTree";
import { isModuleName, lineOf, recordMutation, textOf } from "./walkContext";
import type { Walk } from "./walkContext";

function indexRules(method: boolean): ReadonlyMap<string, readonly IoRule[]> {
  const index = new Map<string, IoRule[]>();
  for (const rule of IO_RULES) {
    if (rule.callee.startsWith(".") !== method) continue;
    const key = method ? rule.callee.slice(1) : rule.callee;
    index.set(key, [...(index.get(key) ?? []), rule]);
  }
  return index;
}

const FUNCTION_RULES = indexRules(false);
const METHOD_RULES = indexRules(true);

function directions(rule: IoRule, args: SyntaxNode | undefined, text: (node: SyntaxNode) => string): IoDirection[] {
  if (rule.direction !== "mode") return [rule.direction];
  const modeArg = rule.mode === undefined ? undefined : argument(args, rule.mode.index, rule.mode.keyword, text);
  const mode = modeArg === undefined ? (rule.mode?.defaultMode ?? "r") : (literalString(modeArg, text) ?? "r");
  if (mode.includes("+")) return ["read", "write"];
  return /[wax]/.test(mode) ? ["write"] : ["read"];
}

function matchingRules(callee: SyntaxNode | undefined, walk: Walk): readonly IoRule[] {
  const text = (node: SyntaxNode): string => textOf(walk, node);
  const name = dottedName(callee, text);
  const exact = name === undefined ? undefined : FUNCTION_RULES.get(name);
  if (exact !== undefined) return exact;
  const method = methodOf(callee, text);
  return method === undefined ? [] : (METHOD_RULES.get(method.name) ?? []);
}

function recordFileAccess(call: SyntaxNode, callee: SyntaxNode | undefined, walk: Walk): void {
  const text = (node: SyntaxNode): string => textOf(walk, node);
  const args = fieldOf(call, "arguments");
  for (const rule of matchingRules(callee, walk)) {
    const pathNode = rule.path === "receiver" ? methodOf(callee, text)?.receiver : argument(args, rule.path.index, rule.path.keyword, text);
    if (pathNode !== undefined && !walk.inFunction && directions(rule, args, text).includes("write")) {
      walk.state.statement.writes.push({ expression: text(pathNode), call: text(callee ?? call).replace(/\s+/g, ""), line: lineOf(walk, pathNode) });
    }
    const path = literalPath(pathNode, text);
    if (path === undefined || pathNode === undefined) continue;
    const access: FileAccess = { path, call: text(callee ?? call).replace(/\s+/g, ""), line: lineOf(walk, pathNode) };
    for (const direction of directions(rule, args, text)) {
      (direction === "read" ? walk.state.fileReads : walk.state.fileWrites).push(access);
    }
  }
}

function isInPlace(args: SyntaxNode | undefined, walk: Walk): boolean {
  return keywordArgument(args, IN_PLACE_KEYWORD, (node) => textOf(walk, node))?.type === "true";
}

function recordCallMutations(callee: SyntaxNode | undefined, args: SyntaxNode | undefined, walk: Walk): void {
  const text = (node: SyntaxNode): string => textOf(walk, node);
  const method = methodOf(callee, text);
  const name = method?.name ?? (callee?.type === "identifier" ? text(callee) : undefined);
  if (name === undefined) return;
  const positional = positionalArguments(args);
  const argumentIndex = ARGUMENT_MUTATORS.get(name);
  if (argumentIndex !== undefined) recordMutation(walk, chainRoot(positional[argumentIndex]));
  if (method === undefined) return;
  const receiver = chainRoot(method.receiver);
  const onModule = receiver !== undefined && isModuleName(walk, text(receiver));
  const inPlace = MUTATING_METHODS.has(name) || isTrailingUnderscoreInPlace(name) || isInPlace(args, walk);
  if (!onModule && inPlace) recordMutation(walk, receiver);
  // `nn.init.zeros_(w)`: a module function named like an in-place method changes its first argument.
  if (onModule && isTrailingUnderscoreInPlace(name)) recordMutation(walk, chainRoot(positional[0]));
}

/** Records the call's file accesses (anywhere) and in-place changes (when the cell runs them). */
export function recordCallEffects(call: SyntaxNode, walk: Walk): void {
  const callee = fieldOf(call, "function");
  recordFileAccess(call, callee, walk);
  if (!walk.inFunction) recordCallMutations(callee, fieldOf(call, "arguments"), walk);
}
