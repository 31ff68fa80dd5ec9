// The pipeline graph webview: receives a graph description from the extension, lays it
// out with ELK and draws it; reports clicks on steps and the run chosen back.
import "./pipelineGraph.css";
import type { GraphNode, PipelineGraph } from "../../core/planning/pipelineGraph";
import { PIPELINE_STAGES } from "../../core/planning/stages";
import { formatDuration } from "../../core/runs/runFormat";
import { layoutGraph } from "./layout";
import type { MeasureText } from "./layout";
import { fromWebviewSchema, runChoiceSchema, toWebviewSchema } from "./protocol";
import type { FromWebview, RunChoice, RunOption, ToWebview } from "./protocol";
import { renderGraph } from "./render";

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function post(message: FromWebview): void {
  // Parsed on this side too, so a wrong message is found where it is made.
  vscode.postMessage(fromWebviewSchema.parse(message));
}

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
}

function runSelector(): HTMLSelectElement {
  const element = byId("run");
  if (!(element instanceof HTMLSelectElement)) throw new Error("#run is not a select");
  return element;
}

const canvasContext = document.createElement("canvas").getContext("2d");

/** Text widths in the fonts the stylesheet gives the SVG text (VS Code's UI font). */
const measureText: MeasureText = (text, font) => {
  const style = getComputedStyle(document.body);
  const family = style.getPropertyValue("--vscode-font-family") || "sans-serif";
  const size = { title: "600 13px", detail: "11px", label: "11px" }[font];
  if (canvasContext === null) return text.length * 7.5;
  canvasContext.font = `${size} ${family}`;
  return canvasContext.measureText(text).width;
};

let renderCount = 0;

function showMessage(title: string, detail: string): void {
  byId("toolbar").hidden = true;
  byId("notes").replaceChildren();
  const box = document.createElement("div");
  box.className = "message";
  const heading = document.createElement("h2");
  heading.textContent = title;
  const paragraph = document.createElement("p");
  paragraph.textContent = detail;
  box.append(heading, paragraph);
  byId("canvas").replaceChildren(box);
}

function choiceValue(choice: RunChoice): string {
  return choice.kind === "run" ? `run:${choice.runId}` : choice.kind;
}

function choiceOf(value: string): RunChoice {
  return runChoiceSchema.parse(value.startsWith("run:") ? { kind: "run", runId: value.slice(4) } : { kind: value });
}

function fillRunSelector(runs: readonly RunOption[], choice: RunChoice): void {
  const select = runSelector();
  const option = (value: string, label: string): HTMLOptionElement => {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  };
  select.replaceChildren(
    option("latest", runs.length === 0 ? "Latest (no runs yet)" : `Latest: ${runs[0]?.label ?? ""}`),
    option("none", "No run: the plan only"),
    ...runs.map((run) => {
      const element = option(`run:${run.runId}`, run.label);
      element.title = `Run ${run.runId}`;
      return element;
    }),
  );
  select.value = choiceValue(choice);
}

function fillSummary(notebookName: string, graph: PipelineGraph): void {
  const steps = graph.nodes.filter((node) => node.kind === "step").length;
  const params = graph.nodes.filter((node) => node.kind === "param").length;
  const run = graph.run;
  const runText = run === undefined ? "" : ` · run ${run.status}${run.durationMs === undefined ? "" : ` in ${formatDuration(run.durationMs)}`}`;
  byId("summary").textContent = `${notebookName} · ${steps} steps · ${params} params${runText}`;
}

function fillLegend(graph: PipelineGraph): void {
  const present = new Set(graph.nodes.flatMap((node) => (node.kind === "step" ? [node.stage] : [])));
  const items = PIPELINE_STAGES.filter((stage) => present.has(stage)).map((stage) => {
    const item = document.createElement("span");
    item.className = `legend-item stage-${stage}`;
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    item.append(swatch, document.createTextNode(stage));
    return item;
  });
  byId("legend").replaceChildren(...items);
}

function fillNotes(notes: readonly string[], graph: PipelineGraph): void {
  const unplaced = graph.run?.unplacedArtifacts ?? 0;
  const all = [...notes, ...(unplaced > 0 ? [`${unplaced} artifacts of this run belong to steps this plan no longer has.`] : [])];
  byId("notes").replaceChildren(
    ...all.map((note) => {
      const line = document.createElement("div");
      line.className = "note";
      line.textContent = note;
      return line;
    }),
  );
}

async function showGraph(message: Extract<ToWebview, { type: "graph" }>): Promise<void> {
  const render = (renderCount += 1);
  byId("toolbar").hidden = false;
  fillRunSelector(message.runs, message.runChoice);
  fillSummary(message.notebookName, message.graph);
  fillLegend(message.graph);
  fillNotes(message.notes, message.graph);
  const layout = await layoutGraph(message.graph, measureText);
  // A newer graph arrived while this one was laid out: draw only the newest.
  if (render !== renderCount) return;
  const svg = renderGraph(layout, (node: GraphNode) => {
    if (node.kind === "step") post({ type: "revealStep", stepId: node.id });
  });
  byId("canvas").replaceChildren(svg);
  applyZoom();
  const count = (kind: GraphNode["kind"]): number => message.graph.nodes.filter((node) => node.kind === kind).length;
  post({ type: "rendered", stepNodes: count("step"), paramNodes: count("param"), artifactNodes: count("artifact"), edges: layout.edges.length });
}

/** "fit": the whole graph in the panel (never enlarged); "actual": 100 %, scrolling. */
let zoom: "fit" | "actual" = "fit";

function applyZoom(): void {
  const svg = document.querySelector<SVGSVGElement>("svg.graph");
  if (svg === null) return;
  const width = Number(svg.dataset.width);
  const height = Number(svg.dataset.height);
  const canvas = byId("canvas");
  const scale = zoom === "actual" ? 1 : Math.min(1, canvas.clientWidth / width, Math.max(canvas.clientHeight, 200) / height);
  svg.setAttribute("width", String(Math.floor(width * scale)));
  svg.setAttribute("height", String(Math.floor(height * scale)));
  byId("zoom").textContent = zoom === "fit" ? "Actual size" : "Fit to panel";
}

function receive(data: unknown): void {
  const parsed = toWebviewSchema.safeParse(data);
  if (!parsed.success) {
    post({ type: "failed", message: `The graph view received a message it does not understand: ${parsed.error.message}` });
    return;
  }
  const message = parsed.data;
  if (message.type === "message") {
    renderCount += 1;
    showMessage(message.title, message.detail);
    return;
  }
  showGraph(message).catch((error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    showMessage("The graph could not be drawn", text);
    post({ type: "failed", message: text });
  });
}

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  receive(event.data);
});
runSelector().addEventListener("change", () => {
  post({ type: "chooseRun", runChoice: choiceOf(runSelector().value) });
});
byId("zoom").addEventListener("click", () => {
  zoom = zoom === "fit" ? "actual" : "fit";
  applyZoom();
});
window.addEventListener("resize", applyZoom);
post({ type: "ready" });
