// A small hand-written ProjectStructure: the input of the printers' golden tests.
import type { DataCheckStructure, ProjectStructure, StepStructure } from "../../../src/core/codegen/python/structures";
import { UNKNOWN_STATICALLY, anyType, resolveTypeHint } from "../../../src/core/codegen/python/typeRefs";

const code = (...lines: string[]): { lines: string[]; rawLines: Set<number>; blankBefore: boolean } => ({ lines, rawLines: new Set(), blankBefore: false });

export const loadStep: StepStructure = {
  name: "load_data",
  stage: "ingestion",
  rationale: "Reads the data set.",
  cellIds: ["c1"],
  outputsClass: "LoadDataOutputs",
  inputs: [{ name: "csv_path", param: "csv_path", type: resolveTypeHint("str") }],
  aliases: [],
  outputs: [{ name: "df", type: resolveTypeHint("pandas.DataFrame") }],
  requiredOutputs: ["df"],
  imports: [{ module: "pandas", alias: "pd" }],
  typeImports: [{ module: "pandas", alias: "pd" }],
  logger: "LOGGER",
  cells: [{ cellId: "c1", pieces: [code("df = pd.read_csv(csv_path)"), code('LOGGER.debug("%s", df.head())')] }],
  reports: [],
};

export const trainStep: StepStructure = {
  name: "train_model",
  stage: "training",
  rationale: "Fits the model on the data.",
  cellIds: ["c2", "c3"],
  outputsClass: "TrainModelOutputs",
  inputs: [
    { name: "df", fromStep: "load_data", type: resolveTypeHint("pandas.DataFrame") },
    { name: "alpha", param: "ridge_alpha", type: resolveTypeHint("float") },
  ],
  aliases: [{ name: "alpha", param: "ridge_alpha" }],
  outputs: [
    { name: "model", type: resolveTypeHint("sklearn.linear_model.Ridge") },
    { name: "score", type: anyType(UNKNOWN_STATICALLY) },
  ],
  requiredOutputs: ["model"],
  imports: [{ module: "sklearn.linear_model", name: "Ridge" }, { module: "sample.common", name: "features_of" }],
  typeImports: [{ module: "pandas", alias: "pd" }, { module: "sklearn.linear_model", name: "Ridge" }],
  cells: [
    { cellId: "c2", pieces: [code("X = features_of(df)")] },
    { cellId: "c3", pieces: [{ ...code("model = Ridge(alpha=alpha)", 'query = """', "SELECT 1", '"""'), rawLines: new Set([2, 3]) }, { ...code("score = model.fit(X, df.y).score(X, df.y)"), blankBefore: true }] },
  ],
  reports: [],
};

export const sampleProject: ProjectStructure = {
  notebook: "notebooks/sample.ipynb",
  projectName: "sample",
  packageName: "sample",
  pythonVersion: "3.11",
  params: [
    { name: "ridge_alpha", type: "float", value: 1, origin: "parameters cell" },
    { name: "csv_path", type: "str", value: "/data/sample.csv", origin: "absolute path" },
  ],
  secrets: ["API_TOKEN"],
  steps: [loadStep, trainStep],
  common: {
    imports: [{ module: "numpy", alias: "np" }],
    cells: [{ cellId: "c0", pieces: [code("def features_of(frame):", "    return np.asarray(frame[['x']])")] }],
    names: ["features_of"],
  },
  dependencies: [
    { name: "pandas", specifier: "==1.5.3" },
    { name: "scikit-learn", specifier: "" },
  ],
  dataFiles: ["data/extra.csv"],
  excludedCells: [{ cellId: "c9", reason: "only displays" }],
  observedNumbers: {},
};

/** What verify saw of load_data's output: a frame with awkward column names, checked before training. */
export const sampleDataChecks: DataCheckStructure = {
  after: "load_data",
  values: [
    {
      name: "df",
      data: {
        kind: "dataframe",
        columns: [
          { name: "age", dtype: "float64", nulls: false },
          { name: 'say "hi"\nthere', dtype: "object", nulls: true },
          { name: "größe", dtype: "Int64", nulls: false },
          { name: "when", dtype: "period[D]", nulls: false },
        ],
      },
      ranges: [{ column: "age", kind: "in_range", min: 0, max: 120 }, { column: "age", kind: "gt", bound: -0.5 }],
    },
    { name: "labels", data: { kind: "series", dtype: "int64", nulls: false }, ranges: [{ kind: "ge", bound: 0 }] },
    { name: "matrix", data: { kind: "array", ndim: 2, dtype: "float32", nulls: true } },
  ],
};

export const sampleProjectWithDataChecks: ProjectStructure = { ...sampleProject, steps: [{ ...loadStep, requiredOutputs: ["df", "labels", "matrix"] }, trainStep], dataChecks: sampleDataChecks };
