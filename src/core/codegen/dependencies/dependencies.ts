// The project's third-party dependencies: one per distribution that an import of the
// pipeline needs (through the import → distribution table), plus the packages that the
// notebook installs itself with `!pip install`.
import { IMPORT_DISTRIBUTIONS } from "./distributionTable";
import { STDLIB_MODULES } from "./stdlibModules";

export interface Dependency {
  /** Distribution name as installed (`scikit-learn`). */
  readonly name: string;
  /** A version specifier the notebook asked for (`>=1.2`, `==2.0.1`), if any. */
  readonly specifier?: string;
  readonly reason: "import" | "pip-install" | "runtime";
}

/** The distribution that provides `module`, or undefined for stdlib and relative imports. */
export function distributionFor(module: string): string | undefined {
  if (module === "" || module.startsWith(".")) return undefined;
  const parts = module.split(".");
  for (let length = parts.length; length > 0; length -= 1) {
    const mapped = IMPORT_DISTRIBUTIONS.get(parts.slice(0, length).join("."));
    if (mapped !== undefined) return mapped;
  }
  const top = parts[0] ?? module;
  return STDLIB_MODULES.has(top) ? undefined : top;
}

const OPTIONS_WITH_VALUE = new Set(["-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-e", "--editable", "-t", "--target", "--prefix", "--root"]);
const REQUIREMENT = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*((?:[<>=!~]=?|===)\s*[^;\s]+(?:\s*,\s*(?:[<>=!~]=?)\s*[^;\s,]+)*)?$/;

/** Requirements named by a `pip install ...` shell line (the text after `!`/`%`). */
export function pipInstallRequirements(command: string): Dependency[] {
  const words = command.trim().replace(/^(?:python3?\s+-m\s+)?%?pip3?\s+install\s+/, "\u0000 ").split(/\s+/);
  if (words[0] !== "\u0000") return [];
  const found: Dependency[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const word = (words[index] ?? "").replace(/^(["'])(.*)\1$/, "$2");
    if (OPTIONS_WITH_VALUE.has(word)) index += 1;
    if (word.startsWith("-") || word.includes("/") || word.startsWith("$") || word.startsWith("{")) continue;
    const match = REQUIREMENT.exec(word);
    if (match === null) continue;
    const specifier = match[3]?.replace(/\s+/g, "");
    found.push(specifier === undefined ? { name: match[1] ?? word, reason: "pip-install" } : { name: match[1] ?? word, specifier, reason: "pip-install" });
  }
  return found;
}

/** PEP 503 normalised name: what makes `Scikit_Learn` and `scikit-learn` the same. */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** One entry per distribution, sorted; a pip line's specifier wins over a bare import. */
export function mergeDependencies(dependencies: readonly Dependency[]): Dependency[] {
  const byName = new Map<string, Dependency>();
  for (const dependency of dependencies) {
    const key = normalizedName(dependency.name);
    const known = byName.get(key);
    if (known === undefined || (known.specifier === undefined && dependency.specifier !== undefined)) byName.set(key, dependency);
  }
  return [...byName.values()].sort((a, b) => normalizedName(a.name).localeCompare(normalizedName(b.name)));
}
