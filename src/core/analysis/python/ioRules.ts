// Calls that read or write a file named by one of their arguments (data; extend here).
// A rule's callee is either a dotted name as written (`pd.read_csv`, `open`) or, starting
// with a dot, a method on any object (`.to_csv` matches `df.to_csv` and `df.head().to_csv`).
// Dotted names are looked up first, so `np.save` wins over `.save`.

export type IoDirection = "read" | "write";

export interface IoRule {
  readonly callee: string;
  /**
   * `read` / `write`, or `mode`: decided by an `open`-style mode argument ("r", "wb",
   * "a+", ...), which defaults to `defaultMode`.
   */
  readonly direction: IoDirection | "mode";
  /** Where the path is: a positional index and a keyword, or the receiver (`Path("x").read_text()`). */
  readonly path: { readonly index: number; readonly keyword: string } | "receiver";
  readonly mode?: { readonly index: number; readonly keyword: string; readonly defaultMode: string };
}

function rule(callee: string, direction: IoDirection, index: number, keyword: string): IoRule {
  return { callee, direction, path: { index, keyword } };
}

function withModules(modules: readonly string[], names: readonly string[], direction: IoDirection, keyword = "path"): IoRule[] {
  return modules.flatMap((module) => names.map((name) => rule(`${module}.${name}`, direction, 0, keyword)));
}

function openLike(callee: string, keyword: string, defaultMode: string): IoRule {
  return { callee, direction: "mode", path: { index: 0, keyword }, mode: { index: 1, keyword: "mode", defaultMode } };
}

const PANDAS = ["pd", "pandas"];
const PANDAS_READERS = ["read_csv", "read_table", "read_fwf", "read_excel", "read_json", "read_parquet", "read_feather",
  "read_orc", "read_pickle", "read_hdf", "read_stata", "read_sas", "read_spss", "read_xml", "read_html"];
const PANDAS_WRITERS = ["to_csv", "to_excel", "to_json", "to_parquet", "to_feather", "to_orc", "to_pickle", "to_hdf",
  "to_stata", "to_xml", "to_html", "to_markdown", "to_latex", "to_netcdf"];
const NUMPY = ["np", "numpy"];

export const IO_RULES: readonly IoRule[] = [
  ...withModules(PANDAS, PANDAS_READERS, "read"),
  ...withModules(["pl", "polars"], ["read_csv", "read_parquet", "read_json", "read_ndjson", "read_excel", "read_ipc",
    "scan_csv", "scan_parquet", "scan_ndjson", "scan_ipc"], "read", "source"),
  ...withModules(PANDAS, ["ExcelWriter", "HDFStore"], "write"),
  ...PANDAS_WRITERS.map((name) => rule(`.${name}`, "write", 0, "path")),
  ...withModules(NUMPY, ["load", "loadtxt", "genfromtxt", "fromfile"], "read", "file"),
  ...withModules(NUMPY, ["save", "savez", "savez_compressed", "savetxt"], "write", "file"),
  rule(".tofile", "write", 0, "fid"),
  rule("joblib.load", "read", 0, "filename"),
  rule("joblib.dump", "write", 1, "filename"),
  rule("torch.load", "read", 0, "f"),
  rule("torch.save", "write", 1, "f"),
  rule("tf.saved_model.load", "read", 0, "export_dir"),
  rule("tf.saved_model.save", "write", 1, "export_dir"),
  rule("load_model", "read", 0, "filepath"),
  rule(".load_model", "read", 0, "filepath"),
  rule(".save_model", "write", 0, "fname"),
  rule(".load_weights", "read", 0, "filepath"),
  rule(".save_weights", "write", 0, "filepath"),
  rule(".save", "write", 0, "filepath"),
  rule(".savefig", "write", 0, "fname"),
  rule("plt.imread", "read", 0, "fname"),
  rule("plt.imsave", "write", 0, "fname"),
  rule("Image.open", "read", 0, "fp"),
  rule("cv2.imread", "read", 0, "filename"),
  rule("cv2.imwrite", "write", 0, "filename"),
  rule("shutil.copy", "read", 0, "src"),
  rule("shutil.copy", "write", 1, "dst"),
  rule("shutil.copyfile", "read", 0, "src"),
  rule("shutil.copyfile", "write", 1, "dst"),
  rule("urllib.request.urlretrieve", "write", 1, "filename"),
  openLike("open", "file", "r"),
  openLike("io.open", "file", "r"),
  openLike("gzip.open", "filename", "rb"),
  openLike("bz2.open", "filename", "rb"),
  openLike("lzma.open", "filename", "rb"),
  openLike("codecs.open", "filename", "r"),
  openLike("h5py.File", "name", "r"),
  openLike("zipfile.ZipFile", "file", "r"),
  openLike("tarfile.open", "name", "r"),
  { callee: ".read_text", direction: "read", path: "receiver" },
  { callee: ".read_bytes", direction: "read", path: "receiver" },
  { callee: ".write_text", direction: "write", path: "receiver" },
  { callee: ".write_bytes", direction: "write", path: "receiver" },
  { callee: ".open", direction: "mode", path: "receiver", mode: { index: 0, keyword: "mode", defaultMode: "r" } },
];

/** Calls that build a path from literal parts: `os.path.join("data", "x.csv")`, `Path("data")`. */
export const PATH_BUILDERS: ReadonlySet<string> = new Set(["os.path.join", "Path", "pathlib.Path", "PurePath"]);
