// The built-in ipynb serializer keeps a cell's Jupyter metadata under
// `cell.metadata.metadata`; releases before 1.9x kept it under `cell.metadata.custom.metadata`.
// Read both, and write back in the layout the cell already uses.
import type * as vscode from "vscode";
import type { JupyterCellMetadata } from "../../core/notebook/cellMetadata";

type Layout = "flat" | "custom";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function layoutOf(cellMetadata: Readonly<Record<string, unknown>>): Layout {
  return isRecord(cellMetadata.custom) ? "custom" : "flat";
}

export function jupyterMetadataOf(cell: vscode.NotebookCell): JupyterCellMetadata {
  const cellMetadata = cell.metadata as Readonly<Record<string, unknown>>;
  const holder = layoutOf(cellMetadata) === "custom" ? cellMetadata.custom : cellMetadata;
  const jupyter = isRecord(holder) ? holder.metadata : undefined;
  return isRecord(jupyter) ? jupyter : {};
}

/** The full VS Code cell metadata with its Jupyter metadata replaced. */
export function withJupyterMetadata(
  cell: vscode.NotebookCell,
  jupyter: Record<string, unknown>,
): Record<string, unknown> {
  const cellMetadata = cell.metadata as Readonly<Record<string, unknown>>;
  if (layoutOf(cellMetadata) === "custom" && isRecord(cellMetadata.custom)) {
    return { ...cellMetadata, custom: { ...cellMetadata.custom, metadata: jupyter } };
  }
  return { ...cellMetadata, metadata: jupyter };
}

export function jupyterCellIdOf(cell: vscode.NotebookCell): string | undefined {
  const cellMetadata = cell.metadata as Readonly<Record<string, unknown>>;
  const holder = layoutOf(cellMetadata) === "custom" ? cellMetadata.custom : cellMetadata;
  const id = isRecord(holder) ? holder.id : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}
