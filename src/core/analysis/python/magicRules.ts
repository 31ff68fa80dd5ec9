// How IPython syntax in a cell is read (data; extend here). Everything not listed is a
// magic whose effect the analysis cannot see: it is recorded and masked out.

/**
 * Cell magics whose body is still Python run in the notebook's namespace. Any other
 * cell magic (`%%bash`, `%%writefile`, `%%html`, `%%sql`) makes the body something else.
 */
export const PYTHON_BODY_CELL_MAGICS: ReadonlySet<string> = new Set([
  "time",
  "timeit",
  "capture",
  "prun",
  "debug",
  "memit",
  "snakeviz",
]);

/**
 * Line magics whose argument is a Python statement run in the notebook's namespace
 * (`%time model.fit(X, y)`), with the options that take a value and precede it.
 */
export const STATEMENT_LINE_MAGICS: ReadonlyMap<string, { readonly valueOptions: string }> = new Map([
  ["time", { valueOptions: "" }],
  ["timeit", { valueOptions: "nr" }],
  ["prun", { valueOptions: "slTD" }],
  ["memit", { valueOptions: "rt" }],
]);

/** Commands IPython runs without a `%` (automagic), when followed by one of these sub-commands. */
export const AUTOMAGIC_COMMANDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["pip", new Set(["install", "uninstall", "download", "list", "show", "freeze"])],
  ["conda", new Set(["install", "uninstall", "remove", "update", "list", "create"])],
  ["mamba", new Set(["install", "uninstall", "remove", "update", "list", "create"])],
]);

/** Magics that read or write the file named by their first argument (`%run prep.py`). */
export const MAGIC_FILE_ACCESS: ReadonlyMap<string, "read" | "write"> = new Map([
  ["run", "read"],
  ["load", "read"],
  ["loadpy", "read"],
  ["writefile", "write"],
]);
