// Type hints for values passed between steps, when the defining line makes the type plain:
// a literal (`n = 5` → int), a pandas reader (→ pandas.DataFrame), a NumPy constructor
// (→ numpy.ndarray) or an imported class (`m = LogisticRegression()` →
// sklearn.linear_model.LogisticRegression). Otherwise no hint: a wrong hint is worse.
import type { ImportRecord } from "../analysis/cellAnalysis";
import type { CellFacts } from "./cellFacts";
import type { ImportIndex } from "./importIndex";
import { qualifiedName } from "./importIndex";
import { parsePythonLiteral } from "./pythonLiteral";
import { remembered } from "./stepMemo";

const PANDAS_FRAME = /^(read_\w+|DataFrame|get_dummies|concat|merge|pivot_table|crosstab)$/;
const NUMPY_ARRAY = /^(array|asarray|zeros|ones|empty|full|arange|linspace|logspace|eye|identity|loadtxt|genfromtxt|load|concatenate|stack|vstack|hstack|c_|r_)$/;

export class TypeHints {
  constructor(
    private readonly facts: readonly CellFacts[],
    private readonly imports: ImportIndex,
  ) {}

  /** The hint for `name` as the cell at `position` last assigns it, if plain. */
  of(position: number, name: string): string | undefined {
    const fact = this.facts[position];
    if (fact === undefined) return undefined;
    const shape = valueShape(fact, name);
    if (shape === undefined) return undefined;
    return shape.kind === "literal" ? shape.type : this.ofCall(shape.call, position);
  }

  private ofCall(call: string, position: number): string | undefined {
    const dot = call.indexOf(".");
    const use = this.imports.resolve(dot === -1 ? call : call.slice(0, dot), position);
    if (use === undefined) return undefined;
    // The same call under the same import gives the same hint: remembered, as this runs for every value passed on every re-plan.
    const byCall = remembered(callHints, use.record, () => new Map<string, string | undefined>());
    return remembered(byCall, call, () => hintOfCall(call, use.record));
  }
}

/** Hints per import and call (`pd.read_csv` under `import pandas as pd`). */
const callHints = new WeakMap<ImportRecord, Map<string, string | undefined>>();

function hintOfCall(call: string, record: ImportRecord): string | undefined {
  const segments = call.split(".");
  const last = segments[segments.length - 1] ?? call;
  const path = [qualifiedName(record), ...segments.slice(1)].join(".");
  const root = path.split(".")[0];
  if (root === "pandas" && PANDAS_FRAME.test(last)) return last === "Series" ? "pandas.Series" : "pandas.DataFrame";
  if (root === "pandas" && last === "Series") return "pandas.Series";
  if (root === "numpy" && NUMPY_ARRAY.test(last)) return "numpy.ndarray";
  return /^[A-Z]\w*$/.test(last) && !path.startsWith(".") ? path : undefined;
}

/** What the cell's last assignment of a name gives it: a literal of a known type, or a call whose value the whole expression is. */
type ValueShape = { readonly kind: "literal"; readonly type: string | undefined } | { readonly kind: "call"; readonly call: string };

/** Shapes per cell and name, remembered with the cell's facts (kept while the cell is unchanged): re-planning reads them again for every value passed. */
const shapes = new WeakMap<CellFacts, Map<string, ValueShape | undefined>>();

function valueShape(fact: CellFacts, name: string): ValueShape | undefined {
  const byName = remembered(shapes, fact, () => new Map<string, ValueShape | undefined>());
  return remembered(byName, name, () => findValueShape(fact, name));
}

function findValueShape(fact: CellFacts, name: string): ValueShape | undefined {
  const assignment = fact.scan.assignments.filter((entry) => entry.name === name).pop();
  if (assignment === undefined) return undefined;
  const statement = fact.scan.statements.find((entry) => entry.start <= assignment.valueOffset && assignment.valueOffset <= entry.end);
  if (statement === undefined) return undefined;
  if (assignment.call === undefined) return { kind: "literal", type: parsePythonLiteral(fact.scan.source.slice(assignment.valueOffset, statement.end))?.type };
  const value = fact.scan.masked.slice(assignment.valueOffset, statement.end);
  return callIsWholeValue(value) ? { kind: "call", call: assignment.call } : undefined;
}

/** `f(a, b)` is, `f(a).b` and `f(a) + 1` are not: the hint would describe the call, not the value. */
function callIsWholeValue(value: string): boolean {
  let depth = 0;
  const open = value.indexOf("(");
  for (let i = open; i >= 0 && i < value.length; i += 1) {
    const ch = value.charAt(i);
    if ("([{".includes(ch)) depth += 1;
    else if (")]}".includes(ch)) {
      depth -= 1;
      if (depth === 0) return value.slice(i + 1).trim() === "";
    }
  }
  return false;
}
