// The stage rules, as data. Each rule matches one kind of evidence the planner has about a
// cell and votes for a stage with a weight (1 weak … 4 decisive); cellEvidence.ts applies
// them, stageScore.ts adds the votes. Imports and file reads/writes come from CellAnalysis.
// Calls come from a regex scan of the cell's source with strings and comments blanked
// (sourceScan.ts, pythonCalls.ts): CellAnalysis does not list calls, and a lexical scan is
// enough for evidence at a fraction of the cost of a second parse. To teach the planner a
// library, add a rule here.
import type { Stage } from "./stages";

export type Weight = 1 | 2 | 3 | 4;

interface RuleBase {
  readonly stage: Stage;
  readonly weight: Weight;
  /** What the evidence shows, in plain words: "reads a data file". */
  readonly says: string;
  /** The cell's effect matters even when no later cell reads its values (metrics, checks, saved models). */
  readonly keepsCell?: boolean;
  /** A cell whose values feed nothing and that shows this (a plot) is exploration, whatever else it computes. */
  readonly marksExploration?: boolean;
}

/** Matches a call by its last segment (`methods`, `methodPattern`) or its whole dotted name (`pattern`). */
export interface CallRule extends RuleBase {
  readonly kind: "call";
  readonly methods?: readonly string[];
  readonly methodPattern?: RegExp;
  readonly pattern?: RegExp;
  /** First segment of the dotted name must be one of these (`joblib.dump`). */
  readonly receivers?: readonly string[];
  /** `transformer`: called on a transformer (a name built by a transformer class, or `Transformer()` itself); `model`: receiver or first argument is a model. */
  readonly target?: "transformer" | "not-transformer" | "model";
}

export interface ImportRule extends RuleBase {
  readonly kind: "import";
  /** Module names; submodules match too (`pandera` matches `pandera.typing`). */
  readonly modules: readonly string[];
}

/** Matches the masked source line by line: `assert`, training loops, route decorators. */
export interface PatternRule extends RuleBase {
  readonly kind: "pattern";
  readonly pattern: RegExp;
  /** Text every match contains: cells without it are skipped cheaply. */
  readonly needle: string;
}

/** Matches a file write recorded by the analysis, by the last segment of its call. */
export interface FileWriteRule extends RuleBase {
  readonly kind: "file-write";
  readonly methods: readonly string[];
}

export type StageRule = CallRule | ImportRule | PatternRule | FileWriteRule;

/** Any file read with a literal path (CellAnalysis.fileReads) is ingestion evidence. */
export const FILE_READ_RULE = { stage: "ingestion", weight: 3, says: "reads a file" } as const;

/** Classes whose `fit` learns a data transformation, not a model. */
export const TRANSFORMER_CLASSES: readonly string[] = [
  "StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer", "Binarizer",
  "OneHotEncoder", "OrdinalEncoder", "LabelEncoder", "LabelBinarizer", "TargetEncoder",
  "SimpleImputer", "KNNImputer", "IterativeImputer", "PolynomialFeatures", "SplineTransformer",
  "FunctionTransformer", "ColumnTransformer", "KBinsDiscretizer", "QuantileTransformer",
  "PowerTransformer", "TfidfVectorizer", "CountVectorizer", "HashingVectorizer", "DictVectorizer",
  "TfidfTransformer", "PCA", "KernelPCA", "IncrementalPCA", "TruncatedSVD", "NMF", "FactorAnalysis",
  "SelectKBest", "SelectPercentile", "VarianceThreshold", "RFE", "SelectFromModel", "Isomap", "TSNE",
];

/** Model classes by name shape: sklearn, statsmodels, boosting libraries, Keras. */
export const MODEL_CLASS = new RegExp(
  "^(\\w*(Classifier|Regressor|Regression|SVC|SVR|NB|KMeans|Clustering|Mixture|CV)" +
    "|Ridge|Lasso|ElasticNet|Perceptron|DBSCAN|OPTICS|Birch|MeanShift|AffinityPropagation|NearestNeighbors" +
    "|IsolationForest|OneClassSVM|Pipeline|make_pipeline|Sequential|Model" +
    "|OLS|WLS|GLS|GLM|Logit|Probit|MNLogit|Poisson|NegativeBinomial|QuantReg|ARIMA|SARIMAX|ExponentialSmoothing" +
    "|ols|wls|glm|logit|probit|poisson|quantreg|mixedlm|gee)$",
);

const SKLEARN_MAKE_DATASETS =
  /^make_(blobs|moons|circles|classification|regression|friedman[123]|s_curve|swiss_roll|sparse_\w+|low_rank_matrix|gaussian_quantiles|hastie_10_2|multilabel_classification|biclusters|checkerboard|spd_matrix)$/;

const PANDAS_READERS = [
  "read_csv", "read_parquet", "read_json", "read_excel", "read_feather", "read_sql", "read_sql_query",
  "read_sql_table", "read_table", "read_pickle", "read_hdf", "read_orc", "read_fwf", "read_html",
  "read_stata", "read_sas", "read_spss", "read_xml", "read_csv_auto", "loadtxt", "genfromtxt", "fromfile",
];

const PLOT_LIBRARIES = ["plt", "sns", "px", "go", "alt", "pyplot", "seaborn", "plotly"];

export const STAGE_RULES: readonly StageRule[] = [
  // ingestion
  { kind: "call", stage: "ingestion", weight: 3, says: "reads a data set", methods: PANDAS_READERS },
  { kind: "call", stage: "ingestion", weight: 3, says: "loads a statsmodels data set", pattern: /datasets\.(\w+\.load(_pandas)?|get_rdataset)$/ },
  { kind: "call", stage: "ingestion", weight: 3, says: "loads a data set", methodPattern: /^(load|fetch)_\w+$/ },
  { kind: "call", stage: "ingestion", weight: 3, says: "generates a data set", methodPattern: SKLEARN_MAKE_DATASETS },
  { kind: "call", stage: "ingestion", weight: 3, says: "reads with Spark", pattern: /\.read\.\w+$/ },
  { kind: "call", stage: "ingestion", weight: 2, says: "queries a database", methods: ["create_engine", "fetchall", "fetchmany", "read_sql"] },
  { kind: "call", stage: "ingestion", weight: 2, says: "opens a database connection", pattern: /^(sqlite3|psycopg2?|pymysql|duckdb)\.connect$/ },
  { kind: "call", stage: "ingestion", weight: 2, says: "downloads data", pattern: /^(requests|urllib\.request)\.(get|urlopen|urlretrieve)$/ },
  { kind: "import", stage: "ingestion", weight: 1, says: "imports a data reader", modules: ["pyarrow", "sqlalchemy", "sqlite3", "duckdb"] },
  // validation
  { kind: "pattern", stage: "validation", weight: 3, says: "checks an assumption", pattern: /^\s*assert\b/, needle: "assert", keepsCell: true },
  { kind: "call", stage: "validation", weight: 3, says: "validates against a schema", methods: ["validate", "DataFrameSchema", "SeriesSchema"], keepsCell: true },
  { kind: "call", stage: "validation", weight: 3, says: "sets a data expectation", methodPattern: /^expect_\w+$/, keepsCell: true },
  { kind: "call", stage: "validation", weight: 1, says: "looks for missing values", methods: ["isnull", "isna", "notnull", "notna"] },
  { kind: "call", stage: "validation", weight: 1, says: "looks for duplicates", methods: ["duplicated"] },
  { kind: "import", stage: "validation", weight: 2, says: "uses a data validation library", modules: ["pandera", "great_expectations", "deepchecks", "evidently"] },
  // preprocessing
  { kind: "call", stage: "preprocessing", weight: 3, says: "splits the data", methods: ["train_test_split", "KFold", "StratifiedKFold"] },
  { kind: "call", stage: "preprocessing", weight: 3, says: "builds a transformer", methods: TRANSFORMER_CLASSES },
  { kind: "call", stage: "preprocessing", weight: 3, says: "transforms features", methods: ["fit_transform", "transform"] },
  { kind: "call", stage: "preprocessing", weight: 3, says: "fits a transformer", methods: ["fit"], target: "transformer" },
  { kind: "call", stage: "preprocessing", weight: 3, says: "encodes categories", methods: ["get_dummies", "factorize"] },
  { kind: "call", stage: "preprocessing", weight: 2, says: "cleans the data", methods: ["fillna", "dropna", "drop_duplicates", "interpolate", "replace", "clip"] },
  { kind: "call", stage: "preprocessing", weight: 2, says: "reshapes the data", methods: ["merge", "concat", "pivot_table", "melt", "cut", "qcut", "drop", "rename", "reshape", "sort_values"] },
  { kind: "call", stage: "preprocessing", weight: 2, says: "converts types", methods: ["astype", "to_datetime", "to_numeric", "to_timedelta"] },
  // training
  { kind: "call", stage: "training", weight: 4, says: "fits a model", methods: ["fit", "partial_fit", "fit_generator", "fit_predict"], target: "not-transformer" },
  { kind: "call", stage: "training", weight: 3, says: "trains a model", methods: ["train", "backward"] },
  { kind: "call", stage: "training", weight: 3, says: "fits a curve", methods: ["polyfit", "curve_fit"] },
  { kind: "call", stage: "training", weight: 3, says: "compiles a model", pattern: /^(?!re\.|regex\.)\w+\.compile$/ },
  { kind: "call", stage: "training", weight: 2, says: "builds a model", methodPattern: MODEL_CLASS },
  { kind: "call", stage: "training", weight: 3, says: "steps an optimizer", pattern: /optim\w*\.step$/ },
  { kind: "pattern", stage: "training", weight: 3, says: "runs a training loop", pattern: /^\s*for\s+\w*epoch\w*\s+in\b/, needle: "epoch" },
  { kind: "import", stage: "training", weight: 1, says: "imports a training library", modules: ["xgboost", "lightgbm", "catboost", "torch", "tensorflow", "keras"] },
  // evaluation
  { kind: "call", stage: "evaluation", weight: 3, says: "computes a metric", methodPattern: /^\w+_(score|error|loss)$/, keepsCell: true },
  { kind: "call", stage: "evaluation", weight: 3, says: "scores a model", methods: ["score", "evaluate", "classification_report", "confusion_matrix", "cross_validate", "cross_val_predict", "roc_curve", "precision_recall_curve", "auc", "learning_curve", "validation_curve"], keepsCell: true },
  { kind: "call", stage: "evaluation", weight: 3, says: "logs a metric", pattern: /^mlflow\.log_metrics?$/, keepsCell: true },
  { kind: "call", stage: "evaluation", weight: 1, says: "predicts", methods: ["predict", "predict_proba", "decision_function"] },
  { kind: "call", stage: "evaluation", weight: 2, says: "summarizes a fitted model", methods: ["summary", "conf_int"] },
  // registration
  { kind: "call", stage: "registration", weight: 4, says: "logs or registers a model", methods: ["log_model", "register_model", "create_registered_model", "transition_model_version_stage"], keepsCell: true },
  { kind: "call", stage: "registration", weight: 4, says: "saves the fitted model", methods: ["dump"], receivers: ["joblib", "pickle", "dill", "cloudpickle"], target: "model", keepsCell: true },
  { kind: "call", stage: "registration", weight: 3, says: "saves a model", methods: ["save_model"], keepsCell: true },
  { kind: "call", stage: "registration", weight: 3, says: "saves the fitted model", methods: ["save"], target: "model", keepsCell: true },
  { kind: "call", stage: "registration", weight: 3, says: "saves a model", pattern: /^torch\.save$|onnx\.export$|^convert_sklearn$/, keepsCell: true },
  { kind: "call", stage: "registration", weight: 2, says: "serializes an object", methods: ["dump"], receivers: ["joblib", "pickle", "dill", "cloudpickle"], keepsCell: true },
  // deployment
  { kind: "call", stage: "deployment", weight: 4, says: "creates a web service", methods: ["FastAPI", "Flask", "Service", "service", "Interface"], keepsCell: true },
  { kind: "call", stage: "deployment", weight: 4, says: "deploys or serves a model", methods: ["deploy", "deploy_model", "create_endpoint", "serve"], keepsCell: true },
  { kind: "call", stage: "deployment", weight: 4, says: "starts a server", pattern: /^uvicorn\.run$|^serve\.run$/, keepsCell: true },
  { kind: "pattern", stage: "deployment", weight: 3, says: "declares an API route", pattern: /^@\w+\.(get|post|put|delete|route|api)\b/, needle: "@", keepsCell: true },
  { kind: "import", stage: "deployment", weight: 2, says: "imports a serving framework", modules: ["fastapi", "flask", "bentoml", "uvicorn", "gradio", "sagemaker", "kserve", "seldon_core"] },
  // exploration: only decides when the cell also feeds nothing downstream
  { kind: "call", stage: "exploration", weight: 2, says: "plots", receivers: PLOT_LIBRARIES, marksExploration: true },
  { kind: "call", stage: "exploration", weight: 2, says: "plots", methods: ["plot", "hist", "scatter", "imshow", "boxplot", "pairplot", "heatmap", "show"], marksExploration: true },
  { kind: "call", stage: "exploration", weight: 1, says: "shows the data", methods: ["head", "tail", "describe", "info", "value_counts", "nunique", "corr", "print", "display", "IFrame", "Image", "HTML", "Markdown"] },
  { kind: "file-write", stage: "exploration", weight: 2, says: "saves a figure", methods: ["savefig", "write_image", "write_html"], marksExploration: true },
  // a written data file matters to the pipeline even if no later cell reads it
  { kind: "file-write", stage: "preprocessing", weight: 1, says: "writes a data file", methods: ["to_csv", "to_parquet", "to_json", "to_excel", "to_feather", "to_pickle", "to_sql", "to_hdf", "save", "savez", "savez_compressed", "savetxt", "write", "tofile"], keepsCell: true },
];
