// Warnings: what the plan could not honour or the user should know, each in plain words
// with what to do next.
import type { CellFacts } from "./cellFacts";
import type { CellRole } from "./cellRoles";
import { nameList } from "./rationale";
import type { Definition } from "./sharedCode";
import type { MissingValue } from "./stepIo";
import type { ValueGraph } from "./valueGraph";

export function cellWarnings(facts: readonly CellFacts[]): string[] {
  return facts.flatMap((fact) => {
    const warnings = fact.markers.problems.map((problem) => `Cell ${fact.number}: ${problem}; the marker is ignored.`);
    if (!fact.analysed && fact.cell.source.trim() !== "") {
      warnings.push(`Cell ${fact.number} (${fact.cell.language}) was not analysed; the plan does not know what it reads or defines.`);
    }
    const error = fact.analysis.syntaxErrors[0];
    if (error !== undefined) {
      warnings.push(`Cell ${fact.number} has a syntax error on line ${error.line} (${error.message}); the plan may miss part of what it does.`);
    }
    const run = fact.analysis.magics.find((magic) => magic.kind === "line-magic" && magic.name === "run");
    if (run !== undefined) warnings.push(`Cell ${fact.number} runs other code (%${run.text}); the plan cannot see what that defines.`);
    return warnings;
  });
}

export function definitionWarnings(kept: readonly Definition[], liftable: readonly Definition[], facts: readonly CellFacts[], roles: readonly CellRole[]): string[] {
  const stays = kept
    .filter((definition) => roles[definition.position]?.kind === "step")
    .map((definition) => {
      const what = definition.kind === "class" ? "Class" : "Function";
      return `${what} ${definition.name} (cell ${facts[definition.position]?.number ?? 0}) ${usesPhrase(definition)}, so it stays in its step instead of the shared module.`;
    });
  const forced = liftable
    .filter((definition) => definition.notebookReads.length > 0)
    .map(
      (definition) =>
        `${definition.name} (cell ${facts[definition.position]?.number ?? 0}) is in a Kale "${facts[definition.position]?.markers.shared ?? "functions"}" cell ` +
        `but ${usesPhrase(definition)}; the shared module will not see it. Pass it as an argument.`,
    );
  return [...stays, ...forced];
}

function usesPhrase(definition: Definition): string {
  const variables = definition.notebookReads.filter((name) => name !== "global");
  const parts = variables.length > 0 ? [`reads the notebook variable${variables.length > 1 ? "s" : ""} ${nameList(variables)}`] : [];
  if (definition.notebookReads.includes("global")) parts.push("assigns notebook variables with global");
  return parts.join(" and ");
}

export function missingValueWarnings(missing: readonly MissingValue[], facts: readonly CellFacts[], roles: readonly CellRole[]): string[] {
  const seen = new Set<string>();
  return missing.flatMap((entry) => {
    const key = `${entry.name}\u0000${entry.definer}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const reader = facts[entry.reader]?.number ?? 0;
    const definer = facts[entry.definer]?.number ?? 0;
    const role = roles[entry.definer];
    if (role?.kind === "params") {
      return [`Cell ${reader} reads ${entry.name}, which the parameters cell (cell ${definer}) does not set to a plain value. Make it a literal or move it to a code cell.`];
    }
    return [`Cell ${reader} reads ${entry.name}, but the cell that defines it (cell ${definer}) is left out of the pipeline. Include cell ${definer}, or the step will fail.`];
  });
}

export function unresolvedWarnings(facts: readonly CellFacts[], roles: readonly CellRole[], graph: ValueGraph, hasStarImport: (position: number) => boolean): string[] {
  const readers = new Map<string, number[]>();
  for (const fact of facts) {
    if (roles[fact.position]?.kind !== "step" || hasStarImport(fact.position)) continue;
    for (const name of graph.unresolvedOf(fact.position)) readers.set(name, [...(readers.get(name) ?? []), fact.number]);
  }
  return [...readers].map(([name, cells]) => {
    const where = cells.length === 1 ? `Cell ${cells[0] ?? 0} reads` : `Cells ${nameList(cells.map(String))} read`;
    return `${where} ${name}, which no earlier cell defines; the notebook only works with hidden state. Define ${name} before its first use.`;
  });
}

/** Cells left out although a later kept cell reads a value they change in place. */
export function leftOutMutationWarnings(facts: readonly CellFacts[], roles: readonly CellRole[]): string[] {
  // Only the names left-out cells change matter: most notebooks have none, and re-planning runs this on every edit.
  const changedByLeftOut = new Set(facts.flatMap((fact) => (roles[fact.position]?.kind === "excluded" ? fact.analysis.mutates.map((mutation) => mutation.name) : [])));
  if (changedByLeftOut.size === 0) return [];
  const lastReader = new Map<string, number>();
  for (const fact of facts) {
    if (roles[fact.position]?.kind === "excluded") continue;
    for (const name of fact.analysis.reads) if (changedByLeftOut.has(name)) lastReader.set(name, fact.position);
  }
  return facts.flatMap((fact) => {
    if (roles[fact.position]?.kind !== "excluded") return [];
    const changed = [...new Set(fact.analysis.mutates.map((mutation) => mutation.name))].filter((name) => (lastReader.get(name) ?? -1) > fact.position);
    if (changed.length === 0) return [];
    return [`Cell ${fact.number} changes ${nameList(changed)} in place but is left out, so later steps see ${changed.length > 1 ? "them" : "it"} unchanged.`];
  });
}
