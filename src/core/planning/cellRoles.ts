// Decides what happens to each code cell: it runs in a step, becomes the params, is
// shared code, or is left out — and when left out, why, in plain words.
import type { CellFacts } from "./cellFacts";

export type CellRole =
  | { readonly kind: "step" }
  | { readonly kind: "params" }
  | { readonly kind: "shared" }
  | { readonly kind: "excluded"; readonly reason: string; readonly exploration: boolean };

const excluded = (reason: string, exploration = false): CellRole => ({ kind: "excluded", reason, exploration });

/** The role a cell has whatever the rest of the notebook does: from its markers or its emptiness. */
/** Remembered per facts object (cellFacts.ts reuses an unchanged cell's). */
const fixedRoles = new WeakMap<CellFacts, { readonly role: CellRole | undefined }>();

export function fixedRole(fact: CellFacts): CellRole | undefined {
  const known = fixedRoles.get(fact);
  if (known !== undefined) return known.role;
  const role = decideFixedRole(fact);
  fixedRoles.set(fact, { role });
  return role;
}

function decideFixedRole(fact: CellFacts): CellRole | undefined {
  const { markers } = fact;
  if (markers.exclude === true) return excluded("Excluded in its metadata (nb2prod.exclude).");
  if (markers.stage === "exploration") return excluded("Marked as exploration in its metadata (nb2prod.stage).");
  if (markers.skip) return excluded('Tagged "skip" (Kale).');
  if (markers.parameters) return { kind: "params" };
  if (checksEnvironmentOnly(fact)) return excluded("It only checks the notebook's Python or library versions; the generated package pins its dependencies instead.");
  if (fact.scan.statements.length > 0) return undefined;
  const escapes = fact.cell.source.split("\n").map((line) => line.trim()).filter((line) => /^[%!]/.test(line));
  if (escapes.length === 0) return excluded("Empty: only comments or blank lines.");
  const shell = escapes.find((line) => line.startsWith("!"));
  const shown = short(shell ?? escapes[0] ?? "");
  if (shell === undefined) return excluded(`Only IPython magics (${shown}); a pipeline does not need them.`);
  return /^!\s*pip\b/.test(shell)
    ? excluded(`Only shell commands (${shown}); the packages it installs belong in the generated package's dependencies.`)
    : excluded(`Only shell commands (${shown}); a pipeline step does not run shell escapes.`);
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const IMPORT = /^(import|from)\s/;
const VERSION_ASSERT = /^assert\b.*\b(version|__version__|version_info)\b/;

/** Imports and asserts on versions (`assert sys.version_info >= (3, 7)`), nothing else. */
function checksEnvironmentOnly(fact: CellFacts): boolean {
  const { masked, statements } = fact.scan;
  const texts = statements.filter((statement) => statement.indent === 0).map((statement) => masked.slice(statement.start, statement.end).trim());
  return texts.some((text) => VERSION_ASSERT.test(text)) && texts.every((text) => IMPORT.test(text) || VERSION_ASSERT.test(text));
}
