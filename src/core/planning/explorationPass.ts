// Finds the exploration cells: their results feed nothing the pipeline keeps and they only
// show things. Walking from the last cell up, each kept cell marks the cells that provide
// its values, so a plot's `fig, ax = plt.subplots()` cell is left out with the plot.
// A cell that changes in place a value a kept cell defined is kept even when it plots:
// leaving it out would make the pipeline's value differ from the notebook's.
import type { CellFacts } from "./cellFacts";
import type { CellMarkers } from "./cellMarkers";
import type { CellRole } from "./cellRoles";
import { boundName, hoistableImports } from "./importIndex";
import type { DefinitionAnalysis } from "./sharedCode";
import { evidenceFor } from "./stageScore";
import type { Providers, ValueGraph } from "./valueGraph";

export function assignRoles(
  facts: readonly CellFacts[],
  fixed: readonly (CellRole | undefined)[],
  definitions: DefinitionAnalysis,
  graph: ValueGraph,
  providers: Providers,
): CellRole[] {
  // Keeping a changer can keep the cells it reads from, whose own changers may then be
  // kept: repeat until nothing more is kept (each round only adds kept cells, so it ends).
  const settled = [...fixed];
  for (;;) {
    const roles = assignRolesOnce(facts, settled, definitions, graph, providers);
    const changers = keptValueChangers(facts, roles, graph);
    if (changers.length === 0) return roles;
    for (const position of changers) settled[position] = { kind: "step" };
  }
}

/** Left-out exploration cells that change in place a value whose defining cell is kept. */
function keptValueChangers(facts: readonly CellFacts[], roles: readonly CellRole[], graph: ValueGraph): number[] {
  return facts.flatMap((fact) => {
    const role = roles[fact.position];
    if (role?.kind !== "excluded" || !role.exploration) return [];
    const changed = new Set(fact.analysis.mutates.map((mutation) => mutation.name));
    const changesKeptValue = graph.readsOf(fact.position).some((read) => changed.has(read.name) && roles[read.definer]?.kind !== "excluded");
    return changesKeptValue ? [fact.position] : [];
  });
}

function assignRolesOnce(
  facts: readonly CellFacts[],
  fixed: readonly (CellRole | undefined)[],
  definitions: DefinitionAnalysis,
  graph: ValueGraph,
  providers: Providers,
): CellRole[] {
  const helpers = new Map<number, string[]>();
  for (const definition of definitions.liftable) helpers.set(definition.position, [...(helpers.get(definition.position) ?? []), definition.name]);
  const importedNames = facts.map((fact) => new Set(hoistableImports(fact.analysis.imports).map(boundName)));
  // Collected last cell first, then reversed: filling an array from its end would make it sparse.
  const reversed: CellRole[] = [];
  const feeding: boolean[] = facts.map(() => false);
  for (let position = facts.length - 1; position >= 0; position -= 1) {
    const fact = facts[position];
    if (fact === undefined) continue;
    const role =
      fixed[position] ??
      (definitions.wholeCells.has(position)
        ? sharedRole(fact, helpers.get(position) ?? [], feeding[position] === true)
        : codeRole(fact, feeding[position] === true));
    reversed.push(role);
    if (role.kind === "excluded") continue;
    for (const read of graph.readsOf(position)) {
      const provider = providers.providerOf(position, read);
      // Imports are given to every step that uses them, so an import feeds nothing by itself.
      if (!importedNames[provider]?.has(read.name)) feeding[provider] = true;
    }
  }
  return reversed.reverse();
}

function sharedRole(fact: CellFacts, helpers: readonly string[], feeding: boolean): CellRole {
  if (helpers.length === 0 || feeding || fact.markers.shared !== undefined) return { kind: "shared" };
  return { kind: "excluded", reason: `Only defines helpers no pipeline step uses (${helpers.join(", ")}).`, exploration: true };
}

function codeRole(fact: CellFacts, feeding: boolean): CellRole {
  const score = fact.score;
  if (feeding || score.keeps || hasOwnMarker(fact.markers)) return { kind: "step" };
  const { displayOnly, mutates } = fact.analysis;
  const displays =
    (displayOnly && mutates.length === 0) || score.shows || (score.explorationScore > 0 && score.explorationScore >= score.bestScore);
  return displays ? { kind: "excluded", reason: explorationReason(fact), exploration: true } : { kind: "step" };
}

/** A marker on the cell itself means its author placed it; never drop it silently. */
function hasOwnMarker(markers: CellMarkers): boolean {
  return markers.step !== undefined || markers.exclude === false || markers.stage !== undefined || markers.metrics || markers.prev.length > 0;
}

function explorationReason(fact: CellFacts): string {
  const shown = evidenceFor(fact.evidence, "exploration")[0];
  if (shown === undefined) return "It only shows its last expression, and nothing in the pipeline uses it.";
  const where = shown.line !== undefined ? `, line ${shown.line}` : "";
  return `It ${shown.says} (${shown.text}${where}) and nothing in the pipeline uses what it computes.`;
}
