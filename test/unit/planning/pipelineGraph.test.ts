// The plan as a graph for the pipeline graph webview: nodes, the values on its edges, and
// a recorded run (the diabetes_regression fixture) laid over it.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import { buildPipelineGraph, MAX_ARTIFACTS_PER_STEP, pipelineGraphSchema, runsOfNotebook } from "../../../src/core/planning/pipelineGraph";
import type { GraphNode, PipelineGraph, StepGraphNode } from "../../../src/core/planning/pipelineGraph";
import { splitPlanSchema } from "../../../src/core/planning/splitPlan";
import type { PlanStep, SplitPlan } from "../../../src/core/planning/splitPlan";
import { parseRunLog } from "../../../src/core/runs/runLog";
import { summariseRun } from "../../../src/core/runs/runSummary";
import type { RunSummary } from "../../../src/core/runs/runSummary";
import { jsonl, sample } from "../runs/eventFixtures";
import { CACHED_RUN_ID, cachedRunLog, COMPLETED_RUN_ID, completedRunLog } from "../runs/runFixtures";

type StepSpec = Pick<PlanStep, "name" | "stage" | "cellIds" | "inputs"> & { readonly outputs?: readonly string[] };

function planOf(steps: readonly StepSpec[], params: readonly { name: string; value: number | string }[] = [], parts: SplitPlan["parts"] = []): SplitPlan {
  return splitPlanSchema.parse({
    schemaVersion: 2,
    boundaries: "headings",
    steps: steps.map((step) => ({
      name: step.name,
      stage: step.stage,
      cellIds: step.cellIds,
      inputs: step.inputs,
      outputs: (step.outputs ?? []).map((name) => ({ name })),
      imports: [],
      reports: [],
      rationale: `Why ${step.name}`,
    })),
    parts,
    excluded: [],
    params: params.map((param) => ({ ...param, type: typeof param.value === "number" ? "float" : "str", cellId: "params" })),
    parametersCellIds: params.length > 0 ? ["params"] : [],
    shared: { functions: [], classes: [], constants: [], imports: [], cellIds: [] },
    cellStages: [],
    warnings: [],
  });
}

function notebookOf(cellIds: readonly string[]): NotebookModel {
  return {
    origin: "test.ipynb",
    language: "python",
    cells: cellIds.map((id, index) => ({ id, index, kind: "code", language: "python", source: "", tags: [], executionCount: null, metadata: {} })),
  };
}

function summaryOf(runId: string, text: string): RunSummary {
  const log = parseRunLog(text);
  return summariseRun(runId, log.events, log.problems);
}

function steps(graph: PipelineGraph): StepGraphNode[] {
  return graph.nodes.filter((node): node is StepGraphNode => node.kind === "step");
}

function ofKind(graph: PipelineGraph, kind: GraphNode["kind"]): GraphNode[] {
  return graph.nodes.filter((node) => node.kind === kind);
}

/** The diabetes_regression plan (examples/diabetes_regression.ipynb), with the step names its recorded runs use. */
const DIABETES_CELLS = ["md", "params", "122b1a71", "90bfb303", "4b0c22b9", "f707c18c", "f2f1b547", "0a7c55d0"];
const diabetesPlan = planOf(
  [
    { name: "ingest", stage: "ingestion", cellIds: ["122b1a71"], inputs: [], outputs: ["X", "y"] },
    { name: "validate", stage: "validation", cellIds: ["90bfb303"], inputs: [{ name: "X", fromStep: "ingest" }, { name: "y", fromStep: "ingest" }], outputs: ["X", "y"] },
    {
      name: "split",
      stage: "preprocessing",
      cellIds: ["4b0c22b9"],
      inputs: [{ name: "X", fromStep: "validate" }, { name: "test_size", param: "test_size" }, { name: "y", fromStep: "validate" }],
      outputs: ["X_train", "y_train"],
    },
    { name: "train", stage: "training", cellIds: ["f707c18c"], inputs: [{ name: "X_train", fromStep: "split" }, { name: "alpha", param: "alpha" }, { name: "y_train", fromStep: "split" }], outputs: ["regressor"] },
    { name: "evaluate", stage: "evaluation", cellIds: ["f2f1b547"], inputs: [{ name: "regressor", fromStep: "train" }] },
    { name: "register", stage: "registration", cellIds: ["0a7c55d0"], inputs: [{ name: "regressor", fromStep: "train" }] },
  ],
  [
    { name: "alpha", value: 1 },
    { name: "test_size", value: 0.2 },
  ],
);

describe("buildPipelineGraph", () => {
  it("makes a node per param and step, and one edge per pair of nodes labelled with every value passed", () => {
    const graph = buildPipelineGraph(diabetesPlan, notebookOf(DIABETES_CELLS));
    assert.deepEqual(
      ofKind(graph, "param").map((node) => (node.kind === "param" ? [node.id, node.name, node.type, node.value] : [])),
      [
        ["param-0", "alpha", "float", "1"],
        ["param-1", "test_size", "float", "0.2"],
      ],
    );
    assert.deepEqual(
      steps(graph).map((node) => [node.id, node.position, node.name, node.stage, node.cellIndexes]),
      [
        ["step-0", 1, "ingest", "ingestion", [2]],
        ["step-1", 2, "validate", "validation", [3]],
        ["step-2", 3, "split", "preprocessing", [4]],
        ["step-3", 4, "train", "training", [5]],
        ["step-4", 5, "evaluate", "evaluation", [6]],
        ["step-5", 6, "register", "registration", [7]],
      ],
    );
    assert.deepEqual(
      graph.edges.map((edge) => [edge.source, edge.target, edge.kind, edge.names]),
      [
        ["step-0", "step-1", "value", ["X", "y"]],
        ["step-1", "step-2", "value", ["X", "y"]],
        ["param-1", "step-2", "param", ["test_size"]],
        ["step-2", "step-3", "value", ["X_train", "y_train"]],
        ["param-0", "step-3", "param", ["alpha"]],
        ["step-3", "step-4", "value", ["regressor"]],
        ["step-3", "step-5", "value", ["regressor"]],
      ],
    );
    assert.equal(graph.run, undefined);
    assert.deepEqual(ofKind(graph, "artifact"), []);
    assert.ok(steps(graph).every((node) => node.run === undefined));
  });

  it("shows each step's cells by notebook index, a divided cell once, and skips cells no longer in the notebook", () => {
    const plan = planOf(
      [
        { name: "load", stage: "ingestion", cellIds: ["c1", "c2#1"], inputs: [] },
        { name: "fit", stage: "training", cellIds: ["c2#2", "gone"], inputs: [] },
        { name: "both", stage: "evaluation", cellIds: ["c3", "c3#1", "c3#2"], inputs: [] },
      ],
      [],
      [
        { id: "c2#1", cellId: "c2", fromLine: 1, toLine: 2 },
        { id: "c2#2", cellId: "c2", fromLine: 3, toLine: 4 },
        { id: "c3#1", cellId: "c3", fromLine: 1, toLine: 1 },
        { id: "c3#2", cellId: "c3", fromLine: 2, toLine: 2 },
      ],
    );
    const graph = buildPipelineGraph(plan, notebookOf(["md", "c1", "c2", "c3"]));
    assert.deepEqual(steps(graph).map((node) => node.cellIndexes), [[1, 2], [2], [3]]);
  });

  it("lays a run over the plan: each step's status, duration and cache hit, and its artifacts hanging off it", () => {
    const graph = buildPipelineGraph(diabetesPlan, notebookOf(DIABETES_CELLS), summaryOf(COMPLETED_RUN_ID, completedRunLog()));
    assert.deepEqual(graph.run && { ...graph.run, durationMs: Math.round(graph.run.durationMs ?? 0) }, {
      runId: COMPLETED_RUN_ID,
      status: "completed",
      startedAt: "2026-11-30T10:36:25.733Z",
      durationMs: 570,
      unplacedArtifacts: 0,
    });
    const train = steps(graph).find((node) => node.name === "train");
    assert.equal(train?.run?.status, "completed");
    assert.equal(train.run.cacheHit, false);
    assert.equal(train.run.attempts, 1);
    assert.ok((train.run.durationMs ?? 0) > 0);
    const artifactsByStep = new Map<string, string[]>();
    for (const edge of graph.edges.filter((candidate) => candidate.kind === "artifact")) {
      const artifact = graph.nodes.find((node) => node.id === edge.target);
      assert.equal(artifact?.kind, "artifact");
      assert.equal(artifact.stepId, edge.source);
      artifactsByStep.set(edge.source, [...(artifactsByStep.get(edge.source) ?? []), artifact.name]);
    }
    assert.deepEqual(Object.fromEntries(artifactsByStep), {
      "step-0": ["X", "y"],
      "step-2": ["X_test", "X_train", "y_test", "y_train"],
      "step-3": ["regressor"],
      "step-4": ["mae", "r2", "residuals"],
    });
    const regressor = ofKind(graph, "artifact").find((node) => node.name === "regressor");
    assert.deepEqual(regressor?.kind === "artifact" ? [regressor.artifactKind, regressor.bytes] : [], ["model", 915]);
  });

  it("says a step was served from the cache", () => {
    const graph = buildPipelineGraph(diabetesPlan, notebookOf(DIABETES_CELLS), summaryOf(CACHED_RUN_ID, cachedRunLog()));
    const cached = steps(graph).filter((node) => node.run?.cacheHit === true);
    assert.ok(cached.length > 0, "the cached fixture run has steps served from the cache");
    assert.ok(cached.every((node) => node.run?.status === "cached" || node.run?.status === "completed"));
  });

  it("marks the plan's steps a run never started as not run, and counts artifacts of steps the plan no longer has", () => {
    const plan = planOf([
      { name: "ingest", stage: "ingestion", cellIds: ["122b1a71"], inputs: [] },
      { name: "brand_new", stage: "training", cellIds: ["f707c18c"], inputs: [] },
    ]);
    const graph = buildPipelineGraph(plan, notebookOf(DIABETES_CELLS), summaryOf(COMPLETED_RUN_ID, completedRunLog()));
    assert.deepEqual(steps(graph).map((node) => node.run?.status), ["completed", "not-run"]);
    assert.equal(graph.run?.unplacedArtifacts, 8);
    assert.deepEqual(ofKind(graph, "artifact").map((node) => node.name), ["X", "y"]);
  });

  it(`folds more than ${MAX_ARTIFACTS_PER_STEP} artifacts of one step into a "+N more" node`, () => {
    const plan = planOf([{ name: "load", stage: "ingestion", cellIds: ["c1"], inputs: [] }]);
    const artifacts = Array.from({ length: MAX_ARTIFACTS_PER_STEP + 3 }, (_, index) => sample("artifact", { name: `a${index}` }));
    const graph = buildPipelineGraph(plan, notebookOf(["c1"]), summaryOf("r1", jsonl([sample("run_started"), ...artifacts])));
    const names = ofKind(graph, "artifact").map((node) => node.name);
    assert.equal(names.length, MAX_ARTIFACTS_PER_STEP + 1);
    assert.equal(names.at(-1), "+3 more");
    assert.equal(graph.edges.filter((edge) => edge.kind === "artifact").length, MAX_ARTIFACTS_PER_STEP + 1);
  });

  it("keeps names from the notebook as data: ids never contain them and they survive the trip to the webview", () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const plan = planOf(
      [
        { name: hostile, stage: "ingestion", cellIds: ["c1"], inputs: [], outputs: ["</text><script>"] },
        { name: "next", stage: "training", cellIds: ["c2"], inputs: [{ name: "</text><script>", fromStep: hostile }, { name: "p", param: "${x}" }] },
      ],
      [{ name: "${x}", value: "'; DROP TABLE --" }],
    );
    const graph = buildPipelineGraph(plan, notebookOf(["c1", "c2"]));
    assert.ok(graph.nodes.every((node) => /^[a-z0-9-]+$/.test(node.id)));
    assert.ok(graph.edges.every((edge) => /^[a-z0-9->]+$/.test(edge.id)));
    assert.equal(steps(graph)[0]?.name, hostile);
    assert.deepEqual(graph.edges.find((edge) => edge.kind === "value")?.names, ["</text><script>"]);
    const received = pipelineGraphSchema.parse(JSON.parse(JSON.stringify(graph)));
    assert.deepEqual(received, graph);
  });

  it("shortens long param values", () => {
    const graph = buildPipelineGraph(planOf([{ name: "s", stage: "ingestion", cellIds: ["c1"], inputs: [] }], [{ name: "path", value: "x".repeat(100) }]), notebookOf(["c1"]));
    const param = ofKind(graph, "param")[0];
    assert.ok(param?.kind === "param" && param.value.length <= 24 && param.value.endsWith("…"));
  });
});

describe("runsOfNotebook", () => {
  const completed = { summary: summaryOf(COMPLETED_RUN_ID, completedRunLog()) };

  it("matches runs to the notebook by its file name, wherever generate was run from", () => {
    assert.deepEqual(runsOfNotebook([completed], "/home/me/project/examples/diabetes_regression.ipynb", diabetesPlan), [completed]);
    assert.deepEqual(runsOfNotebook([completed], "/home/me/project/iris_classifier.ipynb", diabetesPlan), []);
  });

  it("matches a run that recorded no start by its step names", () => {
    const noStart = { summary: summaryOf("r2", jsonl([sample("step_started", { step: "train" })])) };
    const otherSteps = { summary: summaryOf("r3", jsonl([sample("step_started", { step: "fit_model" })])) };
    assert.deepEqual(runsOfNotebook([noStart, otherSteps], "/x/diabetes_regression.ipynb", diabetesPlan), [noStart]);
  });
});
