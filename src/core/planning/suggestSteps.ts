// From an analysed notebook to a SplitPlan. Each phase is its own module; this file only
// runs them in order:
//   facts → roles (params, shared, left out) → stages → step groups → inputs/outputs.
// Deterministic: every phase walks cells in notebook order and sorts what it collects.
import type { CellAnalysis } from "../analysis/cellAnalysis";
import type { Dataflow } from "../analysis/dataflowTypes";
import type { NotebookModel } from "../notebook/notebookModel";
import type { Pass } from "./autoSegments";
import type { CellFacts } from "./cellFacts";
import { buildCellFacts, factsWithParts } from "./cellFacts";
import type { CellRole } from "./cellRoles";
import { fixedRole } from "./cellRoles";
import { assignRoles } from "./explorationPass";
import { sectionsOfCodeCells } from "./headings";
import { ImportIndex, hoistableImports } from "./importIndex";
import { buildSteps, cellStageEntries, prevWarnings, probeSteps, sharedSection } from "./planAssembly";
import { readPlanParams } from "./planParams";
import { cellWarnings, definitionWarnings, leftOutMutationWarnings, missingValueWarnings, unresolvedWarnings } from "./planWarnings";
import { analyseDefinitions } from "./sharedCode";
import type { Definition } from "./sharedCode";
import type { SplitPlan } from "./splitPlan";
import { SPLIT_PLAN_SCHEMA_VERSION } from "./splitPlan";
import { classifyCells } from "./stageClassifier";
import { divideMixedCells } from "./cellDivision";
import { buildProducingSteps } from "./producingSteps";
import { planningView } from "./planningView";
import { groupSteps } from "./stepGroups";
import { computeStepIo, stepValueNames } from "./stepIo";
import { TypeHints } from "./typeHints";
import { Providers, ValueGraph } from "./valueGraph";
import { ValueRouter } from "./valueRouting";

/**
 * Suggests how `notebook` becomes pipeline steps. The author's markers win (nb2prod
 * metadata, Kale tags, the parameters tag, then markdown headings); elsewhere steps start
 * where the stage changes, at the cut that passes fewest values. `analyses` and `dataflow`
 * are the analysis of the same notebook; the same input always gives the same plan.
 */
export function suggestPlan(wholeNotebook: NotebookModel, wholeAnalyses: readonly CellAnalysis[], wholeDataflow: Dataflow): SplitPlan {
  const wholeFacts = buildCellFacts(wholeNotebook, wholeAnalyses);
  const parts = divideMixedCells(wholeFacts, wholeFacts.map(fixedRole));
  const { notebook, analyses, dataflow } = planningView({ notebook: wholeNotebook, analyses: wholeAnalyses, dataflow: wholeDataflow }, parts);
  const facts = parts.length === 0 ? wholeFacts : factsWithParts(wholeFacts, notebook, analyses);
  const fixed = facts.map(fixedRole);
  const imports = new ImportIndex(facts.map((fact) => ({ position: fact.position, imports: hoistableImports(fact.analysis.imports) })));
  const definitions = analyseDefinitions(facts, (position) => fixed[position] === undefined, imports);
  const graph = new ValueGraph(facts, dataflow);
  const providers = new Providers(facts, (position) => fixed[position]?.kind !== "excluded");
  const roles = assignRoles(facts, fixed, definitions, graph, providers);
  const sections = sectionsOfCodeCells(notebook);
  const classified = classifyCells(facts, roles, sections);
  const params = readPlanParams(facts, roles);
  const lifted = definitions.liftable.filter((definition) => roles[definition.position]?.kind !== "excluded");
  const router = new ValueRouter({ facts, roles, providers, params: params.byCell, lifted: liftedKeys(lifted) });
  const passes = (positions: readonly number[]): Pass[] => passesWithin(positions, graph, router);
  const grouping = groupSteps({ facts, roles, classified, sections, passesWithin: passes });
  const typeHints = new TypeHints(facts, imports);
  const built = buildProducingSteps(
    grouping.groups,
    (groups) => probeSteps(groups, { facts, classified }, (steps) => stepValueNames(steps, { facts, graph, router })),
    (groups) => buildSteps(groups, { facts, classified }, (steps) => computeStepIo(steps, { facts, graph, router, imports, typeHints })),
  );
  return {
    schemaVersion: SPLIT_PLAN_SCHEMA_VERSION,
    boundaries: grouping.mode,
    steps: built.steps,
    parts: parts.map((part) => ({ id: part.id, cellId: part.cellId, fromLine: part.fromLine, toLine: part.toLine })),
    excluded: excludedCells(facts, roles),
    params: params.list,
    parametersCellIds: params.cellIds,
    shared: sharedSection(facts, roles, { lifted, constants: definitions.constants }, imports),
    cellStages: cellStageEntries(classified, built.steps),
    warnings: [
      ...cellWarnings(facts),
      ...params.warnings,
      ...grouping.warnings,
      ...definitionWarnings(definitions.kept, lifted, facts, roles),
      ...missingValueWarnings(built.missing, facts, roles),
      ...unresolvedWarnings(facts, roles, graph, (position) => imports.starImportsBefore(position).length > 0),
      ...leftOutMutationWarnings(facts, roles),
      ...prevWarnings(facts, built.steps),
      ...built.warnings,
    ],
  };
}

function liftedKeys(lifted: readonly Definition[]): Set<string> {
  return new Set(lifted.map((definition) => `${definition.position}:${definition.name}`));
}

function excludedCells(facts: readonly CellFacts[], roles: readonly CellRole[]): SplitPlan["excluded"] {
  return facts.flatMap((fact) => {
    const role = roles[fact.position];
    return role?.kind === "excluded" ? [{ cellId: fact.cell.id, reason: role.reason }] : [];
  });
}

/** Values passed from one of `positions` to a later one of them (for choosing cuts). */
function passesWithin(positions: readonly number[], graph: ValueGraph, router: ValueRouter): Pass[] {
  const indexOf = new Map(positions.map((position, index) => [position, index]));
  const passes: Pass[] = [];
  positions.forEach((position, to) => {
    const reads = graph.readsOf(position);
    const routes = router.routesOf(position, reads);
    reads.forEach((read, index) => {
      const route = routes[index];
      const from = route?.kind === "cell" ? indexOf.get(route.provider) : undefined;
      if (from !== undefined && from < to) passes.push({ name: read.name, from, to });
    });
  });
  return passes;
}
