// `nb2prod verify`: runs the notebook, then the generated pipeline, each in a Python
// subprocess, and compares every step's outputs. Nothing of the notebook runs in this
// process, and nothing is written outside a scratch folder that is removed at the end.
import { dirname } from "node:path";
import { readNotebookFile } from "../notebook/notebookReader";
import type { FileSystem } from "../ports";
import { buildVerifyReport } from "./buildVerifyReport";
import { buildHarnessInput, lastCellOfSteps } from "./harnessInput";
import { verifiedProject } from "./verifiedProject";
import type { HarnessInput } from "./harnessInput";
import { HARNESS_DIR, INPUT_FILE, runHarnessPhase } from "./harnessPhase";
import type { PhaseContext, PhaseOutcome } from "./harnessPhase";
import { compareResultSchema, notebookResultSchema, pipelineResultSchema } from "./harnessResults";
import type { CompareResult, NotebookResult, PipelineResult } from "./harnessResults";
import { checkManifestMatchesNotebook } from "./manifestMatch";
import type { ProcessRunner } from "../ports";
import { probePython } from "./pythonProbe";
import { readProjectManifest } from "./readProjectManifest";
import { HARNESS_FILES } from "./runtime/harnessSource";
import type { ScratchDir, ScratchSpace } from "./scratchSpace";
import type { CellRef, VerifyReport } from "./verifyReport";

export const DEFAULT_VERIFY_TIMEOUT_MS = 15 * 60 * 1000;

export interface VerifyRequest {
  /** Absolute path of the notebook; it runs in its own folder. */
  readonly notebookPath: string;
  /** Absolute path of the generated project (holding nb2prod.json). */
  readonly projectDir: string;
  readonly python: string;
  /** For the notebook run, the pipeline run and the comparison together. */
  readonly timeoutMs: number;
}

export interface VerifyDeps {
  readonly fs: FileSystem;
  readonly runner: ProcessRunner;
  readonly scratch: ScratchSpace;
  readonly now?: () => number;
}

interface PhaseOutcomes {
  readonly notebook: PhaseOutcome<NotebookResult>;
  readonly pipeline: PhaseOutcome<PipelineResult> | undefined;
  readonly compare: PhaseOutcome<CompareResult> | undefined;
}

async function writeHarness(scratch: ScratchDir, input: HarnessInput): Promise<void> {
  for (const [name, text] of HARNESS_FILES) await scratch.write(`${HARNESS_DIR}/${name}`, text);
  await scratch.write(INPUT_FILE, JSON.stringify(input));
}

function capturedSteps(outcome: PhaseOutcome<NotebookResult | PipelineResult> | undefined): string[] {
  if (outcome === undefined) return [];
  const result = outcome.kind === "done" ? outcome.result : outcome.partial;
  return Object.keys(result?.captures ?? {});
}

/** Each phase gets what is left of the overall timeout; the comparison runs when there is something to compare. */
async function runPhases(context: Omit<PhaseContext, "timeoutMs">, deadline: number): Promise<PhaseOutcomes> {
  const left = (): number => deadline - context.now();
  const notebook = await runHarnessPhase("notebook", notebookResultSchema, { ...context, timeoutMs: left() });
  const pipeline = left() > 0 ? await runHarnessPhase("pipeline", pipelineResultSchema, { ...context, timeoutMs: left() }) : undefined;
  const inBoth = capturedSteps(notebook).filter((step) => capturedSteps(pipeline).includes(step));
  const compare = inBoth.length > 0 ? await runHarnessPhase("compare", compareResultSchema, { ...context, timeoutMs: left() }) : undefined;
  return { notebook, pipeline, compare };
}

/**
 * Throws NotebookReadError or VerifySetupError when verify cannot start (unreadable
 * notebook, invalid project, unusable interpreter); otherwise always returns a report.
 */
export async function verifyProject(request: VerifyRequest, deps: VerifyDeps): Promise<VerifyReport> {
  const now = deps.now ?? Date.now;
  const started = now();
  const notebook = await readNotebookFile(deps.fs, request.notebookPath);
  const manifest = await readProjectManifest(deps.fs, request.projectDir);
  checkManifestMatchesNotebook(notebook, manifest);
  const version = await probePython(deps.runner, request.python);
  const project = verifiedProject(notebook, manifest);
  const lastCells = new Map<string, CellRef>();
  for (const [step, cell] of lastCellOfSteps(project.notebook, project.steps)) lastCells.set(step, { number: cell.index + 1, id: cell.id });
  const scratch = await deps.scratch.create();
  try {
    await writeHarness(scratch, buildHarnessInput(notebook, manifest, scratch.path, request.projectDir));
    const context = { runner: deps.runner, scratch, python: request.python, cwd: dirname(request.notebookPath), now };
    const outcomes = await runPhases(context, started + request.timeoutMs);
    const python = { executable: request.python, version };
    const { notebookPath, projectDir } = request;
    // The report lists the outputs verify compares (figures are not).
    const compared = { ...manifest, steps: project.steps.map((step) => ({ ...step, outputs: [...step.compared] })) };
    return buildVerifyReport({ notebookPath, projectDir, python, manifest: compared, lastCells, ...outcomes, seconds: (now() - started) / 1000 });
  } finally {
    await scratch.remove();
  }
}
