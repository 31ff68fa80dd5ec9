// The plain-words explanation of each step: why it starts where it does, what it does
// (the strongest evidence) and what it takes and hands on.
import type { StageEvidence } from "./cellEvidence";
import type { CellFacts } from "./cellFacts";
import type { ClassifiedCell } from "./stageClassifier";
import type { Stage } from "./stages";
import type { GroupOrigin } from "./stepGroups";
import type { StepReport } from "./splitPlan";
import type { StepInput, StepOutput } from "./stepIo";

/** The step's own parts of the plan: the planner remembers rationales by these, so they hold nothing of the rest of the plan. */
export interface RationaleInput {
  readonly origin: GroupOrigin;
  /** The heading of the section the step starts in. */
  readonly section?: string | undefined;
  readonly stage: Stage;
  /** The step's cells, in order. */
  readonly cells: readonly (CellFacts | undefined)[];
  /** The classification of each of the step's cells, in the same order. */
  readonly classified: readonly (ClassifiedCell | undefined)[];
  readonly inputs: readonly StepInput[];
  readonly outputs: readonly StepOutput[];
  readonly reports: readonly StepReport[];
}

export function stepRationale(input: RationaleInput): string {
  const named = input.section === undefined || input.origin.kind === "marker" ? [] : [`Named after the section "${input.section}".`];
  return [originSentence(input.origin), divisionSentence(input), named, stageSentence(input), ioSentence(input.inputs, input.outputs), keepsSentence(input.reports)].flat().join(" ");
}

/** A step that starts or ends inside a divided cell says where the cut is. */
function divisionSentence(input: RationaleInput): string[] {
  const cells = input.cells.map((fact) => fact?.cell).filter((cell) => cell !== undefined);
  const first = cells[0]?.partOf;
  const last = cells[cells.length - 1]?.partOf;
  const sentences: string[] = [];
  if (first !== undefined && first.fromLine > 1) sentences.push(`Cell ${(cells[0]?.index ?? 0) + 1} mixes stages, so it is divided at its top-level statements: this step starts at its line ${first.fromLine}.`);
  if (last !== undefined && last.fromLine === 1 && cells.length > 0) sentences.push(`Cell ${(cells[cells.length - 1]?.index ?? 0) + 1} mixes stages, so it is divided at its top-level statements: this step takes its lines 1–${last.toLine}.`);
  return sentences;
}

function originSentence(origin: GroupOrigin): string {
  switch (origin.kind) {
    case "marker":
      return origin.source === "nb2prod"
        ? `Cell ${origin.cellNumber} starts this step in its metadata (${origin.written}).`
        : `Cell ${origin.cellNumber} starts this step with the Kale tag "${origin.written}".`;
    case "metrics":
      return `Cell ${origin.cellNumber} is tagged "pipeline-metrics" (Kale): the values it shows are the pipeline's metrics.`;
    case "first":
      return "The pipeline starts here.";
    case "stage-change":
      return `The notebook moves from ${origin.from} to ${origin.to} here; ${passesPhrase(origin.passes)}.`;
  }
}

function passesPhrase(passes: readonly string[]): string {
  if (passes.length === 0) return "no value has to be passed across this cut";
  return `this cut passes ${passes.length === 1 ? "1 value" : `${passes.length} values`} (${nameList(passes)})`;
}

function stageSentence(input: RationaleInput): string {
  const marked = input.cells.some((fact) => fact?.markers.stage === input.stage);
  if (marked) return `Its stage, ${input.stage}, is set in the cell metadata.`;
  const evidence = input.classified
    .flatMap((cell, index) => {
      const number = input.cells[index]?.number ?? 0;
      return cell?.stage === input.stage ? cell.evidence.map((item) => ({ item, number })) : [];
    })
    .sort((a, b) => b.item.weight - a.item.weight)
    .slice(0, 2);
  if (evidence.length === 0) return `No cell shows stage-specific calls, so it is labelled ${input.stage}.`;
  return `It does ${input.stage}: ${evidence.map(({ item, number }) => evidencePhrase(item, number)).join("; ")}.`;
}

function evidencePhrase(item: StageEvidence, cellNumber: number): string {
  const where = item.line === undefined ? `cell ${cellNumber}` : `cell ${cellNumber}, line ${item.line}`;
  return `${item.text} (${where}) ${item.says}`;
}

function ioSentence(inputs: readonly StepInput[], outputs: readonly StepOutput[]): string {
  const bySource = new Map<string, string[]>();
  for (const input of inputs) {
    const source = "fromStep" in input ? `from ${input.fromStep}` : "from the params";
    bySource.set(source, [...(bySource.get(source) ?? []), input.name]);
  }
  const needs = [...bySource].map(([source, names]) => `${nameList(names)} ${source}`);
  const takes = needs.length === 0 ? "It needs no values from earlier steps" : `It takes ${needs.join("; ")}`;
  const gives = outputs.length === 0 ? "no later step uses its values" : `it hands ${nameList(outputs.map((output) => output.name))} to later steps`;
  return `${takes}; ${gives}.`;
}

function keepsSentence(reports: readonly StepReport[]): string[] {
  const values = reports.filter((report) => report.kind === "value").map((report) => report.name);
  const figures = reports.filter((report) => report.kind === "figures").length;
  const parts = [
    ...(values.length > 0 ? [`${nameList(values)} (numbers as run metrics, the rest as artifacts)`] : []),
    ...(figures > 0 ? [`the figures of ${figures === 1 ? "1 cell" : `${figures} cells`} as PNG artifacts`] : []),
  ];
  return parts.length === 0 ? [] : [`It keeps ${parts.join(" and ")}.`];
}

export function nameList(names: readonly string[], limit = 6): string {
  const shown = names.slice(0, limit);
  const more = names.length - shown.length;
  const list = shown.length <= 1 ? shown.join("") : `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1] ?? ""}`;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : list;
}
