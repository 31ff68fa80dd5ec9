// Draws a laid-out graph as SVG. Every text comes from the notebook or a run, so it is
// only ever set through textContent: nothing here builds markup from strings.
import type { GraphNode } from "../../core/planning/pipelineGraph";
import { formatDuration } from "../../core/runs/runFormat";
import { NODE_PADDING_X, nodeLines } from "./layout";
import type { GraphLayout, PlacedEdge, PlacedNode, Point } from "./layout";

const SVG = "http://www.w3.org/2000/svg";

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, className?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (className !== undefined) element.setAttribute("class", className);
  return element;
}

function text(content: string, x: number, y: number, className: string): SVGTextElement {
  const element = svgElement("text", { x, y }, className);
  element.textContent = content;
  return element;
}

function pathOf(points: readonly Point[]): string {
  return points.map((point, index) => `${index === 0 ? "M" : "L"}${point.x},${point.y}`).join(" ");
}

/** What a node's tooltip says: everything the node is too small to show. */
function tooltipOf(node: GraphNode): string {
  switch (node.kind) {
    case "param":
      return `Parameter ${node.name} (${node.type}) = ${node.value}\nFrom params.yaml`;
    case "artifact":
      return node.artifactKind === "more" ? `${node.name} artifacts of this step: see the Runs view` : `Artifact ${node.name} (${node.artifactKind})`;
    case "step": {
      const run = node.run;
      const runLines =
        run === undefined
          ? []
          : [`Run: ${run.status}${run.durationMs === undefined ? "" : ` in ${formatDuration(run.durationMs)}`}${run.cacheHit ? " (cache hit)" : ""}`, ...(run.error === undefined ? [] : [`Error: ${run.error}`])];
      return [`${node.name} (${node.stage})`, node.rationale, ...runLines, "Click to reveal its cells in the notebook."].join("\n");
    }
  }
}

function drawNode(placed: PlacedNode, onActivate: (node: GraphNode) => void): SVGGElement {
  const { node, x, y, width, height } = placed;
  const group = svgElement("g", { transform: `translate(${x},${y})`, "data-node-id": node.id }, `node ${node.kind}`);
  const title = svgElement("title", {});
  title.textContent = tooltipOf(node);
  group.append(title);
  const { title: heading, details } = nodeLines(node);
  if (node.kind === "param") {
    group.append(svgElement("rect", { width, height, rx: height / 2 }, "shape"));
    group.append(text(heading, width / 2, height / 2 + 4, "title centred"));
    return group;
  }
  if (node.kind === "artifact") {
    group.classList.add(`artifact-${node.artifactKind}`);
    group.append(svgElement("rect", { width, height, rx: 3 }, "shape"));
    group.append(text(heading, NODE_PADDING_X, 16, "title"));
    group.append(text(details[0] ?? "", NODE_PADDING_X, 31, "detail"));
    return group;
  }
  group.classList.add(`stage-${node.stage}`);
  if (node.run !== undefined) group.classList.add(`status-${node.run.status}`);
  group.setAttribute("tabindex", "0");
  group.setAttribute("role", "button");
  group.setAttribute("aria-label", `Step ${node.position}, ${node.name}, ${node.stage}: reveal its cells`);
  group.append(svgElement("rect", { width, height, rx: 4 }, "shape"));
  group.append(svgElement("rect", { width: 5, height, rx: 2 }, "stripe"));
  const left = NODE_PADDING_X + 4;
  group.append(text(heading, left, 20, "title"));
  group.append(text(details[0] ?? "", left, 37, "detail stage-text"));
  if (node.run !== undefined) {
    group.append(svgElement("circle", { cx: left + 4, cy: 53, r: 4 }, "status-dot"));
    group.append(text(details[1] ?? "", left + 14, 57, "detail status-text"));
  }
  group.addEventListener("click", () => {
    onActivate(node);
  });
  group.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    onActivate(node);
  });
  return group;
}

function drawEdge(placed: PlacedEdge): SVGGElement {
  const group = svgElement("g", { "data-edge-id": placed.edge.id }, `edge ${placed.edge.kind}`);
  group.append(svgElement("path", { d: pathOf(placed.points), "marker-end": "url(#arrow)" }, "line"));
  const label = placed.label;
  if (label !== undefined) {
    group.append(svgElement("rect", { x: label.x, y: label.y, width: label.width, height: label.height, rx: 3 }, "label-back"));
    group.append(text(label.text, label.x + label.width / 2, label.y + label.height - 4, "label centred"));
  }
  return group;
}

function arrowMarker(): SVGDefsElement {
  const defs = svgElement("defs", {});
  const marker = svgElement("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.append(svgElement("path", { d: "M0,0 L10,5 L0,10 z" }, "arrow-head"));
  defs.append(marker);
  return defs;
}

/** The graph as an SVG element; `onActivate` is called for a step clicked or chosen with the keyboard. */
export function renderGraph(layout: GraphLayout, onActivate: (node: GraphNode) => void): SVGSVGElement {
  const svg = svgElement("svg", { viewBox: `0 0 ${layout.width} ${layout.height}`, role: "img", "aria-label": "Pipeline graph" }, "graph");
  svg.dataset.width = String(layout.width);
  svg.dataset.height = String(layout.height);
  svg.append(arrowMarker());
  // Edges first, so nodes are drawn over them.
  const edges = svgElement("g", {}, "edges");
  edges.append(...layout.edges.map(drawEdge));
  const nodes = svgElement("g", {}, "nodes");
  nodes.append(...layout.nodes.map((node) => drawNode(node, onActivate)));
  svg.append(edges, nodes);
  return svg;
}
