// Which distributions the generated project depends on, and their pins: every import
// the generated modules make (through the distribution table), the notebook's own
// `!pip install` lines, and what the generated runtime needs (Prefect, PyYAML).
import type { CellAnalysis } from "../../analysis/cellAnalysis";
import type { GenerationWarning } from "../filePlan";
import type { Dependency } from "./dependencies";
import { distributionFor, mergeDependencies, normalizedName } from "./dependencies";
import type { InterpreterVersions } from "./interpreterVersions";

// cloudpickle: artifacts.py falls back to it for values pickle cannot write (functions defined in a step).
export const RUNTIME_DISTRIBUTIONS: readonly string[] = ["cloudpickle", "prefect", "pyyaml"];
export const DEV_DISTRIBUTIONS: readonly string[] = ["mypy", "pytest", "ruff", "types-PyYAML"];
export const PARQUET_DISTRIBUTIONS: readonly string[] = ["pyarrow"];
/** The optional `tracking` extra: tracking.py mirrors runs into MLflow when it is installed. */
export const TRACKING_DISTRIBUTIONS: readonly string[] = ["mlflow"];
/** The optional `serve` extra: serve.py's API, its server, and the client its tests use. */
export const SERVE_DISTRIBUTIONS: readonly string[] = ["fastapi", "uvicorn", "httpx"];
/** The optional `dask` extra: Prefect's Dask task runner and the cluster it starts or joins. */
export const DASK_DISTRIBUTIONS: readonly string[] = ["prefect-dask", "distributed"];

export interface PinnedDependency {
  readonly name: string;
  readonly specifier: string;
}

/** Modules type hints may name (`np.ndarray`, `pd.DataFrame`) without the notebook importing them. */
const TYPE_DISTRIBUTIONS: readonly string[] = ["numpy", "pandas"];

/** What the data checks (data_checks.py) may import beyond the notebook's own imports. */
const DATA_CHECK_DISTRIBUTIONS: readonly string[] = ["pandera"];

/** Every distribution the notebook's imports could need: what to ask the interpreter about. */
export function candidateDistributions(analyses: readonly CellAnalysis[]): string[] {
  const names = analyses.flatMap((analysis) => analysis.imports.map((record) => distributionFor(record.module)));
  const all = [...names.filter((name): name is string => name !== undefined), ...RUNTIME_DISTRIBUTIONS, ...DEV_DISTRIBUTIONS, ...PARQUET_DISTRIBUTIONS, ...TRACKING_DISTRIBUTIONS, ...SERVE_DISTRIBUTIONS, ...DASK_DISTRIBUTIONS, ...TYPE_DISTRIBUTIONS, ...DATA_CHECK_DISTRIBUTIONS];
  return [...new Set(all)].sort();
}

export function importDependencies(modules: Iterable<string>): Dependency[] {
  const found: Dependency[] = [];
  for (const module of modules) {
    const name = distributionFor(module);
    if (name !== undefined) found.push({ name, reason: "import" });
  }
  return found;
}

/** Pins each dependency to the interpreter's version unless the notebook asked for one. */
export function pinDependencies(
  dependencies: readonly Dependency[],
  versions: InterpreterVersions | undefined,
  warnings: GenerationWarning[],
): PinnedDependency[] {
  const installed = new Map([...(versions?.packages ?? new Map<string, string>())].map(([name, version]) => [normalizedName(name), version]));
  const unpinned: string[] = [];
  const pinned = mergeDependencies(dependencies).map((dependency) => {
    if (dependency.specifier !== undefined) return { name: dependency.name, specifier: dependency.specifier };
    const version = installed.get(normalizedName(dependency.name));
    if (version === undefined) unpinned.push(dependency.name);
    return { name: dependency.name, specifier: version === undefined ? "" : `==${version}` };
  });
  if (unpinned.length > 0) {
    const why = versions === undefined ? "no interpreter could be asked (pass --python)" : "the chosen interpreter does not have them installed";
    warnings.push({ code: "unpinned-dependency", message: `Dependencies left unpinned because ${why}: ${unpinned.join(", ")}.` });
  }
  return pinned;
}
