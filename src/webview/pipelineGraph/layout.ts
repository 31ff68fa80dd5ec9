// Layout by ELK's layered algorithm (elkjs): node sizes come from the measured text, ELK
// places the nodes, routes the edges orthogonally and places their labels; the renderer
// only draws at the coordinates it returns.
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk.bundled.js";
import type { GraphEdge, GraphNode, PipelineGraph } from "../../core/planning/pipelineGraph";
import { formatBytes, formatDuration } from "../../core/runs/runFormat";

/** Width in pixels of a text in one of the graph's fonts. */
export type MeasureText = (text: string, font: "title" | "detail" | "label") => number;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode {
  readonly node: GraphNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly edge: GraphEdge;
  readonly points: readonly Point[];
  readonly label?: { readonly text: string; readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

export const NODE_PADDING_X = 14;
const STEP_MIN_WIDTH = 170;
const LABEL_HEIGHT = 16;

/** Heights per node kind; a step with a run shows one more line. */
export function nodeHeight(node: GraphNode): number {
  if (node.kind === "step") return node.run === undefined ? 52 : 70;
  return node.kind === "param" ? 30 : 40;
}

/** The lines a node shows, shared by sizing and drawing so the two never disagree. */
export function nodeLines(node: GraphNode): { readonly title: string; readonly details: readonly string[] } {
  switch (node.kind) {
    case "param":
      return { title: `${node.name} = ${node.value}`, details: [] };
    case "artifact":
      return { title: node.name, details: [node.artifactKind === "more" ? "artifacts" : `${node.artifactKind}${node.bytes === undefined ? "" : ` · ${formatBytes(node.bytes)}`}`] };
    case "step":
      return { title: `${node.position}. ${node.name}`, details: [`${node.stage} · ${cellsText(node.cellIndexes)}`, ...(node.run === undefined ? [] : [runText(node.run)])] };
  }
}

function cellsText(indexes: readonly number[]): string {
  if (indexes.length === 0) return "no cells";
  const numbers = indexes.map((index) => index + 1);
  return numbers.length === 1 ? `cell ${numbers[0] ?? ""}` : `cells ${numbers.join(", ")}`;
}

function runText(run: NonNullable<Extract<GraphNode, { kind: "step" }>["run"]>): string {
  const parts: string[] = [run.status.replace("-", " ")];
  if (run.durationMs !== undefined) parts.push(formatDuration(run.durationMs));
  if (run.cacheHit) parts.push("cache hit");
  if (run.attempts > 1) parts.push(`${run.attempts} attempts`);
  return parts.join(" · ");
}

function nodeWidth(node: GraphNode, measure: MeasureText): number {
  const { title, details } = nodeLines(node);
  // Steps leave room for the stage stripe and the status dot.
  const extra = node.kind === "step" ? 18 : 0;
  const widest = Math.max(measure(title, "title"), ...details.map((line) => measure(line, "detail")));
  return Math.ceil(Math.max(node.kind === "step" ? STEP_MIN_WIDTH : 60, widest + 2 * NODE_PADDING_X + extra));
}

const LAYOUT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.padding": "[top=20,left=20,bottom=20,right=20]",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeNode": "16",
  "elk.spacing.edgeEdge": "10",
  "elk.spacing.edgeLabel": "4",
  "elk.layered.spacing.nodeNodeBetweenLayers": "44",
  "elk.layered.spacing.edgeNodeBetweenLayers": "16",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  // Keep the notebook's order where the layering leaves a choice: steps read top to bottom as in the notebook.
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.edgeLabels.placement": "CENTER",
};

export async function layoutGraph(graph: PipelineGraph, measure: MeasureText): Promise<GraphLayout> {
  const elk = new ELK();
  const children: ElkNode[] = graph.nodes.map((node) => ({ id: node.id, width: nodeWidth(node, measure), height: nodeHeight(node) }));
  const edges: ElkExtendedEdge[] = graph.edges.map((edge) => {
    const text = edge.names.join(", ");
    return {
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      labels: text === "" ? [] : [{ id: `${edge.id}:label`, text, width: Math.ceil(measure(text, "label")) + 8, height: LABEL_HEIGHT }],
    };
  });
  const root: ElkNode = { id: "root", layoutOptions: LAYOUT_OPTIONS, children, edges };
  const laid = await elk.layout(root);
  const nodeById = new Map(graph.nodes.map((node) => [node.id, node]));
  const edgeById = new Map(graph.edges.map((edge) => [edge.id, edge]));
  const nodes = (laid.children ?? []).flatMap((child): PlacedNode[] => {
    const node = nodeById.get(child.id);
    return node === undefined ? [] : [{ node, x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 }];
  });
  const placedEdges = (laid.edges ?? []).flatMap((laidEdge): PlacedEdge[] => {
    const edge = edgeById.get(laidEdge.id);
    const section = laidEdge.sections?.[0];
    if (edge === undefined || section === undefined) return [];
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    const label = laidEdge.labels?.[0];
    return [
      {
        edge,
        points,
        ...(label?.text !== undefined && { label: { text: label.text, x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } }),
      },
    ];
  });
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges: placedEdges };
}
