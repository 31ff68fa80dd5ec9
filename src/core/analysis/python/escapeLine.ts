// One line of IPython syntax at the start of a logical line, and the Python that stands
// in for it: nothing (a blank line, or `pass` where a block needs a statement), the
// statement of `%time stmt`, or `x = None` for `x = !ls` so that `x` is still bound.
import type { MagicKind } from "../cellAnalysis";
import { AUTOMAGIC_COMMANDS, STATEMENT_LINE_MAGICS } from "./magicRules";

export interface EscapeLine {
  readonly kind: MagicKind;
  readonly name: string;
  /** The magic as written, without its leading `%`, `%%` or `!`. */
  readonly text: string;
  /** The Python line that replaces it. */
  readonly python: string;
  /** Cell column minus Python column of the replacing statement. */
  readonly shift: number;
}

const LINE_MAGIC = /^(\s*)%{1,2}([A-Za-z_][\w.]*)(.*)$/;
const SHELL = /^(\s*)!+(.*)$/;
const HELP = /^(\s*)(\?{1,2})?[\w.*]+(?:\(\))?(\?{1,2})?\s*$/;
const AUTOMAGIC = /^(\s*)([a-z]+)\s+([a-z-]+)\b.*$/;
const MAYBE_ASSIGNED = /=\s*[!%]/;
const ASSIGNED = /^(\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*)((?:!|%{1,2}).*)$/;

/** `-n 10 -q f(x)` → `f(x)`: drops the options that precede a magic's statement. */
function stripOptions(args: string, valueOptions: string): string {
  let rest = args.trimStart();
  for (let option = /^-(\w)(\S*)\s*/.exec(rest); option !== null; option = /^-(\w)(\S*)\s*/.exec(rest)) {
    rest = rest.slice(option[0].length);
    if (valueOptions.includes(option[1] ?? "") && option[2] === "") rest = rest.replace(/^\S+\s*/, "");
  }
  return rest;
}

function emptyStatement(indent: string): string {
  return indent === "" ? "" : `${indent}pass`;
}

function lineMagic(line: string): EscapeLine | undefined {
  const match = LINE_MAGIC.exec(line);
  if (match === null) return undefined;
  const [, indent = "", name = "", args = ""] = match;
  const text = line.trim().replace(/^%{1,2}/, "");
  const statementMagic = STATEMENT_LINE_MAGICS.get(name);
  const statement = statementMagic === undefined ? "" : stripOptions(args, statementMagic.valueOptions).trimEnd();
  if (statement === "") return { kind: "line-magic", name, text, python: emptyStatement(indent), shift: 0 };
  const shift = line.trimEnd().length - statement.length - indent.length;
  return { kind: "line-magic", name, text, python: `${indent}${statement}`, shift };
}

function shell(line: string): EscapeLine | undefined {
  const match = SHELL.exec(line);
  if (match === null) return undefined;
  const [, indent = "", command = ""] = match;
  const name = /^\s*([^\s;|&]*)/.exec(command)?.[1] ?? "";
  return { kind: "shell", name, text: command.trim(), python: emptyStatement(indent), shift: 0 };
}

function help(line: string): EscapeLine | undefined {
  const match = HELP.exec(line);
  if (match === null || (match[2] === undefined && match[3] === undefined)) return undefined;
  const text = line.trim();
  const name = text.includes("*") ? "psearch" : text.includes("??") ? "pinfo2" : "pinfo";
  return { kind: "line-magic", name, text, python: emptyStatement(match[1] ?? ""), shift: 0 };
}

function automagic(line: string): EscapeLine | undefined {
  const match = AUTOMAGIC.exec(line);
  const subcommands = AUTOMAGIC_COMMANDS.get(match?.[2] ?? "");
  if (match === null || subcommands?.has(match[3] ?? "") !== true) return undefined;
  return { kind: "line-magic", name: match[2] ?? "", text: line.trim(), python: emptyStatement(match[1] ?? ""), shift: 0 };
}

/** `x = !ls`, `t = %time f()`: the magic's value is assigned, so the target stays bound. */
function assigned(line: string): EscapeLine | undefined {
  const match = ASSIGNED.exec(line);
  if (match === null) return undefined;
  const [, target = "", magic = ""] = match;
  const escape = lineMagic(magic) ?? shell(magic);
  if (escape === undefined) return undefined;
  const statement = escape.python.trim();
  if (statement === "" || statement === "pass") return { ...escape, python: `${target}None`, shift: 0 };
  return { ...escape, python: `${target}${statement}`, shift: line.trimEnd().length - statement.length - target.length };
}

/** Reads a line that starts a logical line; undefined when it is plain Python. */
export function readEscapeLine(line: string): EscapeLine | undefined {
  const code = line.trimStart();
  if (code.startsWith("%")) return lineMagic(line);
  if (code.startsWith("!")) return shell(line);
  if (MAYBE_ASSIGNED.test(code)) return assigned(line);
  if (code.includes("?")) return help(line);
  return automagic(line);
}
