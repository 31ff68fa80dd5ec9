// Which calls only show something (data; extend here). A cell whose statements are all
// such calls, plus a trailing expression, and that binds nothing is display-only.

/** Functions that print or display their arguments. */
export const DISPLAY_FUNCTIONS: ReadonlySet<string> = new Set(["print", "display", "pprint", "pp", "plot", "show"]);

/** Modules whose every call draws or shows: `plt.plot(...)`, `sns.heatmap(...)`. */
export const DISPLAY_MODULES: ReadonlySet<string> = new Set(["plt", "pyplot", "matplotlib.pyplot", "sns", "seaborn", "px", "go"]);

/** Methods that draw or show their receiver: `df.plot(...)`, `df.hist()`, `fig.show()`, `df.head()`. */
export const DISPLAY_METHODS: ReadonlySet<string> = new Set([
  "plot", "hist", "boxplot", "scatter", "bar", "barh", "pie", "imshow", "matshow", "show", "legend",
  "set_title", "set_xlabel", "set_ylabel", "set_xlim", "set_ylim", "grid", "tight_layout",
  "head", "tail", "describe", "info", "sample", "value_counts", "summary", "print_summary",
]);

/**
 * Calls that change what later cells compute although they look like display: a cell that
 * seeds the random generator or sets a library option is never display-only.
 */
export const STATEFUL_CALLS: ReadonlySet<string> = new Set([
  "np.random.seed", "numpy.random.seed", "random.seed", "torch.manual_seed", "torch.cuda.manual_seed_all",
  "tf.random.set_seed", "tf.keras.utils.set_random_seed", "set_seed", "seed_everything",
  "pd.set_option", "pandas.set_option", "set_config", "sklearn.set_config", "np.seterr",
  "os.chdir", "os.makedirs", "os.mkdir", "os.remove", "os.environ.update", "sys.path.append", "sys.path.insert",
  "nltk.download", "load_dotenv", "matplotlib.use", "plt.switch_backend",
]);
