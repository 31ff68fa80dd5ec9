// What a cell's author said about it: nb2prod's own metadata, Kale's cell tags and
// papermill's `parameters` tag (DESIGN.md, "Conventions a user sees"). Explicit markers
// win over everything the planner infers.
import { PARAMETERS_TAG, readNb2prodMetadata } from "../notebook/cellMetadata";
import type { NotebookCellModel } from "../notebook/notebookModel";
import type { Stage } from "./stages";

export type MarkerSource = "nb2prod" | "kale";

export interface CellMarkers {
  /** The step this cell starts or belongs to, and who said so. */
  readonly step?: { readonly name: string; readonly source: MarkerSource; readonly written: string };
  readonly stage?: Stage;
  /** `true`: leave out; `false`: keep even if it looks like exploration; absent: planner decides. */
  readonly exclude?: boolean;
  /** Kale `skip`. */
  readonly skip: boolean;
  /** Kale `imports` / `functions`: the cell is shared code for every step. */
  readonly shared: "imports" | "functions" | undefined;
  /** papermill `parameters` or Kale `pipeline-parameters`. */
  readonly parameters: boolean;
  /** Kale `pipeline-metrics`. */
  readonly metrics: boolean;
  /** Kale `prev:<name>`: steps this one runs after. */
  readonly prev: readonly string[];
  /** Hand-edited metadata that could not be read. */
  readonly problems: readonly string[];
}

const KALE_STEP = /^(?:step|block):(.+)$/;

export function readCellMarkers(cell: NotebookCellModel): CellMarkers {
  const reading = readNb2prodMetadata(cell.metadata);
  const nb2prod = reading.ok ? reading.value : {};
  const tags = cell.tags;
  const kaleStep = tags.map((tag) => KALE_STEP.exec(tag)?.[1]).find((name) => name !== undefined);
  const step =
    nb2prod.step !== undefined
      ? { name: nb2prod.step, source: "nb2prod" as const, written: `nb2prod.step = "${nb2prod.step}"` }
      : kaleStep !== undefined
        ? { name: kaleStep, source: "kale" as const, written: tags.find((tag) => KALE_STEP.test(tag)) ?? kaleStep }
        : undefined;
  return {
    ...(step !== undefined ? { step } : {}),
    ...(nb2prod.stage !== undefined ? { stage: nb2prod.stage } : {}),
    ...(nb2prod.exclude !== undefined ? { exclude: nb2prod.exclude } : {}),
    skip: tags.includes("skip"),
    shared: tags.includes("imports") ? "imports" : tags.includes("functions") ? "functions" : undefined,
    parameters: tags.includes(PARAMETERS_TAG) || tags.includes("pipeline-parameters"),
    metrics: tags.includes("pipeline-metrics"),
    prev: tags.flatMap((tag) => (tag.startsWith("prev:") ? [tag.slice("prev:".length)] : [])),
    problems: reading.ok ? [] : [reading.problem],
  };
}
