// The input of the Python harness (runtime/nb2prod_verify.py): the notebook's code cells
// with IPython syntax neutralised, where to capture which step's outputs, and the
// pipeline's steps. Written as JSON into the scratch folder.
import { join } from "node:path";
import { splitIpython } from "../analysis/python/ipythonSyntax";
import type { NotebookCellModel, NotebookModel } from "../notebook/notebookModel";
import type { ManifestStep, ProjectManifest } from "./projectManifest";
import { PARAMS_FILE } from "./projectManifest";
import { cellLabelOf } from "../notebook/cellParts";
import type { VerifiedProject, VerifiedStep } from "./verifiedProject";
import { verifiedProject } from "./verifiedProject";

/** How close two floats must be to count as equal: |a - b| <= atol + rtol * |b|, as numpy.allclose. */
export const VERIFY_TOLERANCE = { rtol: 1e-6, atol: 1e-9 } as const;

export interface CaptureTarget {
  readonly step: string;
  /** The outputs to capture: from the notebook's namespace, or from what it showed (`reports`). */
  readonly outputs: readonly string[];
  /** Outputs that are values the notebook showed (or paths of files it wrote), captured where it showed them. */
  readonly reports: readonly string[];
  /** Outputs that are paths of files written: captured as the file's size and hash. */
  readonly files: readonly string[];
}

/**
 * A value the notebook showed, evaluated instead of the statement that showed it; or
 * (`after`) the path of a file the statement writes, evaluated after the statement runs.
 */
export interface HarnessReport {
  readonly name: string;
  readonly line: number;
  readonly expression: string;
  readonly after?: true;
}

export interface HarnessCell {
  /** 1-based position among all the notebook's cells, as "cell N" in messages. */
  readonly number: number;
  readonly id: string;
  /** `cell 7`, or `cell 7, lines 4–9` for a part of a divided cell. */
  readonly label: string;
  /** Its value reports, by the line of the statement that showed them. */
  readonly reports: readonly HarnessReport[];
  /** The cell's Python, IPython-only lines blanked (same line numbers as the cell). */
  readonly source: string;
  /** Why the cell is not run, when it is not Python (`%%bash`, another language). */
  readonly skip?: string;
  /** Steps whose last cell this is: their outputs are captured right after it. */
  readonly captureAfter: readonly CaptureTarget[];
  /**
   * The first cell of a step: the global random state is seeded again before it runs, as
   * the pipeline run does before each step, so cells left out of the pipeline that draw
   * random numbers do not shift a later step's draws.
   */
  readonly startsStep: boolean;
}

export interface HarnessInput {
  readonly schemaVersion: 1;
  readonly scratchDir: string;
  readonly tolerance: typeof VERIFY_TOLERANCE;
  readonly cells: readonly HarnessCell[];
  readonly project: { readonly srcDir: string; readonly paramsFile: string };
  readonly steps: readonly VerifiedStep[];
}

/** The notebook cell (or part) each step ends with (its last in notebook order); steps whose cells are not all code cells of the notebook are left out. */
export function lastCellOfSteps(notebook: NotebookModel, steps: readonly ManifestStep[]): Map<string, NotebookCellModel> {
  return cellOfSteps(notebook, steps, (sorted) => sorted[sorted.length - 1]);
}

/** The notebook cell each step starts with (its first cell in notebook order), on the same terms. */
export function firstCellOfSteps(notebook: NotebookModel, steps: readonly ManifestStep[]): Map<string, NotebookCellModel> {
  return cellOfSteps(notebook, steps, (sorted) => sorted[0]);
}

function cellOfSteps(
  notebook: NotebookModel,
  steps: readonly ManifestStep[],
  pick: (sorted: readonly NotebookCellModel[]) => NotebookCellModel | undefined,
): Map<string, NotebookCellModel> {
  const byId = new Map(notebook.cells.filter((cell) => cell.kind === "code").map((cell) => [cell.id, cell]));
  const picked = new Map<string, NotebookCellModel>();
  for (const step of steps) {
    const cells = step.cellIds.map((id) => byId.get(id));
    if (cells.some((cell) => cell === undefined)) continue;
    const cell = pick(cells.filter((candidate) => candidate !== undefined).sort((a, b) => a.index - b.index));
    if (cell !== undefined) picked.set(step.name, cell);
  }
  return picked;
}

function skipReason(cell: NotebookCellModel, python: ReturnType<typeof splitIpython>): string | undefined {
  if (cell.language !== "python") return `it is a ${cell.language} cell`;
  if (python.isPython) return undefined;
  const magic = python.magics.find((record) => record.kind === "cell-magic");
  return `its %%${magic?.name ?? "magic"} body is not Python`;
}

function harnessCell(cell: NotebookCellModel, context: { captureAfter: readonly CaptureTarget[]; startsStep: boolean; reports: readonly HarnessReport[] }): HarnessCell {
  const python = splitIpython(cell.source);
  const skip = skipReason(cell, python);
  const base = { number: cell.index + 1, id: cell.id, label: cellLabelOf(cell), source: skip === undefined ? python.python : "", ...context };
  return skip === undefined ? base : { ...base, skip };
}

/**
 * The notebook's code cells (divided cells as their parts) with where to seed, where to
 * capture which step's outputs, and which shown values to keep. Shared by `verify` and
 * the generated project's equivalence test, so both run the notebook the same way.
 */
export function notebookProgram(project: VerifiedProject): HarnessCell[] {
  const { notebook, steps } = project;
  const lastCells = lastCellOfSteps(notebook, steps);
  const firstCells = new Set(firstCellOfSteps(notebook, steps).values());
  return notebook.cells
    .filter((cell) => cell.kind === "code")
    .map((cell) => {
      const captureAfter = steps
        .filter((step) => lastCells.get(step.name) === cell)
        .map((step) => ({ step: step.name, outputs: step.compared, reports: step.valueReports.map((report) => report.name), files: step.files }));
      const reports = steps.flatMap((step) =>
        step.valueReports
          .filter((report) => report.cellId === cell.id && report.expression !== undefined)
          .map((report): HarnessReport => ({ name: report.name, line: report.line, expression: report.expression ?? "", ...(report.kind === "file" ? { after: true as const } : {}) })),
      );
      return harnessCell(cell, { captureAfter, startsStep: firstCells.has(cell), reports });
    });
}

export function buildHarnessInput(notebook: NotebookModel, manifest: ProjectManifest, scratchDir: string, projectDir: string): HarnessInput {
  const project = verifiedProject(notebook, manifest);
  return {
    schemaVersion: 1,
    scratchDir,
    tolerance: VERIFY_TOLERANCE,
    cells: notebookProgram(project),
    project: { srcDir: join(projectDir, "src"), paramsFile: join(projectDir, PARAMS_FILE) },
    steps: project.steps,
  };
}
