// Nodes where an identifier is not a plain load: attribute names, keyword names, the
// names in `global`/`nonlocal`, match patterns; and calls, whose effects are recorded.
import { fieldOf, walkCasePattern } from "./bindingTargets";
import { recordCallEffects } from "./callEffects";
import { bind, load, textOf } from "./walkContext";
import type { Handler } from "./walkContext";

const noop: Handler = () => undefined;

const identifier: Handler = (node, walk) => {
  load(walk, textOf(walk, node));
};

const attribute: Handler = (node, walk, visit) => {
  visit(fieldOf(node, "object"), walk);
};

const keywordArgument: Handler = (node, walk, visit) => {
  visit(fieldOf(node, "value"), walk);
};

/** A dotted name outside imports and patterns (error recovery): only its first part is a name. */
const dottedName: Handler = (node, walk, visit) => {
  visit(node.named[0], walk);
};

const call: Handler = (node, walk, visit) => {
  for (const child of node.named) visit(child, walk);
  recordCallEffects(node, walk);
};

/** `a if cond else b` evaluates `cond` first. */
const conditional: Handler = (node, walk, visit) => {
  const [body, condition, ...rest] = node.named;
  visit(condition, walk);
  visit(body, walk);
  for (const child of rest) visit(child, walk);
};

const caseClause: Handler = (node, walk, visit) => {
  for (const child of node.named) {
    if (child.type !== "case_pattern") {
      visit(child, walk);
      continue;
    }
    walkCasePattern(child, {
      text: (part) => textOf(walk, part),
      capture: (name) => bind(walk, textOf(walk, name)),
      load: (value) => {
        visit(value, walk);
      },
    });
  }
};

/** `type X = ...` binds `X`; its value is evaluated lazily, like a function body. */
const typeAlias: Handler = (node, walk, visit) => {
  // `type X = ...` or `type X[T] = ...`; anything else is a syntax error.
  const target = fieldOf(node, "left")?.named[0];
  const name = target?.type === "generic_type" ? target.named.find((child) => child.type === "identifier") : target;
  if (name?.type === "identifier") bind(walk, textOf(walk, name));
  visit(fieldOf(node, "right"), { ...walk, deferred: true });
};

export const NAME_HANDLERS: Readonly<Record<string, Handler>> = {
  identifier,
  attribute,
  keyword_argument: keywordArgument,
  dotted_name: dottedName,
  call,
  conditional_expression: conditional,
  case_clause: caseClause,
  type_alias_statement: typeAlias,
  global_statement: noop,
  nonlocal_statement: noop,
  string_start: noop,
  string_end: noop,
  comment: noop,
};
