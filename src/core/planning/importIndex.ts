// Which import binds which name, so the planner can give each step the imports it uses
// instead of passing modules around as values.
import type { ImportRecord } from "../analysis/cellAnalysis";

export interface ImportUse {
  readonly record: ImportRecord;
  /** Position of the importing cell among the notebook's code cells. */
  readonly position: number;
}

/** Imports a module can hoist: top-level ones (not inside `try:`, `if`, a function). */
export function hoistableImports(imports: readonly ImportRecord[]): ImportRecord[] {
  return imports.filter((record) => record.nested !== true);
}

/** The name an import binds: `import a.b` → `a`, `import a as b` → `b`, `from a import b` → `b`; `*` binds none. */
export function boundName(record: Pick<ImportRecord, "module" | "name" | "alias">): string | undefined {
  if (record.alias !== undefined) return record.alias;
  if (record.name === "*") return undefined;
  return record.name ?? record.module.split(".")[0];
}

/** The dotted path a bound name stands for: `np` → `numpy`, `LogisticRegression` → `sklearn.linear_model.LogisticRegression`. */
export function qualifiedName(record: ImportRecord): string {
  if (record.name !== undefined) return `${record.module}.${record.name}`;
  return record.alias !== undefined ? record.module : (record.module.split(".")[0] ?? record.module);
}

export class ImportIndex {
  private readonly byName = new Map<string, ImportUse[]>();
  private readonly stars: ImportUse[] = [];

  constructor(cells: readonly { readonly position: number; readonly imports: readonly ImportRecord[] }[]) {
    for (const cell of cells) {
      for (const record of cell.imports) {
        const name = boundName(record);
        const use = { record, position: cell.position };
        if (name === undefined) this.stars.push(use);
        else {
          const uses = this.byName.get(name);
          if (uses === undefined) this.byName.set(name, [use]);
          else uses.push(use);
        }
      }
    }
  }

  /** The import binding `name` as seen from the cell at `position`: the latest one before it, else the first. */
  resolve(name: string, position: number): ImportUse | undefined {
    const uses = this.byName.get(name);
    if (uses === undefined) return undefined;
    // Positions ascend (cells are added in notebook order): binary search for the last one ≤ position.
    let low = 0;
    let high = uses.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((uses[middle]?.position ?? Infinity) <= position) low = middle + 1;
      else high = middle;
    }
    return uses[low - 1] ?? uses[0];
  }

  /**
   * Every import of the resolved cell binding `name`: `import mlflow` and
   * `import mlflow.sklearn` both bind `mlflow`, and code using `mlflow.sklearn` needs both.
   */
  resolveAll(name: string, position: number): ImportUse[] {
    const found = this.resolve(name, position);
    if (found === undefined) return [];
    return (this.byName.get(name) ?? []).filter((use) => use.position === found.position);
  }

  starImportsBefore(position: number): ImportUse[] {
    return this.stars.filter((use) => use.position <= position);
  }
}
