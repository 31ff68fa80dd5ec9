// What verify compares, from the manifest: the notebook with divided cells as their parts
// (as the steps name them), and per step the outputs to compare: every output but the
// figures and written files a step keeps (pictures and files are recorded, not compared).
import { notebookWithParts } from "../notebook/cellParts";
import type { NotebookModel } from "../notebook/notebookModel";
import type { ManifestReport, ManifestStep, ProjectManifest } from "./projectManifest";

export interface VerifiedStep extends ManifestStep {
  /** The outputs verify compares, in order. */
  readonly compared: readonly string[];
  /** Value reports: captured by evaluating their expression where the notebook showed them. */
  readonly valueReports: readonly ManifestReport[];
}

export interface VerifiedProject {
  readonly notebook: NotebookModel;
  readonly steps: readonly VerifiedStep[];
}

export function verifiedProject(notebook: NotebookModel, manifest: ProjectManifest): VerifiedProject {
  return {
    notebook: notebookWithParts(notebook, manifest.parts ?? []),
    steps: manifest.steps.map((step) => {
      const reports = step.reports ?? [];
      const recorded = new Set(reports.filter((report) => report.kind !== "value").map((report) => report.name));
      return { ...step, compared: step.outputs.filter((name) => !recorded.has(name)), valueReports: reports.filter((report) => report.kind === "value") };
    }),
  };
}
