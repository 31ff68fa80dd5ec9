// The one in-memory shape of a notebook that every later stage reads, whatever it came
// from: an .ipynb file, a percent script or the live notebook in the editor.

export type CellKind = "code" | "markdown" | "raw";

export interface NotebookCellModel {
  /** Stable id: the nbformat 4.5 cell id when present, else derived from the cell's source (cellIds.ts). */
  readonly id: string;
  readonly index: number;
  readonly kind: CellKind;
  /** Language of a code cell (`python`, `typescript`, ...); `markdown` or `raw` otherwise. */
  readonly language: string;
  readonly source: string;
  readonly tags: readonly string[];
  readonly executionCount: number | null;
  /** The Jupyter cell metadata as stored in the notebook (nb2prod's own key included). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Set on a part of a cell the planner divided between steps (cellParts.ts). */
  readonly partOf?: CellPartOf;
}

/** Which lines of which cell a cell part holds. */
export interface CellPartOf {
  readonly cellId: string;
  /** 1-based lines of the cell's source, inclusive. */
  readonly fromLine: number;
  readonly toLine: number;
}

export interface NotebookModel {
  /** Where the notebook came from, for messages (a path or an editor URI). */
  readonly origin: string;
  /** Kernel language of the notebook, `python` when unknown. */
  readonly language: string;
  readonly cells: readonly NotebookCellModel[];
}
