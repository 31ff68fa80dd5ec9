// The drift check on a project generated from a small notebook: unchanged → in sync;
// an edited cell → its step stale, naming the cell; a deleted cell → cells missing; an
// edited generated file → edited (not drift); no manifest → one InputError line.
import * as assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildDataflow, executionCountsOf } from "../../../src/core/analysis/dataflow";
import { NotebookAnalyzer } from "../../../src/core/analysis/python/notebookAnalyzer";
import { PythonParser } from "../../../src/core/analysis/python/pythonParser";
import { checkDrift } from "../../../src/core/codegen/drift";
import { driftReportSchema } from "../../../src/core/codegen/driftReport";
import type { DriftReport } from "../../../src/core/codegen/driftReport";
import { formatDriftReport } from "../../../src/core/codegen/formatDriftReport";
import { generateProject } from "../../../src/core/codegen/generateProject";
import { writeFilePlan } from "../../../src/core/codegen/writeFilePlan";
import { InputError } from "../../../src/core/inputError";
import { MemoryFileSystem } from "../../../src/core/memoryFileSystem";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import { suggestPlan } from "../../../src/core/planning/suggestSteps";
import { REPO_ROOT } from "./pythonEnvHandle";

const SOURCES = [
  "# Load\nimport pandas as pd\ndf = pd.DataFrame({'x': [1.0, 2.0, 3.0]})",
  "# Preprocess\ndf['y'] = df['x'] * 2",
  "# Train\nslope = float((df['y'] / df['x']).mean())",
  "# Evaluate\nerror = abs(slope - 2.0)\nprint(error)",
];

function notebookOf(sources: readonly string[], ids = sources.map((_, index) => `cell${index}`)): NotebookModel {
  return {
    origin: "small.ipynb",
    language: "python",
    cells: sources.map((source, index) => ({ id: ids[index] ?? `cell${index}`, index, kind: "code", language: "python", source, tags: [], executionCount: index + 1, metadata: {} })),
  };
}

const ROOT = "/project";

describe("checkDrift", () => {
  let parser: PythonParser | undefined;
  before(async () => {
    parser = await PythonParser.load(join(REPO_ROOT, "dist"));
  });
  after(() => parser?.dispose());

  async function generated(notebook: NotebookModel): Promise<MemoryFileSystem> {
    if (parser === undefined) throw new Error("parser not loaded");
    const analyses = new NotebookAnalyzer(parser).analyze(notebook);
    const plan = suggestPlan(notebook, analyses, buildDataflow(analyses, executionCountsOf(notebook)));
    const files = generateProject({ notebook, notebookPath: notebook.origin, analyses, plan, parser, projectName: "small" });
    const fs = new MemoryFileSystem();
    await writeFilePlan(fs, ROOT, files);
    return fs;
  }

  /** The step that holds `cellId`, as the report names it. */
  function stepOf(report: DriftReport, cellId: string): DriftReport["steps"][number] {
    return report.steps.find((step) => step.cells.some((cell) => cell.id === cellId) || step.missingCellIds.includes(cellId)) ?? assert.fail(`no step holds ${cellId}`);
  }

  it("reports an unchanged project in sync, with every generated file", async () => {
    const notebook = notebookOf(SOURCES);
    const report = await checkDrift(await generated(notebook), notebook, ROOT);
    driftReportSchema.parse(report);
    assert.equal(report.status, "in-sync");
    assert.ok(report.steps.length > 0 && report.steps.every((step) => step.status === "in-sync"));
    assert.ok(report.files.some((file) => file.path === "nb2prod.json"));
    assert.ok(report.files.every((file) => file.status === "in-sync" && !file.edited));
    assert.match(formatDriftReport(report, "Run nb2prod generate again"), /^In sync: /);
  });

  it("reports the step of an edited cell stale and names that cell by number; the other steps stay in sync", async () => {
    const fs = await generated(notebookOf(SOURCES));
    const edited = notebookOf(SOURCES.map((source, index) => (index === 2 ? source.replace("mean()", "median()") : source)));
    const report = await checkDrift(fs, edited, ROOT);
    assert.equal(report.status, "drifted");
    const step = stepOf(report, "cell2");
    assert.equal(step.status, "stale");
    assert.deepEqual(step.changedCells, [{ number: 3, id: "cell2" }]);
    assert.ok(report.steps.filter((other) => other !== step && !other.cells.some((cell) => cell.id === "cell2")).every((other) => other.status === "in-sync"));
    assert.equal(report.files.find((file) => file.path === `src/small/steps/${step.name}.py`)?.status, "stale");
    const text = formatDriftReport(report, "Run nb2prod generate again");
    assert.match(text, new RegExp(`^step ${step.name}: stale: cell 3 changed$`, "m"));
    assert.match(text, /steps are out of date\. Run nb2prod generate again; files you edited are left alone and reported\.\n$/);
  });

  it("reports the step of a deleted cell as cells missing", async () => {
    const fs = await generated(notebookOf(SOURCES));
    const report = await checkDrift(fs, notebookOf([SOURCES[0] ?? "", SOURCES[1] ?? "", SOURCES[3] ?? ""], ["cell0", "cell1", "cell3"]), ROOT);
    assert.equal(report.status, "drifted");
    const step = stepOf(report, "cell2");
    assert.equal(step.status, "cells-missing");
    assert.deepEqual(step.missingCellIds, ["cell2"]);
    assert.ok(report.files.some((file) => file.status === "cells-missing" && file.missingCellIds.includes("cell2")));
    assert.match(formatDriftReport(report, "Run nb2prod generate again"), new RegExp(`step ${step.name}: cells missing: cell2 \\(no longer in the notebook\\)`));
  });

  it("reports a generated file the user edited as edited, which alone is not drift", async () => {
    const notebook = notebookOf(SOURCES);
    const fs = await generated(notebook);
    const flow = `${ROOT}/src/small/flow.py`;
    await fs.writeTextAtomic(flow, `${await fs.readText(flow)}\n# my change\n`);
    const report = await checkDrift(fs, notebook, ROOT);
    assert.equal(report.status, "in-sync");
    const file = report.files.find((candidate) => candidate.path === "src/small/flow.py");
    assert.deepEqual([file?.status, file?.edited], ["edited", true]);
    assert.match(formatDriftReport(report, "Run nb2prod generate again"), /^edited since generation: src\/small\/flow\.py$/m);
  });

  it("reports a stale file the user also edited as stale and edited", async () => {
    const fs = await generated(notebookOf(SOURCES));
    const stale = notebookOf(SOURCES.map((source, index) => (index === 2 ? `${source}\n` : source)));
    const before = await checkDrift(fs, stale, ROOT);
    const module = `${ROOT}/src/small/steps/${stepOf(before, "cell2").name}.py`;
    await fs.writeTextAtomic(module, `${await fs.readText(module)}# mine\n`);
    const step = stepOf(await checkDrift(fs, stale, ROOT), "cell2");
    assert.equal(step.status, "stale");
    assert.equal(step.editedFiles.length, 1);
  });

  it("without nb2prod.json, fails with an InputError that says what to pass", async () => {
    await assert.rejects(checkDrift(new MemoryFileSystem(), notebookOf(SOURCES), ROOT), (error: unknown) => error instanceof InputError && /nb2prod\.json does not exist.*Pass --project/.test(error.message));
  });
});
