import * as assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readTags } from "../../../src/core/notebook/cellMetadata";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import type { LayoutResult, PlannedNotebook } from "../../../src/core/planning/stepLayout";
import type { StepEditResult } from "../../../src/core/planning/stepEdits";
import { assignCellsToStep, mergeWithPreviousStep, renameStep } from "../../../src/core/planning/stepEdits";
import { suggestPlan } from "../../../src/core/planning/suggestSteps";
import type { CellSpec, Planned } from "./planTestKit";
import { md, planOf, stepShapes } from "./planTestKit";
import { usePlanChain } from "./planChain";
import { corpusDir } from "../../corpus";

// load → clean → fit → score: the planner suggests one step per stage.
const load: CellSpec = { id: "load", source: 'df = pd.read_csv("d.csv")', analysis: { defines: ["df"], reads: ["pd"] } };
const clean: CellSpec = { id: "clean", source: "df = df.dropna()", analysis: { defines: ["df"], reads: ["df"] } };
const fit: CellSpec = { id: "fit", source: "model = Ridge()\nmodel.fit(df)", analysis: { defines: ["model"], reads: ["Ridge", "df"] } };
const score: CellSpec = { id: "score", source: "r2 = model.score(df)\nr2", analysis: { defines: ["r2"], reads: ["model", "df"] } };

function applied(result: StepEditResult): LayoutResult {
  if (!result.ok) assert.fail(result.problem);
  return result.value;
}

/** Plans the notebook again from scratch with the edit's metadata written: the plan a user would see. */
function replanned(planned: PlannedNotebook, result: LayoutResult): string[] {
  const cells = planned.notebook.cells.map((cell) => {
    const change = result.changes.find((candidate) => candidate.index === cell.index);
    return change === undefined ? cell : { ...cell, metadata: change.metadata, tags: readTags(change.metadata) };
  });
  const plan = suggestPlan({ ...planned.notebook, cells }, planned.analyses, planned.dataflow);
  assert.deepEqual(stepShapes(plan), stepShapes(result.plan), "the edit's plan is the plan of the edited notebook");
  return stepShapes(plan);
}

function changedCells(planned: Planned, result: LayoutResult): Record<string, unknown> {
  const entries = result.changes.map((change): [string, unknown] => [planned.notebook.cells[change.index]?.id ?? "", change.metadata]);
  return Object.fromEntries(entries);
}

describe("step edits: rename", () => {
  it("renaming a suggested step writes one marker on its first cell; other steps keep names and cells", () => {
    const planned = planOf([load, clean, fit, score]);
    assert.deepEqual(stepShapes(planned.plan), ["load_data [ingestion] load", "prepare_data [preprocessing] clean", "train_model [training] fit", "evaluate_model [evaluation] score"]);
    const result = applied(renameStep(planned, "prepare_data", "clean_up"));
    assert.deepEqual(replanned(planned, result), ["load_data [ingestion] load", "clean_up [preprocessing] clean", "train_model [training] fit", "evaluate_model [evaluation] score"]);
    assert.deepEqual(changedCells(planned, result), { clean: { nb2prod: { step: "clean_up" } } });
    assert.deepEqual(result.mismatches, []);
  });

  it("renaming a marked step renames its markers, Kale prev: tags that name it too", () => {
    const planned = planOf([{ ...load, tags: ["block:data"] }, { ...fit, tags: ["block:train", "prev:data"] }, { ...score, tags: ["block:data"] }]);
    const result = applied(renameStep(planned, "data", "inputs"));
    assert.deepEqual(replanned(planned, result), ["inputs [evaluation] load,score", "train [training] fit"]);
    const changed = changedCells(planned, result);
    assert.deepEqual(changed, { load: { tags: ["block:inputs"] }, fit: { tags: ["block:train", "prev:inputs"] }, score: { tags: ["block:inputs"] } });
  });

  it("a renamed step's old name does not pass to a step that had to give way to it", () => {
    // The marked step takes load_data; the suggested one after the cleaning is load_data_2.
    const reload: CellSpec = { id: "reload", source: 'extra = pd.read_csv("e.csv")', analysis: { defines: ["extra"], reads: ["pd"] } };
    const planned = planOf([{ ...load, nb2prod: { step: "load_data" } }, clean, reload, { ...fit, analysis: { defines: ["model"], reads: ["Ridge", "df", "extra"] } }]);
    const before = stepShapes(planned.plan);
    assert.ok(before.some((shape) => shape.startsWith("load_data_2 ")), before.join("\n"));
    const result = applied(renameStep(planned, "load_data", "ingest"));
    const after = replanned(planned, result);
    assert.deepEqual(after, before.map((shape) => shape.replace(/^load_data /, "ingest ")));
  });

  it("refuses a name another step has, an invalid name, and an unknown step", () => {
    const planned = planOf([load, clean, fit]);
    const taken = renameStep(planned, "prepare_data", "train_model");
    assert.equal(taken.ok, false);
    assert.match(taken.problem, /exists already/);
    assert.equal(renameStep(planned, "prepare_data", "Clean Up").ok, false);
    assert.equal(renameStep(planned, "nope", "x").ok, false);
  });
});

describe("step edits: merge with previous", () => {
  it("merging two suggested steps marks both with the first step's name", () => {
    const planned = planOf([load, clean, fit, score]);
    const result = applied(mergeWithPreviousStep(planned, "train_model"));
    assert.deepEqual(replanned(planned, result), ["load_data [ingestion] load", "prepare_data [training] clean,fit", "evaluate_model [evaluation] score"]);
    assert.deepEqual(changedCells(planned, result), { clean: { nb2prod: { step: "prepare_data" } }, fit: { nb2prod: { step: "prepare_data" } } });
  });

  it("merging a marked step into a marked one moves the marker's cells and leaves no stray marker", () => {
    const planned = planOf([{ ...load, nb2prod: { step: "ingest" } }, { ...clean, nb2prod: { step: "tidy" } }, fit]);
    assert.deepEqual(stepShapes(planned.plan), ["ingest [ingestion] load", "tidy [preprocessing] clean", "train_model [training] fit"]);
    const result = applied(mergeWithPreviousStep(planned, "tidy"));
    assert.deepEqual(replanned(planned, result), ["ingest [ingestion] load,clean", "train_model [training] fit"]);
    const marker = (changedCells(planned, result).clean as { nb2prod?: { step?: string } } | undefined)?.nb2prod?.step;
    assert.ok(marker === undefined || marker === "ingest", `clean is unmarked or marked ingest, not ${String(marker)}`);
  });

  it("refuses the first step", () => {
    const merged = mergeWithPreviousStep(planOf([load, clean]), "load_data");
    assert.equal(merged.ok, false);
  });
});

describe("step edits: move and assign cells", () => {
  it("moves one cell to the next step; the steps around keep their names", () => {
    const planned = planOf([load, clean, fit, score]);
    const result = applied(assignCellsToStep(planned, [1], "train_model"));
    assert.deepEqual(replanned(planned, result), ["load_data [ingestion] load", "train_model [training] clean,fit", "evaluate_model [evaluation] score"]);
  });

  it("assigns cells that are not next to each other to one new step, across a markdown cell", () => {
    const planned = planOf([load, md("h", "Some notes"), clean, fit, score]);
    const result = applied(assignCellsToStep(planned, [0, 1, 4], "everything_else"));
    assert.equal(result.mismatches.length, 0, result.mismatches.join("\n"));
    const after = replanned(planned, result);
    assert.deepEqual(after.find((shape) => shape.startsWith("everything_else ")), "everything_else [evaluation] load,score");
    assert.deepEqual(after.filter((shape) => !shape.startsWith("everything_else ")).map((shape) => shape.replace(/ \[.*\]/, "")), ["prepare_data clean", "train_model fit"]);
    const skipped = assignCellsToStep(planned, [0, 1, 4], "everything_else");
    assert.deepEqual(skipped.ok ? skipped.skipped : undefined, ["Cell 2 is not a code cell."]);
  });

  it("moving a middle cell out splits nothing else: its step keeps its other cells under its name", () => {
    const more: CellSpec = { id: "more", source: "df = df.fillna(0)", analysis: { defines: ["df"], reads: ["df"] } };
    const planned = planOf([load, clean, more, fit]);
    assert.deepEqual(stepShapes(planned.plan), ["load_data [ingestion] load", "prepare_data [preprocessing] clean,more", "train_model [training] fit"]);
    const result = applied(assignCellsToStep(planned, [1], "load_data"));
    assert.deepEqual(replanned(planned, result), ["load_data [ingestion] load,clean", "prepare_data [preprocessing] more", "train_model [training] fit"]);
  });

  it("brings a cell excluded in its metadata back into the pipeline", () => {
    const planned = planOf([load, { ...clean, nb2prod: { exclude: true } }, fit]);
    assert.ok(planned.plan.excluded.some((entry) => entry.cellId === "clean"));
    const result = applied(assignCellsToStep(planned, [1], "load_data"));
    assert.deepEqual(replanned(planned, result), ["load_data [ingestion] load,clean", "train_model [training] fit"]);
  });

  it("says why the parameters cell stays out of the steps", () => {
    const planned = planOf([{ id: "p", source: "alpha = 1", tags: ["parameters"], analysis: { defines: ["alpha"] } }, load, fit]);
    const result = assignCellsToStep(planned, [0], "load_data");
    assert.equal(result.ok, true);
    assert.match((result.skipped ?? []).join("\n"), /parameters cell/);
  });
});

describe("step edits on the real chain: a cell divided between steps", () => {
  const plans = usePlanChain();
  const imports = "from sklearn.datasets import load_iris\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.linear_model import LogisticRegression";
  const mixed = [
    "X, y = load_iris(return_X_y=True)",
    "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
    "model = LogisticRegression(max_iter=200)",
    "model.fit(X_train, y_train)",
    "print(model.score(X_test, y_test))",
  ].join("\n");

  function divided(): PlannedNotebook {
    const notebook: NotebookModel = {
      origin: "divided.ipynb",
      language: "python",
      cells: [imports, mixed].map((source, index) => ({ id: `c${index}`, index, kind: "code", language: "python", source, tags: [], executionCount: null, metadata: {} })),
    };
    return plans().planNotebook(notebook);
  }

  it("an edit that needs part of a divided cell alone is refused, saying why and what to do", () => {
    const planned = divided();
    assert.deepEqual(stepShapes(planned.plan), ["load_data [ingestion] c1/1", "prepare_data [preprocessing] c1/2", "train_model [training] c1/3", "evaluate_model [evaluation] c1/4"]);
    const renamed = renameStep(planned, "prepare_data", "split_data");
    assert.equal(renamed.ok, false);
    assert.match(renamed.problem, /Cell 2 mixes stages, so nb2prod divided it between steps load_data, prepare_data, train_model, evaluate_model; .*Split Cell/);
    assert.equal(mergeWithPreviousStep(planned, "prepare_data").ok, false);
  });

  it("moving the whole divided cell into one step is done: the marker keeps it whole", () => {
    const planned = divided();
    const result = applied(assignCellsToStep(planned, [1], "everything"));
    assert.deepEqual(replanned(planned, result), ["everything [evaluation] c1"]);
  });
});

describe("step edits on every corpus notebook: what is done is exactly what was asked", () => {
  const plans = usePlanChain();
  const repoRoot = join(__dirname, "..", "..", "..", "..");
  const files = [
    ...readdirSync(corpusDir(repoRoot)).filter((name) => name.endsWith(".ipynb")).map((name) => join(corpusDir(repoRoot), name)),
    ...["iris_classifier.ipynb", "diabetes_regression.ipynb"].map((name) => join(repoRoot, "examples", name)),
  ];

  it("renaming and merging each notebook's middle step, and moving two cells apart to a new step", async () => {
    let exact = 0;
    for (const file of files) {
      const planned = await plans().planFile(file);
      const steps = planned.plan.steps;
      const middle = steps[Math.floor(steps.length / 2)];
      if (middle === undefined || steps.length < 2) continue;
      const others = steps.filter((step) => step !== middle);
      const renamed = renameStep(planned, middle.name, "renamed_step");
      if (renamed.ok && renamed.value.mismatches.length === 0) {
        exact += 1;
        replanned(planned, renamed.value);
        const cellsByName = (plan: typeof planned.plan): string[] => plan.steps.map((step) => `${step.name}: ${step.cellIds.join(",")}`);
        assert.deepEqual(cellsByName(renamed.value.plan), cellsByName(planned.plan).map((line) => (line.startsWith(`${middle.name}: `) ? line.replace(middle.name, "renamed_step") : line)), file);
      }
      const merged = mergeWithPreviousStep(planned, middle.name);
      if (merged.ok && merged.value.mismatches.length === 0) {
        exact += 1;
        replanned(planned, merged.value);
        assert.deepEqual(merged.value.plan.steps.map((step) => step.name), others.map((step) => step.name), file);
      }
      const code = planned.notebook.cells.filter((cell) => cell.kind === "code").map((cell) => cell.index);
      const moved = assignCellsToStep(planned, [code[1] ?? 0, code[code.length - 2] ?? 0], "moved_cells");
      if (moved.ok && moved.value.mismatches.length === 0) {
        exact += 1;
        replanned(planned, moved.value);
        assert.deepEqual(
          moved.value.plan.steps.map((step) => step.name).filter((name) => name !== "moved_cells"),
          steps.map((step) => step.name).filter((name) => moved.value.plan.steps.some((step) => step.name === name)),
          `${file}: the steps that remain keep their names and order`,
        );
      }
    }
    assert.ok(exact >= files.length, `${exact} edits done exactly over ${files.length} notebooks`);
  });
});
