// Calls that change an existing object in place (data; extend here). Assignments to an
// attribute or item (`df["a"] = ...`, `df.loc[i] = ...`, `del d[k]`) need no table.

/** Methods that change their receiver: `xs.append(1)` and `model.fit(X, y)` change `xs` and `model`. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([
  // list, dict, set, bytearray, deque
  "append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
  "update", "setdefault", "popitem", "add", "discard",
  "difference_update", "intersection_update", "symmetric_difference_update",
  "appendleft", "extendleft", "popleft", "rotate",
  // numpy arrays
  "fill", "resize", "itemset", "setflags", "put",
  // estimators and models (scikit-learn, xgboost, lightgbm, keras, statsmodels results are new objects)
  "fit", "partial_fit", "fit_transform", "fit_predict", "fit_resample", "set_params", "set_output",
  "load_state_dict", "zero_grad", "requires_grad_",
]);

/** Keyword that makes a pandas method work in place: `df.dropna(inplace=True)` changes `df`. */
export const IN_PLACE_KEYWORD = "inplace";

/**
 * Methods and functions that change one of their arguments (by position):
 * `np.random.shuffle(x)`, `random.shuffle(x)`, `rng.shuffle(x)` shuffle `x`.
 * Keys are the last part of the callee's name.
 */
export const ARGUMENT_MUTATORS: ReadonlyMap<string, number> = new Map([
  ["shuffle", 0],
  ["copyto", 0],
  ["fill_diagonal", 0],
  ["putmask", 0],
  ["place", 0],
  ["heappush", 0],
  ["heappop", 0],
  ["heapify", 0],
  ["insort", 0],
  ["setattr", 0],
  ["delattr", 0],
]);

/**
 * PyTorch's convention: a method whose name ends in `_` works in place (`x.add_(1)`,
 * `nn.init.zeros_(w)` changes `w`). Names starting with `_` are private, not in place.
 */
export function isTrailingUnderscoreInPlace(method: string): boolean {
  return method.length > 1 && method.endsWith("_") && !method.startsWith("_");
}

/**
 * Names that, by convention, are modules: `np.sort(a)` or `plt.rcParams.update(...)` does
 * not change a notebook variable. Names the cell imports with `import x` are added.
 */
export const CONVENTIONAL_MODULES: ReadonlySet<string> = new Set([
  "np", "numpy", "pd", "pandas", "pl", "polars", "plt", "mpl", "matplotlib", "sns", "seaborn", "px", "go",
  "sm", "smf", "statsmodels", "scipy", "sp", "stats", "sklearn", "tf", "torch", "nn", "F", "keras", "xgb", "lgb",
  "os", "sys", "re", "json", "pickle", "joblib", "random", "math", "time", "datetime", "shutil", "glob",
  "pathlib", "warnings", "logging", "itertools", "functools", "collections", "heapq", "bisect",
]);
