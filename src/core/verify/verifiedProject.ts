// What verify compares, from the manifest: the notebook with divided cells as their parts
// (as the steps name them), and per step the outputs to compare: every output but the
// figures a step keeps (pictures are recorded, not compared). A file a step writes is
// compared by its contents: both runs hash the file right after the step that writes it.
import { notebookWithParts } from "../notebook/cellParts";
import type { NotebookModel } from "../notebook/notebookModel";
import type { ManifestReport, ManifestStep, ProjectManifest } from "./projectManifest";

export interface VerifiedStep extends ManifestStep {
  /** The outputs verify compares, in order. */
  readonly compared: readonly string[];
  /** Values the notebook showed and files it wrote: captured by evaluating their expression where the notebook did so. */
  readonly valueReports: readonly ManifestReport[];
  /** Outputs that are files the step writes: compared by their contents, not their paths. */
  readonly files: readonly string[];
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
      const figures = new Set(reports.filter((report) => report.kind === "figures").map((report) => report.name));
      return {
        ...step,
        compared: step.outputs.filter((name) => !figures.has(name)),
        valueReports: reports.filter((report) => report.kind !== "figures"),
        files: reports.filter((report) => report.kind === "file").map((report) => report.name),
      };
    }),
  };
}
