import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { suggestPlan } from "../../../src/core/planning/suggestSteps";
import type { CellSpec } from "./planTestKit";
import { analysesOf, excludedIds, md, notebookOf, planOf, simpleDataflow, stepShapes } from "./planTestKit";

// A small flow used by several rules: load → clean → fit.
const load: CellSpec = { id: "load", source: 'df = pd.read_csv("d.csv")', analysis: { defines: ["df"], reads: ["pd"] } };
const clean: CellSpec = { id: "clean", source: "df = df.dropna()", analysis: { defines: ["df"], reads: ["df"] } };
const fit: CellSpec = { id: "fit", source: "model = Ridge()\nmodel.fit(df)", analysis: { defines: ["model"], reads: ["Ridge", "df"] } };

describe("boundaries: explicit markers win", () => {
  it("nb2prod step metadata starts a step; following cells join it until the stage changes", () => {
    const { plan } = planOf([
      { ...load, nb2prod: { step: "ingest" } },
      { id: "reload", source: 'extra = pd.read_csv("e.csv")', analysis: { defines: ["extra"], reads: ["pd"] } },
      clean,
      { ...fit, nb2prod: { step: "fit_model" } },
    ]);
    assert.equal(plan.boundaries, "markers");
    assert.deepEqual(stepShapes(plan), ["ingest [ingestion] load,reload", "prepare_data [preprocessing] clean", "fit_model [training] fit"]);
    assert.match(plan.steps[0]?.rationale ?? "", /^Cell 1 starts this step in its metadata \(nb2prod\.step = "ingest"\)\./);
  });

  it("Kale block tags with the same name form one step, even apart", () => {
    const { plan } = planOf([
      { ...load, tags: ["block:data"] },
      { ...fit, tags: ["block:train", "prev:data"] },
      { id: "more", source: 'extra = pd.read_csv("e.csv")', tags: ["block:data"], analysis: { defines: ["extra"], reads: ["pd"] } },
      { id: "use", source: "model.fit(extra)", tags: ["step:score"], analysis: { reads: ["model", "extra"] } },
    ]);
    assert.deepEqual(stepShapes(plan), ["data [ingestion] load,more", "train [training] fit", "score [training] use"]);
    assert.deepEqual(plan.warnings.filter((warning) => warning.includes("Kale")), []);
  });

  it("markers win over headings when the notebook has both; the step's stage is the one with most evidence", () => {
    const { plan } = planOf([md("h1", "## Load"), { ...load, tags: ["step:everything"] }, md("h2", "## Fit"), fit]);
    assert.deepEqual(stepShapes(plan), ["everything [training] load,fit"]);
  });

  it("cells before the first marker are split by stage", () => {
    const { plan } = planOf([load, clean, { ...fit, nb2prod: { step: "fit_model" } }]);
    assert.deepEqual(stepShapes(plan), ["load_data [ingestion] load", "prepare_data [preprocessing] clean", "fit_model [training] fit"]);
  });

  it("fixes a step name that is not a snake_case identifier and says so", () => {
    const { plan } = planOf([{ ...load, tags: ["block:Load Data!"] }]);
    assert.deepEqual(stepShapes(plan), ["load_data [ingestion] load"]);
    assert.match(plan.warnings[0] ?? "", /"Load Data!", which is not a valid step name.*called "load_data"/);
  });

  it("warns when a prev: tag names no earlier step", () => {
    const { plan } = planOf([{ ...load, tags: ["block:load"] }, { ...fit, tags: ["block:fit", "prev:tune"] }]);
    assert.match(plan.warnings.join("\n"), /Kale prev:tune.*no step has that name/);
  });
});

describe("boundaries: markdown headings, at any level", () => {
  it("starts one step per section, named after its heading", () => {
    const { plan } = planOf([md("t", "# Title"), md("a", "## Load the data"), load, md("b", "### Clean-up"), clean, md("c", "## Train it"), fit]);
    assert.equal(plan.boundaries, "headings");
    assert.deepEqual(stepShapes(plan), ["load_the_data [ingestion] load", "clean_up [preprocessing] clean", "train_it [training] fit"]);
    assert.match(plan.steps[1]?.rationale ?? "", /^The notebook moves from ingestion to preprocessing here; .* Named after the section "Clean-up"\./);
  });

  it("divides a section where its stage changes; its heading names every step in it", () => {
    const { plan } = planOf([md("a", "## Load and train"), load, fit, md("b", "## Look"), { id: "score", source: "r2 = model.score(df)", analysis: { defines: ["r2"], reads: ["model", "df"] } }]);
    assert.deepEqual(stepShapes(plan), ["load_and_train [ingestion] load", "load_and_train_fit [training] fit", "look [evaluation] score"]);
  });

  it("cuts between two stages at a heading when the cut passes no more values there", () => {
    // Cutting before `between` passes df, cutting after it passes features: one value either way.
    const between: CellSpec = { id: "between", source: "features = df.values", analysis: { defines: ["features"], reads: ["df"] } };
    const uses: CellSpec = { ...fit, source: "model = Ridge()\nmodel.fit(features)", analysis: { defines: ["model"], reads: ["Ridge", "features"] } };
    assert.deepEqual(stepShapes(planOf([md("a", "## Data"), load, md("b", "## Model"), between, uses]).plan), ["data [ingestion] load", "model [training] between,fit"]);
  });

  it("does not name steps after a title above the whole notebook", () => {
    assert.deepEqual(stepShapes(planOf([md("t", "# My analysis"), load, fit]).plan), ["load_data [ingestion] load", "train_model [training] fit"]);
  });

  it("gives no step to a section whose cells are all left out", () => {
    const { plan } = planOf([
      md("a", "## Load"), load,
      md("b", "## Look"), { id: "head", source: "df.head()", analysis: { reads: ["df"], displayOnly: true } },
      md("c", "## Fit"), fit,
    ]);
    assert.deepEqual(stepShapes(plan), ["load [ingestion] load", "fit [training] fit"]);
  });

  it("keeps step names unique when headings repeat", () => {
    const { plan } = planOf([md("a", "## Step"), load, md("b", "## Step"), fit]);
    assert.deepEqual(plan.steps.map((step) => step.name), ["step", "step_2"]);
  });

  it("ignores a heading inside a fenced code block", () => {
    const { plan } = planOf([md("a", "## Load"), load, md("b", "```\n# not a heading\n```"), clean, md("c", "## Fit"), fit]);
    assert.deepEqual(stepShapes(plan), ["load [ingestion] load", "load_prep [preprocessing] clean", "fit [training] fit"]);
  });
});

describe("boundaries: no markers — stage changes and dataflow", () => {
  it("starts a step where the stage changes and names it after the stage", () => {
    const { plan } = planOf([md("t", "# Only a title"), load, clean, fit]);
    assert.equal(plan.boundaries, "stages");
    assert.deepEqual(stepShapes(plan), ["load_data [ingestion] load", "prepare_data [preprocessing] clean", "train_model [training] fit"]);
    assert.match(plan.steps[1]?.rationale ?? "", /moves from ingestion to preprocessing here; this cut passes 1 value \(df\)/);
  });

  it("gives a second step of the same stage a numbered name", () => {
    const { plan } = planOf([load, fit, { id: "reload", source: 'df = pd.read_csv("e.csv")', analysis: { defines: ["df"], reads: ["pd"] } }]);
    assert.deepEqual(plan.steps.map((step) => step.name), ["load_data", "train_model", "load_data_2"]);
  });

  it("merges a step that would keep nothing into the step before it", () => {
    const tidy: CellSpec = { id: "tidy", source: "df.sort_values('a', inplace=True)", analysis: { reads: ["df"], mutates: [{ name: "df", line: 1 }] } };
    const { plan } = planOf([load, fit, tidy]);
    assert.deepEqual(stepShapes(plan), ["load_data [ingestion] load", "train_model [training] fit,tidy"]);
  });

  it("is deterministic: the same notebook gives the same plan", () => {
    const cells = [load, clean, fit];
    assert.deepEqual(planOf(cells).plan, planOf(cells).plan);
  });
});

describe("values between steps", () => {
  it("passes what a later step reads, from the step that last wrote it", () => {
    const { plan } = planOf([load, clean, fit]);
    assert.deepEqual(plan.steps[1]?.inputs, [{ name: "df", fromStep: "load_data" }]);
    assert.deepEqual(plan.steps[1].outputs, [{ name: "df" }]);
    assert.deepEqual(plan.steps[2]?.inputs, [{ name: "df", fromStep: "prepare_data" }]);
  });

  it("a value changed in place in another step is passed on from that step", () => {
    const { plan } = planOf([
      load,
      { id: "mutate", source: "df.dropna(inplace=True)", analysis: { reads: ["df"], mutates: [{ name: "df", line: 1 }] } },
      fit,
    ]);
    assert.deepEqual(stepShapes(plan), ["load_data [ingestion] load", "prepare_data [preprocessing] mutate", "train_model [training] fit"]);
    assert.deepEqual(plan.steps[1]?.inputs, [{ name: "df", fromStep: "load_data" }]);
    assert.deepEqual(plan.steps[1].outputs, [{ name: "df" }]);
    assert.deepEqual(plan.steps[2]?.inputs, [{ name: "df", fromStep: "prepare_data" }]);
  });

  it("a value changed in place inside the reader's own step is not passed again", () => {
    const { plan } = planOf([
      load,
      { id: "mutate", source: "df.dropna(inplace=True)", analysis: { reads: ["df"], mutates: [{ name: "df", line: 1 }] } },
      { id: "more", source: "df = df.fillna(0)", analysis: { defines: ["df"], reads: ["df"] } },
    ]);
    assert.deepEqual(stepShapes(plan), ["load_data [ingestion] load", "prepare_data [preprocessing] mutate,more"]);
    assert.deepEqual(plan.steps[1]?.inputs, [{ name: "df", fromStep: "load_data" }]);
  });

  it("gives each step the imports it uses instead of passing modules", () => {
    const { plan } = planOf([
      { id: "imports", source: "import pandas as pd\nfrom sklearn.linear_model import Ridge", analysis: { defines: ["pd", "Ridge"], imports: [{ module: "pandas", alias: "pd", line: 1 }, { module: "sklearn.linear_model", name: "Ridge", line: 2 }] } },
      load,
      fit,
    ]);
    assert.deepEqual(plan.shared.cellIds, ["imports"]);
    assert.deepEqual(plan.steps.map((step) => step.imports), [[{ module: "pandas", alias: "pd" }], [{ module: "sklearn.linear_model", name: "Ridge" }]]);
    assert.ok(plan.steps.every((step) => step.inputs.every((input) => input.name !== "pd" && input.name !== "Ridge")));
  });

  it("keeps a plotting cell that changes in place a value a kept cell defined", () => {
    // nb11: `theta_path_sgd = []`, then a cell whose SGD loop appends to it and plots.
    const { plan } = planOf([
      load,
      { id: "path", source: "path = []", analysis: { defines: ["path"] } },
      {
        id: "loop",
        source: "for row in df.values:\n    path.append(row)\nplt.plot(path)",
        analysis: { reads: ["df", "path", "plt"], mutates: [{ name: "path", line: 2 }] },
      },
    ]);
    assert.deepEqual(excludedIds(plan), []);
    assert.ok(plan.steps.some((step) => step.cellIds.includes("loop")));
  });

  it("still leaves out a plot that only changes values of other left-out cells", () => {
    const { plan } = planOf([
      load,
      { id: "axes", source: "fig, ax = plt.subplots()", analysis: { defines: ["fig", "ax"], reads: ["plt"] } },
      { id: "plot", source: "ax.lines.clear()\nax.plot(df)", analysis: { reads: ["ax", "df"], mutates: [{ name: "ax", line: 1 }] } },
    ]);
    assert.deepEqual(excludedIds(plan), ["axes", "plot"]);
  });

  it("warns when a step reads a value whose only definition is left out", () => {
    const { plan } = planOf([{ ...load, tags: ["skip"] }, fit]);
    assert.deepEqual(excludedIds(plan), ["load"]);
    assert.match(plan.warnings.join("\n"), /Cell 2 reads df, but the cell that defines it \(cell 1\) is left out/);
  });
});

describe("shared code: functions and classes lifted once", () => {
  it("lifts a cell of definitions whole, and steps read the function without passing it", () => {
    const { plan } = planOf([
      { id: "defs", source: "def clean(df):\n    return df.dropna()\n\n\nclass Model:\n    pass", analysis: { defines: ["clean", "Model"], functions: ["clean"], classes: ["Model"] } },
      load,
      { id: "use", source: "out = clean(df)", analysis: { defines: ["out"], reads: ["clean", "df"] } },
    ]);
    assert.deepEqual(plan.shared.functions, [{ name: "clean", cellId: "defs" }]);
    assert.deepEqual(plan.shared.classes, [{ name: "Model", cellId: "defs" }]);
    assert.deepEqual(plan.shared.cellIds, ["defs"]);
    assert.ok(plan.steps.every((step) => step.inputs.every((input) => input.name !== "clean")));
  });

  it("keeps a function that reads a notebook variable in its step, and says why", () => {
    const { plan } = planOf([
      load,
      { id: "def", source: "def scale(x):\n    return x / df.max()", analysis: { defines: ["scale"], functions: ["scale"], reads: ["df"] } },
    ]);
    assert.deepEqual(plan.shared.functions, []);
    assert.deepEqual(plan.shared.cellIds, []);
    assert.match(plan.warnings.join("\n"), /Function scale \(cell 2\) reads the notebook variable df, so it stays in its step/);
  });

  it("shares literal constants with the functions that read them", () => {
    const { plan } = planOf([
      { id: "defs", source: "LIMIT = 3\n\n\ndef cap(x):\n    return min(x, LIMIT)", analysis: { defines: ["LIMIT", "cap"], functions: ["cap"] } },
      { id: "use", source: "y = cap(5)", analysis: { defines: ["y"], reads: ["cap"] } },
    ]);
    assert.deepEqual(plan.shared.constants, [{ name: "LIMIT", cellId: "defs" }]);
    assert.deepEqual(plan.shared.functions, [{ name: "cap", cellId: "defs" }]);
  });

  it("leaves out a helper no pipeline step uses", () => {
    const { plan } = planOf([
      { id: "helper", source: "def show(df):\n    df.plot()", analysis: { defines: ["show"], functions: ["show"] } },
      load,
      { id: "plot", source: "show(df)", analysis: { reads: ["show", "df"], displayOnly: true } },
    ]);
    assert.deepEqual(excludedIds(plan), ["helper", "plot"]);
    assert.match(plan.excluded[0]?.reason ?? "", /helpers no pipeline step uses \(show\)/);
  });
});

describe("the parameters cell becomes typed params", () => {
  it("reads the papermill parameters cell and passes params to the steps that read them", () => {
    const { plan } = planOf([
      { id: "params", source: 'path = "d.csv"\nalpha = 0.5', tags: ["parameters"], analysis: { defines: ["path", "alpha"] } },
      { id: "load", source: "df = pd.read_csv(path)", analysis: { defines: ["df"], reads: ["pd", "path"] } },
      { id: "fit", source: "model = Ridge(alpha=alpha)\nmodel.fit(df)", analysis: { defines: ["model"], reads: ["Ridge", "alpha", "df"] } },
    ]);
    assert.deepEqual(plan.parametersCellIds, ["params"]);
    assert.deepEqual(plan.params, [
      { name: "path", value: "d.csv", type: "str", cellId: "params" },
      { name: "alpha", value: 0.5, type: "float", cellId: "params" },
    ]);
    assert.deepEqual(plan.steps[0]?.inputs, [{ name: "path", param: "path", typeHint: "str" }]);
    assert.deepEqual(plan.steps[1]?.inputs, [{ name: "alpha", param: "alpha", typeHint: "float" }, { name: "df", fromStep: "load_data" }]);
  });

  it("also reads Kale's pipeline-parameters tag, and reports lines that are not plain values", () => {
    const { plan } = planOf([{ id: "params", source: "n = 3\nroot = Path('data')", tags: ["pipeline-parameters"], analysis: { defines: ["n", "root"] } }]);
    assert.deepEqual(plan.params.map((param) => param.name), ["n"]);
    assert.match(plan.warnings[0] ?? "", /Line 2 of the parameters cell \(cell 1\), `root = Path\('data'\)`, does not set a plain value/);
  });
});

describe("notebooks the planner can only partly see", () => {
  it("plans an empty notebook as no steps, and the plan is still valid", () => {
    const { plan } = planOf([md("t", "# Nothing here yet")]);
    assert.deepEqual(plan.steps, []);
    assert.deepEqual(plan.cellStages, []);
  });

  it("warns about syntax errors, %run and cells it has no analysis for", () => {
    const cells: CellSpec[] = [
      { id: "broken", source: "df = (", analysis: { defines: ["df"], syntaxErrors: [{ line: 1, column: 6, message: "unclosed (" }] } },
      { id: "run", source: "%run helpers.py\nx = tidy(df)", analysis: { defines: ["x"], magics: [{ kind: "line-magic", name: "run", text: "run helpers.py", line: 1 }] } },
    ];
    const notebook = notebookOf([...cells, { id: "r-cell", source: "tidy(df)" }]);
    const analyses = analysesOf(cells);
    const plan = suggestPlan(notebook, analyses, simpleDataflow(analyses));
    assert.deepEqual(plan.warnings, [
      "Cell 1 has a syntax error on line 1 (unclosed (); the plan may miss part of what it does.",
      "Cell 2 runs other code (%run helpers.py); the plan cannot see what that defines.",
      "Cell 3 (python) was not analysed; the plan does not know what it reads or defines.",
    ]);
    assert.deepEqual(stepShapes(plan), ["prepare_data [preprocessing] broken,run,r-cell"]);
  });
});
