// Plain data the printers turn into files. Building these (from the plan and the cells)
// and printing them are separate steps, so every printer is a small function of its
// structure and each has a golden-text test.
import type { ParamValue } from "../../planning/splitPlan";
import type { ImportSpec } from "./importBlock";
import type { VerbatimCode } from "./pythonWriter";
import type { TypeRef } from "./typeRefs";
import type { ObservedData } from "../../verify/verifyReport";
import type { RangeCheck } from "./notebookRanges";

export interface TypedName {
  readonly name: string;
  readonly type: TypeRef;
}

export interface PrintablePiece extends VerbatimCode {
  readonly blankBefore: boolean;
}

export interface CellBlock {
  readonly cellId: string;
  /** How comments name it: `Cell 7`, `Cell 15, lines 3–5`. */
  readonly label?: string;
  readonly pieces: readonly PrintablePiece[];
}

export interface StepInputStructure extends TypedName {
  /** The producing step; absent for params. */
  readonly fromStep?: string;
  /** The param passed by name (the function parameter is then the param's name). */
  readonly param?: string;
}

export interface StepStructure {
  readonly name: string;
  readonly stage: string;
  readonly rationale: string;
  readonly cellIds: readonly string[];
  readonly outputsClass: string;
  readonly inputs: readonly StepInputStructure[];
  /** `name = param` lines for params the notebook knows by another name. */
  readonly aliases: readonly { readonly name: string; readonly param: string }[];
  readonly outputs: readonly TypedName[];
  /** Outputs later steps read: failing to persist one fails the step. */
  readonly requiredOutputs: readonly string[];
  readonly imports: readonly ImportSpec[];
  readonly typeImports: readonly ImportSpec[];
  /** The module-level logger's name when the body logs. */
  readonly logger?: string;
  readonly cells: readonly CellBlock[];
  /** The values and figures the step keeps for people (placed in its code); they are among `outputs`. */
  readonly reports: readonly StepReportStructure[];
}

export interface StepReportStructure {
  readonly name: string;
  readonly kind: "value" | "figures" | "file";
  readonly cellId: string;
  readonly line: number;
  readonly expression?: string;
}

export interface CommonStructure {
  readonly imports: readonly ImportSpec[];
  readonly logger?: string;
  readonly cells: readonly CellBlock[];
  readonly names: readonly string[];
}

export interface ParamStructure {
  readonly name: string;
  /** Python annotation: int, float, str, bool, list[int]... */
  readonly type: string;
  readonly value: ParamValue;
  readonly origin: "parameters cell" | "absolute path";
}

export interface DependencyStructure {
  readonly name: string;
  /** `==1.2.1`, `>=2`, or empty when unpinned. */
  readonly specifier: string;
}

export interface ProjectStructure {
  /** The notebook path as written in headers and the manifest. */
  readonly notebook: string;
  readonly projectName: string;
  readonly packageName: string;
  readonly pythonVersion: string;
  /** The interpreter's full version (3.11.7), for the container's base image; absent when unknown. */
  readonly pythonRelease?: string;
  readonly params: readonly ParamStructure[];
  readonly secrets: readonly string[];
  readonly steps: readonly StepStructure[];
  readonly common: CommonStructure | undefined;
  readonly dependencies: readonly DependencyStructure[];
  /** Files the notebook reads by a relative literal path: hashed at run start. */
  readonly dataFiles: readonly string[];
  readonly excludedCells: readonly { readonly cellId: string; readonly reason: string }[];
  /** The notebook's numbers verify observed (step → output → value), for suggested gate bounds. */
  readonly observedNumbers: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The data checks (data_checks.py), when verify observed the data the checked step hands on. */
  readonly dataChecks?: DataCheckStructure;
  /** The served model's input (serving_schema.py), when verify observed it. */
  readonly servingInput?: ServingInput;
}

/** The value a step hands to training, which the served model takes rows of. */
export interface ServingInput {
  readonly step: string;
  readonly name: string;
  readonly data: Extract<ObservedData, { kind: "dataframe" | "array" }>;
}

/** One DataFrame, Series or numeric array a step hands on, as the notebook's run had it. */
export interface CheckedValue {
  readonly name: string;
  readonly data: ObservedData;
  /** Value ranges the notebook itself asserts on it (a DataFrame's by column). */
  readonly ranges?: readonly RangeCheck[];
}

/** What data_checks.py checks, right after step `after` and before training. */
export interface DataCheckStructure {
  readonly after: string;
  /** Sorted by name. */
  readonly values: readonly CheckedValue[];
}
