// nb2prod.json: the contract with `nb2prod verify` (src/core/verify/projectManifest.ts):
// which function stands for which cells, with its inputs and outputs, in run order.
import type { ParamValue } from "../../../planning/splitPlan";
import type { ProjectStructure, StepReportStructure } from "../structures";
import type { CellPart } from "../../../notebook/cellParts";

export interface ManifestDocument {
  readonly schemaVersion: 1;
  readonly package: string;
  readonly notebook: string;
  readonly parts: readonly CellPart[];
  readonly steps: readonly {
    readonly name: string;
    readonly module: string;
    readonly function: string;
    readonly cellIds: readonly string[];
    readonly inputs: readonly ({ readonly name: string; readonly fromStep: string } | { readonly name: string; readonly param: string })[];
    readonly outputs: readonly string[];
    readonly reports: readonly StepReportStructure[];
    readonly cellSourceHashes: Readonly<Record<string, string>>;
  }[];
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** @param cellHashes each step cell's own source hash (fileHeader.ts cellsSourceHash), by cell id (or part id) */
export function buildManifest(project: ProjectStructure, cellHashes: Readonly<Record<string, string>>, parts: readonly CellPart[]): ManifestDocument {
  return {
    schemaVersion: 1,
    package: project.packageName,
    notebook: project.notebook,
    parts: parts.map((part) => ({ id: part.id, cellId: part.cellId, fromLine: part.fromLine, toLine: part.toLine })),
    steps: project.steps.map((step) => ({
      name: step.name,
      module: `${project.packageName}.steps.${step.name}`,
      function: step.name,
      cellIds: step.cellIds,
      inputs: step.inputs.map((input) => (input.fromStep === undefined ? { name: input.name, param: input.param ?? input.name } : { name: input.name, fromStep: input.fromStep })),
      outputs: step.outputs.map((output) => output.name),
      reports: step.reports,
      cellSourceHashes: Object.fromEntries(step.cellIds.map((id) => [id, cellHashes[id] ?? ""])),
    })),
    params: Object.fromEntries(project.params.map((param) => [param.name, param.value])),
  };
}
