// Def-use edges between cells and hidden-state findings (see dataflow.ts).

/** Cell `to` reads `name`, which resolves to the definition in the earlier cell `from` (cell ids). */
export interface DataflowEdge {
  readonly from: string;
  readonly to: string;
  readonly name: string;
}

export type FindingKind =
  /** A read with no definition anywhere earlier in notebook order (and none later). */
  | "undefined-name"
  /** A read that resolves only to a definition in a later cell: works only if run out of order. */
  | "defined-later"
  /** Execution counts that do not increase down the notebook: the saved outputs came from another order. */
  | "out-of-order-execution"
  /** A later cell redefines a name that a cell in between reads: re-running the reader sees the later value. */
  | "redefined-while-read"
  /** A definition that no later cell reads (reported in the last cell too: it may be a result worth keeping). */
  | "unused-definition";

export interface Finding {
  readonly kind: FindingKind;
  readonly cellId: string;
  /** The variable concerned; absent for findings about a cell as a whole. */
  readonly name?: string;
  readonly message: string;
}

export interface Dataflow {
  readonly edges: readonly DataflowEdge[];
  readonly findings: readonly Finding[];
}
