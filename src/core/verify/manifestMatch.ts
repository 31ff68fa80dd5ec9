// Before running anything: does the manifest fit this notebook? A project generated from
// an older version of the notebook names cells the notebook no longer has.
import type { NotebookModel } from "../notebook/notebookModel";
import type { ProjectManifest } from "./projectManifest";
import { notebookWithParts } from "../notebook/cellParts";
import { VerifySetupError } from "./verifySetupError";

function mismatch(whole: NotebookModel, manifest: ProjectManifest): string | undefined {
  const notebook = notebookWithParts(whole, manifest.parts ?? []);
  const byId = new Map(notebook.cells.map((cell) => [cell.id, cell]));
  for (const step of manifest.steps) {
    for (const id of step.cellIds) {
      const cell = byId.get(id);
      if (cell === undefined) return `step "${step.name}" names cell id "${id}", which ${notebook.origin} does not have`;
      if (cell.kind !== "code") return `step "${step.name}" names cell ${cell.index + 1} (id ${id}), which is a ${cell.kind} cell`;
    }
  }
  return undefined;
}

/** Throws a VerifySetupError when the notebook is not Python or the manifest names cells it does not have. */
export function checkManifestMatchesNotebook(notebook: NotebookModel, manifest: ProjectManifest): void {
  if (notebook.language !== "python") {
    throw new VerifySetupError(`${notebook.origin} is a ${notebook.language} notebook`, "nb2prod verify runs Python notebooks only.");
  }
  const problem = mismatch(notebook, manifest);
  if (problem !== undefined) {
    throw new VerifySetupError(problem, "The notebook has changed since the project was generated: generate it again.");
  }
}
