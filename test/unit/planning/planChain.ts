// The real chain the planner sits in: reader → Python analyser → dataflow → planner.
// Shared by the golden tests and the eval script (test/eval/evalPlan.ts).
import { performance } from "node:perf_hooks";
import { after, before } from "node:test";
import type { CellAnalysis } from "../../../src/core/analysis/cellAnalysis";
import { buildDataflow, executionCountsOf } from "../../../src/core/analysis/dataflow";
import type { Dataflow } from "../../../src/core/analysis/dataflowTypes";
import { NotebookAnalyzer } from "../../../src/core/analysis/python/notebookAnalyzer";
import { PythonParser } from "../../../src/core/analysis/python/pythonParser";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import { readNotebookFile } from "../../../src/core/notebook/notebookReader";
import type { SplitPlan } from "../../../src/core/planning/splitPlan";
import { suggestPlan } from "../../../src/core/planning/suggestSteps";
import type { PlanProblem } from "../../../src/core/planning/validatePlan";
import { validatePlan } from "../../../src/core/planning/validatePlan";
import { locateWasmDir } from "../../../src/cli/wasmDir";

export interface PlannedNotebook {
  readonly notebook: NotebookModel;
  readonly analyses: readonly CellAnalysis[];
  readonly dataflow: Dataflow;
  readonly plan: SplitPlan;
  readonly problems: readonly PlanProblem[];
  /** Time spent in suggestPlan alone. */
  readonly planMs: number;
}

export class PlanChain {
  private constructor(private readonly analyzer: NotebookAnalyzer, private readonly parser: PythonParser) {}

  static async load(): Promise<PlanChain> {
    const parser = await PythonParser.load(locateWasmDir());
    return new PlanChain(new NotebookAnalyzer(parser), parser);
  }

  async planFile(path: string): Promise<PlannedNotebook> {
    const notebook = await readNotebookFile(new NodeFileSystem(), path);
    return this.planNotebook(notebook);
  }

  planNotebook(notebook: NotebookModel): PlannedNotebook {
    const analyses = this.analyzer.analyze(notebook);
    const dataflow = buildDataflow(analyses, executionCountsOf(notebook));
    const started = performance.now();
    const plan = suggestPlan(notebook, analyses, dataflow);
    const planMs = performance.now() - started;
    return { notebook, analyses, dataflow, plan, problems: validatePlan(plan, { notebook, analyses, dataflow }), planMs };
  }

  dispose(): void {
    this.parser.dispose();
  }
}

/** One chain per describe block (as useParser): loaded before its tests, disposed after them. */
export function usePlanChain(): () => PlanChain {
  let chain: PlanChain | undefined;
  before(async () => {
    chain = await PlanChain.load();
  });
  after(() => {
    chain?.dispose();
  });
  return () => {
    if (chain === undefined) throw new Error("the plan chain is used outside the describe block that loads it");
    return chain;
  };
}
