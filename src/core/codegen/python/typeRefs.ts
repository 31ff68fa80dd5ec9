// A type hint (a dotted name from the planner, or a runtime type observed by `verify`)
// → the annotation printed in a module, the import it needs, and the class a test can
// check with isinstance. Anything that cannot be resolved safely is `Any` with a reason.
import type { ImportSpec } from "./importBlock";

export interface TypeRef {
  readonly annotation: string;
  /** Imports the annotation needs (printed under `if TYPE_CHECKING:`). */
  readonly imports: readonly ImportSpec[];
  /** `module.Class` a test can import and check with isinstance; absent for Any. */
  readonly runtimeClass?: { readonly module: string; readonly name: string };
  /** Why the type is Any (printed as a comment). */
  readonly unknownBecause?: string;
}

const MODULE_ALIASES: Readonly<Record<string, string>> = { pandas: "pd", numpy: "np" };
const BARE_CONTAINERS: Readonly<Record<string, string>> = { list: "list[Any]", dict: "dict[Any, Any]", tuple: "tuple[Any, ...]", set: "set[Any]", frozenset: "frozenset[Any]" };
const BUILTIN = /^(int|float|str|bool|bytes|complex|list|dict|tuple|set|frozenset|range)(\[[A-Za-z0-9_[\], .]*\])?$/;
/** Runtime names of public classes defined in private modules (data; extend here). */
const PUBLIC_NAMES: Readonly<Record<string, string>> = {
  "pandas.core.frame.DataFrame": "pandas.DataFrame",
  "pandas.core.series.Series": "pandas.Series",
  "pandas.core.indexes.base.Index": "pandas.Index",
  "pandas.core.indexes.range.RangeIndex": "pandas.RangeIndex",
  "pandas.core.arrays.categorical.Categorical": "pandas.Categorical",
  // NumPy scalars: float64 is a float; the sized ones are aliases mypy cannot isinstance-check.
  "numpy.float64": "float",
  "numpy.float32": "numpy.floating",
  "numpy.float16": "numpy.floating",
  "numpy.int64": "numpy.integer",
  "numpy.int32": "numpy.integer",
  "numpy.uint8": "numpy.integer",
  "numpy.bool_": "numpy.bool_",
};

export const UNKNOWN_STATICALLY = "not known statically: nb2prod verify, then generate --types";

export function anyType(because: string): TypeRef {
  return { annotation: "Any", imports: [], unknownBecause: because };
}

/** A hint like `int`, `list[str]`, `pandas.DataFrame` or `sklearn.linear_model.Ridge`. */
export function resolveTypeHint(hint: string | undefined): TypeRef {
  if (hint === undefined || hint.trim() === "") return anyType(UNKNOWN_STATICALLY);
  const text = hint.trim();
  const builtin = BUILTIN.exec(text);
  if (builtin !== null) {
    const base = builtin[1] ?? text;
    const annotation = builtin[2] === undefined ? (BARE_CONTAINERS[base] ?? base) : text;
    return { annotation, imports: [], runtimeClass: { module: "builtins", name: base } };
  }
  if (text === "None" || text === "NoneType") return { annotation: "None", imports: [] };
  const match = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\.([A-Za-z_]\w*)$/.exec(text);
  if (match === null) return anyType(`the hint ${text} is not an importable class`);
  const module = match[1] ?? "";
  const name = match[2] ?? "";
  const alias = MODULE_ALIASES[module];
  if (alias !== undefined) return { annotation: `${alias}.${name}`, imports: [{ module, alias }], runtimeClass: { module, name } };
  return { annotation: name, imports: [{ module, name }], runtimeClass: { module, name } };
}

/**
 * A runtime type name observed by `verify` (`pandas.core.frame.DataFrame`,
 * `sklearn.linear_model._ridge.Ridge`, `builtins.float`) → the public hint to resolve.
 * `localClasses` are the notebook's classes lifted into `<pkg>.common`.
 */
export function observedToHint(observed: string, localClasses: ReadonlySet<string>, commonModule: string): string | undefined {
  if (observed.startsWith("builtins.")) return observed.slice("builtins.".length);
  const known = PUBLIC_NAMES[observed];
  if (known !== undefined) return known;
  const parts = observed.split(".");
  const name = parts[parts.length - 1] ?? "";
  if (parts[0] === "__main__") return localClasses.has(name) ? `${commonModule}.${name}` : undefined;
  const publicPath = parts.slice(0, -1).filter((part) => !part.startsWith("_"));
  if (publicPath.length === 0 || name.startsWith("_")) return undefined;
  return [...publicPath, name].join(".");
}
