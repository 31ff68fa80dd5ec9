import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CellSourceAnalysis } from "../../../src/core/analysis/cellAnalysis";
import type { CellSpec } from "./planTestKit";
import { excludedIds, planOf, stageOf } from "./planTestKit";

interface StageCase {
  readonly label: string;
  readonly source: string;
  readonly analysis: Partial<CellSourceAnalysis>;
  readonly stage: string;
  /** Matches the cell's `because`: the evidence shown to the user. */
  readonly because: RegExp;
}

// Each case's cell defines `out`, read by a later cell, so it stays in the pipeline.
const keep = (analysis: Partial<CellSourceAnalysis>): Partial<CellSourceAnalysis> => ({ ...analysis, defines: [...(analysis.defines ?? []), "out"] });
const importOf = (module: string, name?: string, alias?: string): CellSourceAnalysis["imports"][number] => ({
  module, line: 1, ...(name !== undefined ? { name } : {}), ...(alias !== undefined ? { alias } : {}),
});

const CASES: readonly StageCase[] = [
  {
    label: "a pandas reader with a literal path",
    source: 'out = pd.read_csv("data/train.csv")',
    analysis: keep({ reads: ["pd"], fileReads: [{ path: "data/train.csv", call: "pd.read_csv", line: 1 }] }),
    stage: "ingestion",
    because: /^Ingestion: pd\.read_csv \(line 1\) reads a data set from "data\/train\.csv"\.$/,
  },
  {
    label: "any other file read with a literal path",
    source: 'with open("params.json") as handle:\n    out = json.load(handle)',
    analysis: keep({ fileReads: [{ path: "params.json", call: "open", line: 1 }] }),
    stage: "ingestion",
    because: /open \(line 1\) reads a file from "params\.json"/,
  },
  { label: "an sklearn loader", source: "out = load_iris()", analysis: keep({}), stage: "ingestion", because: /load_iris .*loads a data set/ },
  { label: "an sklearn generator", source: "out, y = make_blobs(n_samples=100)", analysis: keep({}), stage: "ingestion", because: /make_blobs/ },
  { label: "a statsmodels data set", source: "out = sm.datasets.engel.load_pandas().data", analysis: keep({}), stage: "ingestion", because: /statsmodels data set/ },
  { label: "an assert", source: 'assert out["age"].min() >= 0\nout = 1', analysis: keep({}), stage: "validation", because: /assert out\["age"\]\.min\(\) >= 0 \(line 1\) checks an assumption/ },
  { label: "a pandera schema", source: "out = schema.validate(df)", analysis: keep({}), stage: "validation", because: /schema\.validate .*validates against a schema/ },
  { label: "a train/test split", source: "out, X_test = train_test_split(X)", analysis: keep({}), stage: "preprocessing", because: /train_test_split .*splits the data/ },
  { label: "get_dummies", source: "out = pd.get_dummies(df)", analysis: keep({}), stage: "preprocessing", because: /encodes categories/ },
  { label: "a scaler fitted by name", source: "out = StandardScaler()\nout.fit(X)", analysis: keep({ mutates: [{ name: "out", line: 2 }] }), stage: "preprocessing", because: /out\.fit .*fits a transformer|StandardScaler/ },
  { label: "a scaler fitted on the constructor call", source: "out = StandardScaler().fit(X)", analysis: keep({}), stage: "preprocessing", because: /StandardScaler\(\)\.fit .*fits a transformer|StandardScaler .*builds a transformer/ },
  { label: "a model fit", source: "out = RandomForestClassifier()\nout.fit(X, y)", analysis: keep({}), stage: "training", because: /^Training: out\.fit \(line 2\) fits a model; RandomForestClassifier \(line 1\) builds a model\.$/ },
  { label: "the normal equation", source: "out = np.linalg.inv(X_b.T.dot(X_b)).dot(X_b.T).dot(y)", analysis: keep({}), stage: "training", because: /solves the normal equation/ },
  { label: "the normal equation solved, regularised", source: "out = np.linalg.solve(X.T @ X + alpha * A, X.T @ y)", analysis: keep({}), stage: "training", because: /solves the normal equation/ },
  { label: "an inverse that is not the normal equation", source: "out = np.linalg.inv(cov)", analysis: keep({}), stage: "preprocessing", because: /^(?!.*normal equation)/ },
  { label: "fit outweighs one metric", source: "out = LogisticRegression()\nout.fit(X, y)\nprint(accuracy_score(y, out.predict(X)))", analysis: keep({}), stage: "training", because: /fits a model/ },
  { label: "a training loop", source: "for epoch in range(10):\n    out = step(model)\n    loss.backward()", analysis: keep({}), stage: "training", because: /runs a training loop|trains a model/ },
  { label: "a Keras compile", source: 'out = model.compile(optimizer="adam")', analysis: keep({}), stage: "training", because: /compiles a model/ },
  { label: "re.compile is not training", source: 'out = re.compile("a+")', analysis: keep({}), stage: "preprocessing", because: /No stage-specific code/ },
  { label: "metrics", source: "out = classification_report(y, p)\nprint(confusion_matrix(y, p))", analysis: keep({}), stage: "evaluation", because: /classification_report .*scores a model/ },
  { label: "a cross-validation score", source: "out = cross_val_score(model, X, y, cv=5)", analysis: keep({}), stage: "evaluation", because: /cross_val_score .*computes a metric/ },
  { label: "an mlflow model log", source: 'out = mlflow.sklearn.log_model(model, "m")', analysis: keep({}), stage: "registration", because: /log_model .*logs or registers a model/ },
  { label: "a FastAPI app", source: "out = FastAPI()", analysis: keep({}), stage: "deployment", because: /FastAPI .*creates a web service/ },
  { label: "a pandera import alone is weak but counts", source: "import pandera as pa\nout = check(df)", analysis: keep({ imports: [importOf("pandera", undefined, "pa")] }), stage: "validation", because: /import pandera/ },
];

describe("stage classifier: one stage per cell, with the evidence that decided it", () => {
  for (const testCase of CASES) {
    it(`${testCase.label} → ${testCase.stage}`, () => {
      const { plan } = planOf([
        { id: "c", source: testCase.source, analysis: testCase.analysis },
        { id: "use", source: "print(out)", analysis: { reads: ["out"] } },
      ]);
      const entry = plan.cellStages.find((cell) => cell.cellId === "c");
      assert.equal(entry?.stage, testCase.stage);
      assert.match(entry.because, testCase.because);
    });
  }

  it("a fitted model saved with joblib is registration", () => {
    const { plan } = planOf([
      { id: "fit", source: "model = Ridge()\nmodel.fit(X, y)", analysis: { defines: ["model"] } },
      { id: "save", source: 'joblib.dump(model, "model.joblib")', analysis: { reads: ["joblib", "model"] } },
    ]);
    assert.equal(stageOf(plan, "save"), "registration");
    assert.match(plan.cellStages[1]?.because ?? "", /joblib\.dump .*saves the fitted model/);
  });

  it("the stage in nb2prod metadata wins over evidence", () => {
    const { plan } = planOf([
      { id: "c", source: 'out = pd.read_csv("x.csv")', nb2prod: { stage: "validation" }, analysis: keep({}) },
      { id: "use", source: "print(out)", analysis: { reads: ["out"] } },
    ]);
    assert.equal(stageOf(plan, "c"), "validation");
    assert.match(plan.cellStages[0]?.because ?? "", /metadata sets the stage/);
  });

  it("a cell without evidence takes the stage of the cell before it", () => {
    const { plan } = planOf([
      { id: "load", source: "df = load_wine()", analysis: { defines: ["df"] } },
      { id: "plain", source: "df2 = df", analysis: { defines: ["df2"], reads: ["df"] } },
      { id: "use", source: "model = Ridge().fit(df2)", analysis: { defines: ["model"], reads: ["df2", "Ridge"] } },
    ]);
    assert.equal(stageOf(plan, "plain"), "ingestion");
  });
});

describe("exploration: feeds nothing downstream and only displays", () => {
  const load: CellSpec = { id: "load", source: 'df = pd.read_csv("d.csv")', analysis: { defines: ["df"], reads: ["pd"] } };

  it("leaves out a display-only cell nobody reads, with the reason in plain words", () => {
    const { plan } = planOf([load, { id: "head", source: "df.head()", analysis: { reads: ["df"], displayOnly: true } }]);
    assert.deepEqual(excludedIds(plan), ["head"]);
    assert.equal(stageOf(plan, "head"), "exploration");
    assert.match(plan.excluded[0]?.reason ?? "", /^It shows the data \(df\.head, line 1\) and nothing in the pipeline uses what it computes\.$/);
  });

  it("keeps a displaying cell whose values a later kept cell reads", () => {
    const { plan } = planOf([
      load,
      { id: "shown", source: "clean = df.dropna()\nclean.head()", analysis: { defines: ["clean"], reads: ["df"] } },
      { id: "fit", source: "model = Ridge()\nmodel.fit(clean)", analysis: { defines: ["model"], reads: ["clean"] } },
    ]);
    assert.deepEqual(excludedIds(plan), []);
  });

  it("leaves out a figure cell whose only reader is a plot", () => {
    const { plan } = planOf([
      load,
      { id: "figure", source: "fig, ax = plt.subplots()", analysis: { defines: ["fig", "ax"], reads: ["plt"] } },
      { id: "plot", source: "ax.scatter(df.a, df.b)", analysis: { reads: ["ax", "df"], displayOnly: true } },
    ]);
    assert.deepEqual(excludedIds(plan), ["figure", "plot"]);
  });

  it("keeps a printed metric: the metric is a result of the pipeline", () => {
    const { plan } = planOf([load, { id: "metric", source: "print(accuracy_score(df.y, df.p))", analysis: { reads: ["df"], displayOnly: true } }]);
    assert.deepEqual(excludedIds(plan), []);
    assert.equal(stageOf(plan, "metric"), "evaluation");
  });

  it("keeps a cell that changes a model in place, even if it shows its last expression", () => {
    const { plan } = planOf([
      { id: "model", source: "knn = KNeighborsClassifier()", analysis: { defines: ["knn"] } },
      { id: "fit", source: "knn.fit(X, y)", analysis: { reads: ["knn", "X", "y"], mutates: [{ name: "knn", line: 1 }], displayOnly: true } },
    ]);
    assert.deepEqual(excludedIds(plan), []);
  });

  it("keeps a cell that plots what a fitted model gives, as evaluation with its figures; it stays without the plot too", () => {
    const fitAndPlot: CellSpec = {
      id: "fit-plot",
      source: "labels = KMeans(4).fit_predict(df)\nplt.scatter(df.a, df.b, c=labels)",
      analysis: { defines: ["labels"], reads: ["KMeans", "df", "plt"] },
    };
    const { plan } = planOf([load, fitAndPlot]);
    assert.deepEqual(excludedIds(plan), []);
    assert.equal(stageOf(plan, "fit-plot"), "evaluation");
    assert.deepEqual(plan.steps.at(-1)?.reports, [{ name: "figures_cell_2", kind: "figures", cellId: "fit-plot", line: 2 }]);
    const fitOnly: CellSpec = { ...fitAndPlot, source: "labels = KMeans(4).fit_predict(df)\nprint(labels[:5])" };
    assert.deepEqual(excludedIds(planOf([load, fitOnly]).plan), []);
  });

  it("does not keep a cell just because steps use its imports, and still gives them those imports", () => {
    const { plan } = planOf([
      { id: "setup", source: "import numpy as np\nimport matplotlib.pyplot as plt\nplt.style.use(\"ggplot\")", analysis: { defines: ["np", "plt"], imports: [{ module: "numpy", alias: "np", line: 1 }, { module: "matplotlib.pyplot", alias: "plt", line: 2 }] } },
      { id: "data", source: "x = np.linspace(0, 1, 10)\nmodel = Ridge()\nmodel.fit(x)", analysis: { defines: ["x", "model"], reads: ["np", "Ridge"] } },
    ]);
    assert.deepEqual(excludedIds(plan), ["setup"]);
    assert.deepEqual(plan.steps[0]?.imports, [{ module: "numpy", alias: "np" }]);
  });

  it("keeps an exploration cell marked exclude: false", () => {
    const { plan } = planOf([load, { id: "head", source: "df.head()", nb2prod: { exclude: false }, analysis: { reads: ["df"], displayOnly: true } }]);
    assert.deepEqual(excludedIds(plan), []);
  });

  it("leaves out empty cells, magics and shell escapes, saying what they are", () => {
    const { plan } = planOf([
      { id: "empty", source: "# nothing yet\n" },
      { id: "magic", source: "%matplotlib inline", analysis: { magics: [{ kind: "line-magic", name: "matplotlib", text: "matplotlib inline", line: 1 }] } },
      { id: "pip", source: "!pip install xgboost" },
      { id: "ls", source: "!ls data" },
      load,
    ]);
    const reasons = Object.fromEntries(plan.excluded.map((entry) => [entry.cellId, entry.reason]));
    assert.match(reasons.empty ?? "", /^Empty/);
    assert.match(reasons.magic ?? "", /IPython magics \(%matplotlib inline\)/);
    assert.match(reasons.pip ?? "", /shell commands \(!pip install xgboost\).*dependencies/);
    assert.match(reasons.ls ?? "", /does not run shell escapes/);
  });
});
