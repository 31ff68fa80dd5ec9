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
  /** The start of the call's arguments must match: `predict([[5.1, 3.5]])`. */
  readonly args?: RegExp;
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

export const PLOT_LIBRARIES = ["plt", "sns", "px", "go", "alt", "pyplot", "seaborn", "plotly"];

/** Methods that draw a figure on any receiver (`df.plot(...)`, `ax.scatter(...)`). */
export const PLOT_METHODS = ["plot", "hist", "scatter", "imshow", "boxplot", "pairplot", "heatmap", "bar", "barh", "contour", "contourf", "fill_between", "errorbar", "plot_surface", "matshow", "pcolormesh", "violinplot", "lineplot", "scatterplot", "histplot", "regplot", "lmplot", "countplot", "kdeplot", "plot_tree", "plot_importance", "from_estimator", "from_predictions"];

/** Calls that draw or arrange a figure, on any receiver (`ax.legend()`, `sm.qqplot(...)`): what they return is an artist, not a value to keep. */
export const DRAWING_METHOD = /^(plot\w*|\w+plot|legend|annotate|axhline|axvline|axhspan|axvspan|add_patch|add_subplot|colorbar|tight_layout|suptitle|subplots?|figure|imshow|scatter|hist|bar|barh|contourf?|fill_between|errorbar|text|set_(title|xlabel|ylabel|xlim|ylim|xticks|yticks|xticklabels|yticklabels|aspect|xscale|yscale))$/;

/** A whole expression that is a drawing call: `ax.legend(loc="best")`, `plt.plot(x, y)`. */
export const DRAWING_CALL = /^\s*(?:[A-Za-z_][\w.]*\.)?(plot\w*|\w+plot|legend|annotate|axhline|axvline|axhspan|axvspan|add_patch|add_subplot|colorbar|tight_layout|suptitle|subplots?|figure|imshow|scatter|hist|bar|barh|contourf?|fill_between|errorbar|text|set_\w+)\s*\(|^\s*(plt|pyplot|sns|seaborn)\.\w+\s*\(/;

/** Calls that fit a model (on anything but a transformer): after one, what a cell shows of the model is evaluation. */
export const FIT_METHODS = ["fit", "partial_fit", "fit_generator", "fit_predict", "train", "curve_fit", "polyfit", "lstsq", "pinv"];

/** Calls made for what they do, whose value (often None) is not worth keeping when a cell shows it. */
export const SIDE_EFFECT_METHODS = ["fit_transform", "set_\\w+", "log_\\w+", "save\\w*", "dump", "register_\\w+", "to_\\w+", "write\\w*", "append", "extend", "update", "insert", "remove", "close", "show", "savefig", "start_run", "end_run"];

/** Calls whose result judges a model, whatever they are called on (scores, metrics, summaries, tests). */
export const EVALUATION_METHODS = /^(\w+_(score|error|loss|deviance)|score|evaluate|classification_report|confusion_matrix|cross_validate|cross_val_predict|roc_curve|precision_recall_curve|auc|learning_curve|validation_curve|permutation_importance|summary|summary2|conf_int|f_test|t_test|wald_test|compare_f_test|compare_lr_test|get_influence|get_margeff|anova_lm)$/;

/** Evidence from following what fitted models produce (statementFacts.ts): shown or drawn, it is evaluation, and kept. */
export const MODEL_RESULT_EVIDENCE = {
  shows: { stage: "evaluation", weight: 3, says: "shows a fitted model's result", keepsCell: true },
  plots: { stage: "evaluation", weight: 3, says: "plots a fitted model's results", keepsCell: true },
  /** What it shows is a prediction for new observations (the deployment rule matched the same statement). */
  predicts: { stage: "deployment", weight: 3, says: "shows a fitted model's predictions for new observations", keepsCell: true },
  /** It computes something from a fitted model's results (weak: it may be training too). */
  uses: { stage: "evaluation", weight: 1, says: "uses a fitted model's results", keepsCell: false },
} as const satisfies Readonly<Record<string, { readonly stage: Stage; readonly weight: Weight; readonly says: string; readonly keepsCell: boolean }>>;

/** Fitting and judging in one statement while keeping no model is evaluation (a validation curve): the fit's evidence counts for evaluation, and says why. */
export const PROBE_FIT = { stage: "evaluation", says: "(only to judge it: no later code uses the model)" } as const satisfies { readonly stage: Stage; readonly says: string };

/** Stage words in a markdown heading: a cell without stage evidence of its own takes its section's stage. */
export const HEADING_STAGES: readonly { readonly stage: Stage; readonly words: RegExp }[] = [
  { stage: "ingestion", words: /\b(load(ing)?|read(ing)?|import(ing)? (the )?data|get(ting)? (the )?data|data ?set|download|ingest\w*|fetch\w*)\b/i },
  { stage: "validation", words: /\b(validat\w*|sanity|check(ing)? (the )?data|data quality|missing values)\b/i },
  { stage: "preprocessing", words: /\b(pre-?process\w*|clean\w*|feature engineering|features?|encod\w*|scal(e|ing)|normali[sz]\w*|transform\w*|split(ting)?|prepar\w*|design matri\w*)\b/i },
  { stage: "training", words: /\b(train\w*|fit(ting)?|model(l)?ing|estimat\w*|grid search|hyper-?parameter\w*|tun(e|ing))\b/i },
  { stage: "evaluation", words: /\b(evaluat\w*|metrics?|scor(e|es|ing)|accuracy|performance|residuals?|diagnostic\w*|confusion matrix|cross[- ]validation|compar(e|ing|ison)|results?|interpret\w*|test(ing)? (the )?model)\b/i },
  { stage: "registration", words: /\b(sav(e|ing) (the )?model|export\w*|persist\w*|regist\w*|serializ\w*)\b/i },
  { stage: "deployment", words: /\b(deploy\w*|serv(e|ing)|inference|new data|out-of-sample|predict(ions?)? (on|for) new)\b/i },
];

export const STAGE_RULES: readonly StageRule[] = [
  // ingestion
  { kind: "call", stage: "ingestion", weight: 3, says: "reads a data set", methods: PANDAS_READERS },
  { kind: "call", stage: "ingestion", weight: 3, says: "loads a statsmodels data set", pattern: /datasets\.(\w+\.load(_pandas)?|get_rdataset)$/ },
  { kind: "call", stage: "ingestion", weight: 3, says: "loads a data set", methodPattern: /^(load|fetch)_(?!model$|state_dict$|weights$|learner$)\w+$/ },
  { kind: "call", stage: "ingestion", weight: 3, says: "generates a data set", methodPattern: SKLEARN_MAKE_DATASETS },
  { kind: "call", stage: "ingestion", weight: 3, says: "reads with Spark", pattern: /\.read\.\w+$/ },
  { kind: "call", stage: "ingestion", weight: 2, says: "queries a database", methods: ["create_engine", "fetchall", "fetchmany", "read_sql"] },
  { kind: "call", stage: "ingestion", weight: 2, says: "opens a database connection", pattern: /^(sqlite3|psycopg2?|pymysql|duckdb)\.connect$/ },
  { kind: "call", stage: "ingestion", weight: 2, says: "downloads data", pattern: /^(requests|urllib\.request)\.(get|urlopen|urlretrieve)$/ },
  { kind: "import", stage: "ingestion", weight: 1, says: "imports a data reader", modules: ["pyarrow", "sqlalchemy", "sqlite3", "duckdb"] },
  { kind: "call", stage: "ingestion", weight: 3, says: "loads a data set", pattern: /^(tfds|torchvision\.datasets|datasets|keras\.datasets|tf\.keras\.datasets)\.\w+$|^load_dataset$/ },
  // Random values assigned to a data name (not to parameters being initialised: theta, weights...).
  { kind: "pattern", stage: "ingestion", weight: 2, says: "generates random data", pattern: /^\s*(?!(theta|weights?|w|W|b|bias|coefs?|beta|params?|init\w*|idx|indices|index|rnd_\w*|perm\w*|shuffle\w*)\s*=)[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)*\s*=[^=].*\b(np\.random|numpy\.random|rng|random_state)\.(rand|randn|normal|uniform|random|randint|integers|choice|multivariate_normal|exponential|poisson|binomial|standard_normal|lognormal|gamma|beta)\s*\(/, needle: "random" },
  // validation
  // An assert on library or Python versions checks the environment, not the data.
  { kind: "pattern", stage: "validation", weight: 3, says: "checks an assumption", pattern: /^\s*assert\b(?!.*(version|__version__))/, needle: "assert", keepsCell: true },
  { kind: "call", stage: "validation", weight: 3, says: "validates against a schema", methods: ["validate", "DataFrameSchema", "SeriesSchema"], keepsCell: true },
  { kind: "call", stage: "validation", weight: 3, says: "sets a data expectation", methodPattern: /^expect_\w+$/, keepsCell: true },
  { kind: "call", stage: "validation", weight: 1, says: "looks for missing values", methods: ["isnull", "isna", "notnull", "notna"] },
  { kind: "call", stage: "validation", weight: 1, says: "looks for duplicates", methods: ["duplicated"] },
  { kind: "pattern", stage: "validation", weight: 2, says: "stops on bad data", pattern: /^\s*raise\s+(ValueError|TypeError|AssertionError|KeyError|RuntimeError)\b/, needle: "raise", keepsCell: true },
  { kind: "import", stage: "validation", weight: 2, says: "uses a data validation library", modules: ["pandera", "great_expectations", "deepchecks", "evidently"] },
  // preprocessing
  { kind: "call", stage: "preprocessing", weight: 3, says: "splits the data", methods: ["train_test_split", "KFold", "StratifiedKFold"] },
  { kind: "call", stage: "preprocessing", weight: 3, says: "builds a transformer", methods: TRANSFORMER_CLASSES },
  { kind: "call", stage: "preprocessing", weight: 3, says: "transforms features", methods: ["fit_transform", "transform"] },
  { kind: "call", stage: "preprocessing", weight: 3, says: "fits a transformer", methods: ["fit"], target: "transformer" },
  { kind: "call", stage: "preprocessing", weight: 3, says: "encodes categories", methods: ["get_dummies", "factorize", "to_categorical", "one_hot"] },
  { kind: "call", stage: "preprocessing", weight: 3, says: "encodes categories", methodPattern: /(^|_)one_?hot($|_)/ },
  { kind: "pattern", stage: "preprocessing", weight: 2, says: "selects the features or the target", pattern: /^\s*(X|x|y|Y|features?|target)(_\w+)?\s*=\s*[A-Za-z_][\w.]*\s*\[\s*(\[|:|\w*(cols?|columns|features?)\b)/, needle: "[" },
  { kind: "pattern", stage: "preprocessing", weight: 2, says: "adds a bias column", pattern: /np\.c_\s*\[\s*np\.ones/, needle: "np.c_" },
  { kind: "pattern", stage: "preprocessing", weight: 2, says: "standardizes features", pattern: /\(\s*[\w.[\]]+\s*-\s*[\w.]*mean\w*\s*\)\s*\/\s*[\w.]*std/, needle: "std" },
  { kind: "call", stage: "preprocessing", weight: 2, says: "cleans the data", methods: ["fillna", "dropna", "drop_duplicates", "interpolate", "replace", "clip"] },
  { kind: "call", stage: "preprocessing", weight: 2, says: "reshapes the data", methods: ["merge", "concat", "pivot_table", "melt", "cut", "qcut", "drop", "rename", "reshape", "sort_values"] },
  { kind: "call", stage: "preprocessing", weight: 2, says: "converts types", methods: ["astype", "to_datetime", "to_numeric", "to_timedelta"] },
  { kind: "call", stage: "preprocessing", weight: 3, says: "builds a design matrix", methods: ["add_constant", "add_dummy_feature", "dmatrices", "dmatrix"] },
  { kind: "call", stage: "preprocessing", weight: 1, says: "stacks columns", methods: ["column_stack", "hstack", "c_"] },
  { kind: "call", stage: "preprocessing", weight: 2, says: "batches the data", methods: ["DataLoader", "TensorDataset", "DMatrix", "Dataset", "from_tensor_slices", "ImageDataGenerator", "flow_from_directory", "image_dataset_from_directory"] },
  // training
  { kind: "call", stage: "training", weight: 4, says: "fits a model", methods: ["fit", "partial_fit", "fit_generator", "fit_predict"], target: "not-transformer" },
  { kind: "call", stage: "training", weight: 3, says: "trains a model", methods: ["train", "backward"] },
  { kind: "call", stage: "training", weight: 3, says: "fits a curve", methods: ["polyfit", "curve_fit"] },
  { kind: "call", stage: "training", weight: 3, says: "compiles a model", pattern: /^(?!re\.|regex\.)\w+\.compile$/ },
  { kind: "call", stage: "training", weight: 2, says: "builds a model", methodPattern: MODEL_CLASS },
  { kind: "call", stage: "training", weight: 3, says: "steps an optimizer", pattern: /optim\w*\.step$/ },
  { kind: "pattern", stage: "training", weight: 3, says: "runs a training loop", pattern: /^\s*for\s+\w*(epoch|iteration)\w*\s+in\b/, needle: "for" },
  // The normal equation, inverse((X^T X)) X^T y or solve(X^T X, X^T y), plain or regularised: a closed-form least-squares fit.
  { kind: "pattern", stage: "training", weight: 3, says: "solves the normal equation", pattern: /\blinalg\.(inv|solve)\(\s*([A-Za-z_]\w*)\.T\s*(\.dot\(\s*|@\s*)\2\b/, needle: "linalg." },
  { kind: "pattern", stage: "training", weight: 2, says: "steps down a gradient", pattern: /^\s*\w+\s*(=\s*\w+\s*-|-=)\s*[\w.]*\s*\*?\s*\w*grad\w*/, needle: "grad" },
  { kind: "call", stage: "training", weight: 3, says: "takes an optimizer step", methods: ["zero_grad", "apply_gradients", "clip_grad_norm_"] },
  { kind: "call", stage: "training", weight: 2, says: "sets up training", methods: ["CrossEntropyLoss", "MSELoss", "BCELoss", "BCEWithLogitsLoss", "NLLLoss", "Adam", "AdamW", "SGD", "RMSprop", "EarlyStopping", "ModelCheckpoint"] },
  { kind: "call", stage: "training", weight: 3, says: "fits a distribution", pattern: /^(stats|scipy\.stats|st|ss)\.\w+\.fit$/ },
  { kind: "call", stage: "training", weight: 3, says: "solves least squares", pattern: /linalg\.(lstsq|pinv)$/ },
  { kind: "import", stage: "training", weight: 1, says: "imports a training library", modules: ["xgboost", "lightgbm", "catboost", "torch", "tensorflow", "keras"] },
  // evaluation
  { kind: "call", stage: "evaluation", weight: 3, says: "computes a metric", methodPattern: /^\w+_(score|error|loss)$/, keepsCell: true },
  { kind: "call", stage: "evaluation", weight: 3, says: "scores a model", methods: ["score", "evaluate", "classification_report", "confusion_matrix", "cross_validate", "cross_val_predict", "roc_curve", "precision_recall_curve", "auc", "learning_curve", "validation_curve"], keepsCell: true },
  { kind: "call", stage: "evaluation", weight: 3, says: "logs a metric", pattern: /^mlflow\.log_metrics?$/, keepsCell: true },
  { kind: "call", stage: "evaluation", weight: 1, says: "predicts", methods: ["predict", "predict_proba", "decision_function"] },
  { kind: "call", stage: "evaluation", weight: 2, says: "summarizes a fitted model", methods: ["summary", "summary2", "conf_int", "get_margeff", "get_influence"] },
  { kind: "call", stage: "evaluation", weight: 3, says: "tests a hypothesis on a fitted model", methods: ["f_test", "t_test", "wald_test", "compare_f_test", "compare_lr_test", "anova_lm"], keepsCell: true },
  { kind: "call", stage: "evaluation", weight: 2, says: "runs a statistical test", pattern: /^(stats|scipy\.stats|st|ss)\.(ttest_\w+|chi2_contingency|pearsonr|spearmanr|kendalltau|mannwhitneyu|wilcoxon|kruskal|f_oneway|shapiro|normaltest|kstest|ks_2samp|anderson|levene|bartlett)$|^(ttest_\w+|chi2_contingency|pearsonr|spearmanr|mannwhitneyu|f_oneway|shapiro|kstest|ks_2samp)$/, keepsCell: true },
  { kind: "call", stage: "evaluation", weight: 2, says: "switches the model to evaluation", methods: ["eval"], target: "model" },
  { kind: "call", stage: "evaluation", weight: 1, says: "runs the model without gradients", pattern: /^torch\.no_grad$/ },
  { kind: "call", stage: "evaluation", weight: 2, says: "plots feature importance", methods: ["plot_importance", "permutation_importance"], keepsCell: true },
  // registration
  { kind: "call", stage: "registration", weight: 4, says: "logs or registers a model", methods: ["log_model", "register_model", "create_registered_model", "transition_model_version_stage"], keepsCell: true },
  { kind: "call", stage: "registration", weight: 4, says: "saves the fitted model", methods: ["dump"], receivers: ["joblib", "pickle", "dill", "cloudpickle"], target: "model", keepsCell: true },
  { kind: "call", stage: "registration", weight: 3, says: "saves a model", methods: ["save_model"], keepsCell: true },
  { kind: "call", stage: "registration", weight: 3, says: "saves the fitted model", methods: ["save"], target: "model", keepsCell: true },
  { kind: "call", stage: "registration", weight: 3, says: "saves a model", pattern: /^torch\.save$|onnx\.export$|^convert_sklearn$/, keepsCell: true },
  { kind: "call", stage: "registration", weight: 2, says: "serializes an object", methods: ["dump"], receivers: ["joblib", "pickle", "dill", "cloudpickle"], keepsCell: true },
  // deployment
  { kind: "call", stage: "deployment", weight: 3, says: "loads a trained model", methods: ["load_model", "load_state_dict", "load_weights", "load_learner"] },
  { kind: "call", stage: "deployment", weight: 3, says: "predicts for new observations", methods: ["predict", "predict_proba"], args: /^\s*(\[|\(\[|np\.(array|c_|r_)\b|\w*new\w*\b)/i },
  { kind: "call", stage: "deployment", weight: 4, says: "creates a web service", methods: ["FastAPI", "Flask", "Service", "service", "Interface"], keepsCell: true },
  { kind: "call", stage: "deployment", weight: 4, says: "deploys or serves a model", methods: ["deploy", "deploy_model", "create_endpoint", "serve"], keepsCell: true },
  { kind: "call", stage: "deployment", weight: 4, says: "starts a server", pattern: /^uvicorn\.run$|^serve\.run$/, keepsCell: true },
  { kind: "pattern", stage: "deployment", weight: 3, says: "declares an API route", pattern: /^@\w+\.(get|post|put|delete|route|api)\b/, needle: "@", keepsCell: true },
  { kind: "import", stage: "deployment", weight: 2, says: "imports a serving framework", modules: ["fastapi", "flask", "bentoml", "uvicorn", "gradio", "sagemaker", "kserve", "seldon_core"] },
  // exploration: only decides when the cell also feeds nothing downstream
  { kind: "call", stage: "exploration", weight: 2, says: "plots", receivers: PLOT_LIBRARIES, marksExploration: true },
  { kind: "call", stage: "exploration", weight: 2, says: "plots", methods: [...PLOT_METHODS, "show"], marksExploration: true },
  { kind: "call", stage: "exploration", weight: 1, says: "shows the data", methods: ["head", "tail", "describe", "info", "value_counts", "nunique", "corr", "print", "display", "IFrame", "Image", "HTML", "Markdown"] },
  { kind: "file-write", stage: "exploration", weight: 2, says: "saves a figure", methods: ["savefig", "write_image", "write_html"], marksExploration: true },
  // a written data file matters to the pipeline even if no later cell reads it
  { kind: "file-write", stage: "preprocessing", weight: 1, says: "writes a data file", methods: ["to_csv", "to_parquet", "to_json", "to_excel", "to_feather", "to_pickle", "to_sql", "to_hdf", "save", "savez", "savez_compressed", "savetxt", "write", "tofile"], keepsCell: true },
];
