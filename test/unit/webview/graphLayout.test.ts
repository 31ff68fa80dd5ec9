// The pipeline graph webview's layout, run by ELK in plain Node: boxes sized from the
// measured text that never overlap, edges from their source to their target in the
// direction of the flow, labelled with the values they carry.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GraphNode, PipelineGraph } from "../../../src/core/planning/pipelineGraph";
import { layoutGraph, nodeHeight, nodeLines } from "../../../src/webview/pipelineGraph/layout";
import type { PlacedNode } from "../../../src/webview/pipelineGraph/layout";

/** A fixed-width font: 7 px a character. */
const measure = (text: string): number => text.length * 7;

function step(index: number, name: string, run?: Extract<GraphNode, { kind: "step" }>["run"]): GraphNode {
  return { kind: "step", id: `step-${index}`, name, position: index + 1, stage: "training", rationale: "why", cellIndexes: [index], ...(run !== undefined && { run }) };
}

const graph: PipelineGraph = {
  nodes: [
    { kind: "param", id: "param-0", name: "alpha", type: "float", value: "1.0" },
    step(0, "ingest", { status: "completed", durationMs: 326, cacheHit: false, attempts: 1 }),
    step(1, "a_step_with_a_rather_long_name_for_its_box", { status: "cached", durationMs: 2, cacheHit: true, attempts: 1 }),
    step(2, "train", { status: "not-run", cacheHit: false, attempts: 0 }),
    { kind: "artifact", id: "step-0-artifact-0", name: "X", artifactKind: "dataframe", bytes: 19123, stepId: "step-0" },
  ],
  edges: [
    { id: "step-0->step-1", source: "step-0", target: "step-1", kind: "value", names: ["X", "y"] },
    { id: "step-1->step-2", source: "step-1", target: "step-2", kind: "value", names: ["X_train"] },
    { id: "param-0->step-2", source: "param-0", target: "step-2", kind: "param", names: ["alpha"] },
    { id: "step-0->step-0-artifact-0", source: "step-0", target: "step-0-artifact-0", kind: "artifact", names: [] },
  ],
};

function overlap(a: PlacedNode, b: PlacedNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function onBorder(point: { x: number; y: number }, box: PlacedNode): boolean {
  const within = (value: number, from: number, to: number): boolean => value >= from - 1 && value <= to + 1;
  return within(point.x, box.x, box.x + box.width) && within(point.y, box.y, box.y + box.height);
}

describe("layoutGraph", () => {
  it("sizes every node from its text and places no two nodes over each other", async () => {
    const layout = await layoutGraph(graph, measure);
    assert.equal(layout.nodes.length, graph.nodes.length);
    for (const placed of layout.nodes) {
      assert.equal(placed.height, nodeHeight(placed.node));
      assert.ok(placed.width >= measure(nodeLines(placed.node).title), `${placed.node.id} is wide enough for its title`);
      assert.ok(placed.x >= 0 && placed.y >= 0 && placed.x + placed.width <= layout.width && placed.y + placed.height <= layout.height);
    }
    for (const [index, a] of layout.nodes.entries()) {
      for (const b of layout.nodes.slice(index + 1)) assert.ok(!overlap(a, b), `${a.node.id} and ${b.node.id} overlap`);
    }
  });

  it("routes each edge from its source down to its target, labelled with the names it carries", async () => {
    const layout = await layoutGraph(graph, measure);
    const box = new Map(layout.nodes.map((placed) => [placed.node.id, placed]));
    assert.equal(layout.edges.length, graph.edges.length);
    for (const { edge, points, label } of layout.edges) {
      const source = box.get(edge.source);
      const target = box.get(edge.target);
      assert.ok(source && target);
      const first = points[0];
      const last = points.at(-1);
      assert.ok(first && last && onBorder(first, source) && onBorder(last, target), `${edge.id} joins its nodes`);
      assert.ok(source.y < target.y, `${edge.id} points down the flow`);
      assert.equal(label?.text, edge.names.length === 0 ? undefined : edge.names.join(", "));
    }
  });
});

describe("nodeLines", () => {
  it("says a step's stage, cells and, for a run, its status, duration and cache hit", () => {
    assert.deepEqual(nodeLines(step(1, "fit", { status: "cached", durationMs: 2, cacheHit: true, attempts: 2 })), {
      title: "2. fit",
      details: ["training · cell 2", "cached · 2 ms · cache hit · 2 attempts"],
    });
    assert.deepEqual(nodeLines(step(2, "later", { status: "not-run", cacheHit: false, attempts: 0 })).details[1], "not run");
    assert.deepEqual(nodeLines({ kind: "artifact", id: "a", name: "model", artifactKind: "model", bytes: 915, stepId: "s" }), { title: "model", details: ["model · 915 B"] });
  });
});
