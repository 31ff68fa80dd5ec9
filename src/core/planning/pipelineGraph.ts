// The plan as a graph, for the pipeline graph webview: params and steps as nodes, the
// values passed between them as edges, and, for a run, each step's status and the
// artifacts it wrote. Pure data: the webview lays it out and draws it. Defined with zod
// because it crosses into the webview, which validates what it receives.
import { z } from "zod";
import type { NotebookModel } from "../notebook/notebookModel";
import { ARTIFACT_KINDS } from "../runs/runEvents";
import type { RunSummary } from "../runs/runSummary";
import type { ParamValue, SplitPlan } from "./splitPlan";
import { PIPELINE_STAGES } from "./stages";

/** More artifacts than this on one step are folded into one "+N more" node, so the graph stays readable. */
export const MAX_ARTIFACTS_PER_STEP = 6;

const stepRunSchema = z.strictObject({
  status: z.enum(["completed", "failed", "cached", "running", "not-run"]),
  durationMs: z.number().nonnegative().optional(),
  cacheHit: z.boolean(),
  attempts: z.number().int().nonnegative(),
  error: z.string().optional(),
});

const paramNodeSchema = z.strictObject({
  kind: z.literal("param"),
  id: z.string().min(1),
  name: z.string().min(1),
  type: z.string(),
  /** The value in params.yaml, as a short text. */
  value: z.string(),
});

const stepNodeSchema = z.strictObject({
  kind: z.literal("step"),
  id: z.string().min(1),
  name: z.string().min(1),
  /** 1-based position in the pipeline. */
  position: z.number().int().positive(),
  stage: z.enum(PIPELINE_STAGES),
  rationale: z.string(),
  /** 0-based indexes of the notebook cells the step runs, in notebook order (a divided cell once). */
  cellIndexes: z.array(z.number().int().nonnegative()),
  /** The step in the selected run; absent when no run is shown. */
  run: stepRunSchema.optional(),
});

const artifactNodeSchema = z.strictObject({
  kind: z.literal("artifact"),
  id: z.string().min(1),
  name: z.string().min(1),
  /** The artifact kind, or "more" for the node standing for the artifacts not drawn. */
  artifactKind: z.enum([...ARTIFACT_KINDS, "more"]),
  bytes: z.number().nonnegative().optional(),
  stepId: z.string().min(1),
});

export const graphNodeSchema = z.discriminatedUnion("kind", [paramNodeSchema, stepNodeSchema, artifactNodeSchema]);

export const graphEdgeSchema = z.strictObject({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  kind: z.enum(["value", "param", "artifact"]),
  /** The variable names passed along the edge (empty for an artifact's edge). */
  names: z.array(z.string().min(1)),
});

export const graphRunSchema = z.strictObject({
  runId: z.string().min(1),
  status: z.enum(["completed", "failed", "unfinished"]),
  startedAt: z.string().optional(),
  durationMs: z.number().nonnegative().optional(),
  /** Artifacts of steps this plan does not have (renamed or removed since the run). */
  unplacedArtifacts: z.number().int().nonnegative(),
});

export const pipelineGraphSchema = z.strictObject({
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  run: graphRunSchema.optional(),
});

export type PipelineGraph = z.infer<typeof pipelineGraphSchema>;
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type StepGraphNode = z.infer<typeof stepNodeSchema>;
export type StepRun = z.infer<typeof stepRunSchema>;

/**
 * The graph of a plan, optionally with one run laid over it. Node ids are made from
 * positions, never from names: names come from the notebook and are only data here.
 */
export function buildPipelineGraph(plan: SplitPlan, notebook: NotebookModel, run?: RunSummary): PipelineGraph {
  const stepIds = new Map(plan.steps.map((step, index) => [step.name, `step-${index}`]));
  const paramIds = new Map(plan.params.map((param, index) => [param.name, `param-${index}`]));
  const cellIndexOf = cellIndexLookup(plan, notebook);

  const nodes: GraphNode[] = [
    ...plan.params.map((param, index): GraphNode => ({ kind: "param", id: `param-${index}`, name: param.name, type: param.type, value: shortValue(param.value) })),
    ...plan.steps.map((step, index): GraphNode => {
      const cellIndexes = [...new Set(step.cellIds.map(cellIndexOf).filter((cell) => cell !== undefined))].sort((a, b) => a - b);
      const stepRun = run === undefined ? undefined : stepRunOf(run, step.name);
      return {
        kind: "step",
        id: `step-${index}`,
        name: step.name,
        position: index + 1,
        stage: step.stage,
        rationale: step.rationale,
        cellIndexes,
        ...(stepRun !== undefined && { run: stepRun }),
      };
    }),
  ];

  // One edge per (source, target), labelled with every name it carries, in the order the step reads them.
  const edges = new Map<string, GraphEdge>();
  plan.steps.forEach((step, index) => {
    const target = `step-${index}`;
    for (const input of step.inputs) {
      const source = "fromStep" in input ? stepIds.get(input.fromStep) : paramIds.get(input.param);
      if (source === undefined) continue;
      const id = `${source}->${target}`;
      const edge = edges.get(id) ?? { id, source, target, kind: "fromStep" in input ? "value" : "param", names: [] };
      if (!edge.names.includes(input.name)) edge.names.push(input.name);
      edges.set(id, edge);
    }
  });

  const artifacts = run === undefined ? { nodes: [], edges: [], unplaced: 0 } : artifactNodes(run, stepIds);
  return {
    nodes: [...nodes, ...artifacts.nodes],
    edges: [...edges.values(), ...artifacts.edges],
    ...(run !== undefined && {
      run: {
        runId: run.runId,
        status: run.status,
        ...(run.startedAt !== undefined && { startedAt: run.startedAt }),
        ...(run.durationMs !== undefined && { durationMs: run.durationMs }),
        unplacedArtifacts: artifacts.unplaced,
      },
    }),
  };
}

/** Cell id (or the id of a divided cell's part) → the cell's index in the notebook. */
function cellIndexLookup(plan: SplitPlan, notebook: NotebookModel): (cellId: string) => number | undefined {
  const indexById = new Map(notebook.cells.map((cell) => [cell.id, cell.index]));
  const cellOfPart = new Map(plan.parts.map((part) => [part.id, part.cellId]));
  return (cellId) => indexById.get(cellOfPart.get(cellId) ?? cellId);
}

function stepRunOf(run: RunSummary, stepName: string): StepRun {
  const step = run.steps.find((candidate) => candidate.step === stepName);
  if (step === undefined) return { status: "not-run", cacheHit: false, attempts: 0 };
  return {
    status: step.status,
    cacheHit: step.cacheHit,
    attempts: step.attempts,
    ...(step.durationMs !== undefined && { durationMs: step.durationMs }),
    ...(step.error !== undefined && { error: step.error }),
  };
}

function artifactNodes(run: RunSummary, stepIds: ReadonlyMap<string, string>): { nodes: GraphNode[]; edges: GraphEdge[]; unplaced: number } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  let unplaced = 0;
  const drawnPerStep = new Map<string, number>();
  const foldedPerStep = new Map<string, number>();
  for (const artifact of run.artifacts) {
    const stepId = stepIds.get(artifact.step);
    if (stepId === undefined) {
      unplaced += 1;
      continue;
    }
    const drawn = drawnPerStep.get(stepId) ?? 0;
    if (drawn >= MAX_ARTIFACTS_PER_STEP) {
      foldedPerStep.set(stepId, (foldedPerStep.get(stepId) ?? 0) + 1);
      continue;
    }
    drawnPerStep.set(stepId, drawn + 1);
    const id = `${stepId}-artifact-${drawn}`;
    nodes.push({ kind: "artifact", id, name: artifact.name, artifactKind: artifact.kind, bytes: artifact.bytes, stepId });
    edges.push({ id: `${stepId}->${id}`, source: stepId, target: id, kind: "artifact", names: [] });
  }
  for (const [stepId, count] of foldedPerStep) {
    const id = `${stepId}-artifact-more`;
    nodes.push({ kind: "artifact", id, name: `+${count} more`, artifactKind: "more", stepId });
    edges.push({ id: `${stepId}->${id}`, source: stepId, target: id, kind: "artifact", names: [] });
  }
  return { nodes, edges, unplaced };
}

const MAX_VALUE_CHARS = 24;

function shortValue(value: ParamValue): string {
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/**
 * The runs of this notebook among all runs of the workspace, in the order given: runs
 * record the notebook as it was passed to generate (a relative path), so the file names
 * are compared. A run that recorded no start is matched by its step names instead.
 */
export function runsOfNotebook<T extends { readonly summary: RunSummary }>(runs: readonly T[], notebookPath: string, plan: SplitPlan): T[] {
  const fileName = baseName(notebookPath);
  const stepNames = new Set(plan.steps.map((step) => step.name));
  return runs.filter(({ summary }) => {
    const recorded = summary.runStarted?.notebook;
    if (recorded !== undefined) return baseName(recorded) === fileName;
    return summary.steps.length > 0 && summary.steps.every((step) => stepNames.has(step.step));
  });
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
