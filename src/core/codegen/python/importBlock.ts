// Import statements printed the way ruff's isort rule (I001) orders them, so generated
// modules pass `ruff check` as written: sections (future, stdlib, third-party, first-party)
// separated by a blank line; straight imports before from-imports; modules compared
// case-insensitively; members ordered constants, classes, then the rest; long lines
// wrapped in parentheses with one member a line.
import { STDLIB_MODULES } from "../dependencies/stdlibModules";
import type { PythonWriter } from "./pythonWriter";

export interface ImportSpec {
  readonly module: string;
  /** `from module import name`; absent for `import module`. */
  readonly name?: string;
  readonly alias?: string;
}

const LINE_LENGTH = 88;

type Section = 0 | 1 | 2 | 3;

function sectionOf(module: string, firstParty: readonly string[]): Section {
  const top = module.split(".")[0] ?? module;
  if (top === "__future__") return 0;
  if (firstParty.includes(top) || module.startsWith(".")) return 3;
  return STDLIB_MODULES.has(top) ? 1 : 2;
}

function memberKey(name: string): string {
  const rank = name.length > 1 && name === name.toUpperCase() && /[A-Z]/.test(name) ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return `${rank}${name.toLowerCase()}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Statement {
  readonly key: string;
  readonly straight: boolean;
  readonly module: string;
  readonly members: readonly string[];
  readonly alias?: string;
}

function statementsOf(imports: readonly ImportSpec[]): Statement[] {
  const unique = new Map(imports.map((spec) => [`${spec.module}|${spec.name ?? ""}|${spec.alias ?? ""}`, spec]));
  const statements: Statement[] = [];
  const combined = new Map<string, Set<string>>();
  for (const spec of unique.values()) {
    if (spec.name === undefined) {
      statements.push({ key: `${spec.module.toLowerCase()} ${spec.alias ?? ""}`, straight: true, module: spec.module, members: [], ...(spec.alias === undefined ? {} : { alias: spec.alias }) });
    } else if (spec.alias !== undefined && spec.alias !== spec.name) {
      statements.push({ key: `${spec.module.toLowerCase()} ${memberKey(spec.name)}`, straight: false, module: spec.module, members: [`${spec.name} as ${spec.alias}`] });
    } else {
      combined.set(spec.module, (combined.get(spec.module) ?? new Set()).add(spec.name));
    }
  }
  for (const [module, names] of combined) {
    const members = [...names].sort((a, b) => compare(memberKey(a), memberKey(b)));
    statements.push({ key: `${module.toLowerCase()} ${memberKey(members[0] ?? "")}`, straight: false, module, members });
  }
  return statements.sort((a, b) => Number(b.straight) - Number(a.straight) || compare(a.key, b.key));
}

function printStatement(writer: PythonWriter, statement: Statement, indent: number): void {
  if (statement.straight) {
    writer.line(`import ${statement.module}${statement.alias === undefined ? "" : ` as ${statement.alias}`}`);
    return;
  }
  const single = `from ${statement.module} import ${statement.members.join(", ")}`;
  if (single.length + indent <= LINE_LENGTH) {
    writer.line(single);
    return;
  }
  writer.line(`from ${statement.module} import (`);
  writer.indented(() => writer.lines(statement.members.map((member) => `${member},`)));
  writer.line(")");
}

/** Prints the imports grouped in sections; `indent` is the depth in spaces (for `if TYPE_CHECKING:`). */
export function printImports(writer: PythonWriter, imports: readonly ImportSpec[], firstParty: string | readonly string[], indent = 0): void {
  const sections = new Map<Section, ImportSpec[]>();
  const ownModules = typeof firstParty === "string" ? [firstParty] : firstParty;
  for (const spec of imports) {
    const section = sectionOf(spec.module, ownModules);
    sections.set(section, [...(sections.get(section) ?? []), spec]);
  }
  const order: Section[] = [0, 1, 2, 3];
  let first = true;
  for (const section of order) {
    const specs = sections.get(section);
    if (specs === undefined) continue;
    if (!first) writer.line();
    first = false;
    for (const statement of statementsOf(specs)) printStatement(writer, statement, indent);
  }
}
