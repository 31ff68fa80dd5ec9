// Issue 9 on the real chain (reader → analyser → dataflow → planner): a cell that mixes
// stages is divided at top-level statements, what a cell shows of a fitted model is
// evaluation and kept, data browsing before any model is left out, every step keeps
// something, and adding one step marker changes nothing the user did not touch.
import * as assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { NotebookCellModel, NotebookModel } from "../../../src/core/notebook/notebookModel";
import type { SplitPlan } from "../../../src/core/planning/splitPlan";
import { corpusDir } from "../../corpus";
import { usePlanChain } from "./planChain";

const REPO_ROOT = join(__dirname, "..", "..", "..", "..");

function notebookOf(cells: readonly (string | { readonly source: string; readonly markdown?: true; readonly nb2prod?: Record<string, unknown> })[]): NotebookModel {
  return {
    origin: "division.ipynb",
    language: "python",
    cells: cells.map((cell, index): NotebookCellModel => {
      const spec = typeof cell === "string" ? { source: cell } : cell;
      const markdown = "markdown" in spec;
      return {
        id: `c${index}`,
        index,
        kind: markdown ? "markdown" : "code",
        language: markdown ? "markdown" : "python",
        source: spec.source,
        tags: [],
        executionCount: null,
        metadata: "nb2prod" in spec && spec.nb2prod !== undefined ? { nb2prod: spec.nb2prod } : {},
      };
    }),
  };
}

/** `name [stage] cellIds`, one line per step. */
function shapes(plan: SplitPlan): string[] {
  return plan.steps.map((step) => `${step.name} [${step.stage}] ${step.cellIds.join(",")}`);
}

const IMPORTS = "from sklearn.datasets import load_iris\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.linear_model import LogisticRegression\nimport matplotlib.pyplot as plt";

describe("cells that mix stages are divided at top-level statements", () => {
  const plans = usePlanChain();

  it("divides a load + split + fit + score cell into one part per stage, each in its step, and the plan is valid", () => {
    const cell = [
      "X, y = load_iris(return_X_y=True)",
      "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
      "model = LogisticRegression(max_iter=200)",
      "model.fit(X_train, y_train)",
      "print(model.score(X_test, y_test))",
    ].join("\n");
    const planned = plans().planNotebook(notebookOf([IMPORTS, cell]));
    assert.deepEqual(planned.problems, []);
    assert.deepEqual(
      planned.plan.parts.map((part) => `${part.id} ${part.fromLine}-${part.toLine}`),
      ["c1/1 1-1", "c1/2 2-2", "c1/3 3-4", "c1/4 5-5"],
    );
    assert.deepEqual(shapes(planned.plan), ["load_data [ingestion] c1/1", "prepare_data [preprocessing] c1/2", "train_model [training] c1/3", "evaluate_model [evaluation] c1/4"]);
    assert.match(planned.plan.steps[3]?.rationale ?? "", /moves from training to evaluation here/);
  });

  it("never cuts inside a statement: a loop that fits and scores stays whole", () => {
    const loop = "X, y = load_iris(return_X_y=True)\nscores = []\nfor c in [0.1, 1.0]:\n    model = LogisticRegression(C=c, max_iter=200).fit(X, y)\n    scores.append(model.score(X, y))";
    const { plan } = plans().planNotebook(notebookOf([IMPORTS, loop]));
    for (const part of plan.parts) assert.ok(part.toLine <= 2 || part.fromLine >= 2, `${part.id} cuts the loop`);
    assert.ok(plan.parts.every((part) => part.fromLine !== 4 && part.fromLine !== 5));
  });

  it("keeps a cell whole when its metadata sets its stage", () => {
    const cell = { source: "X, y = load_iris(return_X_y=True)\nmodel = LogisticRegression().fit(X, y)", nb2prod: { stage: "training" } };
    const { plan } = plans().planNotebook(notebookOf([IMPORTS, cell]));
    assert.deepEqual(plan.parts, []);
  });
});

describe("what a cell shows after a model is fitted is evaluation, and kept", () => {
  const plans = usePlanChain();

  it("keeps scores, summaries and figures of a fitted model as reports; leaves data browsing before any model out", () => {
    const planned = plans().planNotebook(
      notebookOf([
        IMPORTS,
        "X, y = load_iris(return_X_y=True)",
        "X[:5]",
        "model = LogisticRegression(max_iter=200)\nmodel.fit(X, y)",
        'print("Accuracy:", model.score(X, y))',
        "plt.plot(model.predict_proba(X)[:, 0])",
      ]),
    );
    assert.deepEqual(planned.problems, []);
    const { plan } = planned;
    assert.deepEqual(plan.excluded.map((entry) => entry.cellId), ["c2"]);
    assert.match(plan.excluded[0]?.reason ?? "", /shows the data|only shows/);
    const reports = plan.steps.flatMap((step) => step.reports);
    assert.deepEqual(reports, [
      { name: "accuracy", kind: "value", cellId: "c4", line: 1, expression: "model.score(X, y)" },
      { name: "figures_cell_6", kind: "figures", cellId: "c5", line: 1 },
    ]);
    assert.equal(plan.steps.find((step) => step.cellIds.includes("c4"))?.stage, "evaluation");
  });

  it("a prediction for new observations is deployment", () => {
    const { plan } = plans().planNotebook(notebookOf([IMPORTS, "X, y = load_iris(return_X_y=True)\nmodel = LogisticRegression(max_iter=200).fit(X, y)", "model.predict([[5.1, 3.5, 1.4, 0.2]])"]));
    assert.equal(plan.steps.at(-1)?.stage, "deployment");
    assert.equal(plan.steps.at(-1)?.reports[0]?.name, "model_predict");
  });

});

describe("adding one step marker renames and merges nothing the user did not touch", () => {
  const plans = usePlanChain();

  const notebooks = readdirSync(corpusDir(REPO_ROOT)).filter((file) => file.endsWith(".ipynb")).sort();
  for (const file of notebooks) {
    it(`holds for markers on several cells of ${file}`, async () => {
      const planned = await plans().planFile(join(corpusDir(REPO_ROOT), file));
      const before = planned.plan;
      const candidates = before.steps.filter((step) => step.cellIds.length > 1 && before.parts.every((part) => !step.cellIds.includes(part.id)));
      for (const step of candidates.filter((_, index) => index % 3 === 0)) {
        const marked = step.cellIds[1] ?? "";
        const notebook = { ...planned.notebook, cells: planned.notebook.cells.map((cell) => (cell.id === marked ? { ...cell, metadata: { ...cell.metadata, nb2prod: { step: "user_step" } } } : cell)) };
        const after = plans().planNotebook(notebook).plan;
        const untouched = (plan: SplitPlan): string[] =>
          plan.steps.filter((candidate) => candidate.name !== step.name && candidate.name !== "user_step").map((candidate) => `${candidate.name}: ${candidate.cellIds.join(",")}`);
        assert.deepEqual(untouched(after), untouched(before), `marker on ${marked}`);
        // The marked step keeps its name and its cells before the marker, unless those alone
        // would keep nothing: then they join the marker's step.
        const split = after.steps.find((candidate) => candidate.name === step.name);
        const marker = after.steps.find((candidate) => candidate.name === "user_step");
        assert.ok(marker?.cellIds.includes(marked));
        if (split === undefined) assert.deepEqual(marker?.cellIds.slice(0, 2), step.cellIds.slice(0, 2), `marker on ${marked}`);
        else assert.deepEqual(split.cellIds, step.cellIds.slice(0, 1), `marker on ${marked}`);
      }
    });
  }
});
