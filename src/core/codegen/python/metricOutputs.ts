// Scalars an evaluation step computes with a metric function (`acc = accuracy_score(...)`)
// are returned by the step even when no later step reads them: the flow records them as
// run metrics and `verify` compares them with the notebook's (data; extend here).
import type { Binding } from "./cells/bindings";

const METRIC_CALL = /^(?:[A-Za-z_][\w.]*\.)?([a-z_][a-z0-9_]*(?:_score|_error|_loss|_deviance)|score)\s*\(/;
const NOT_SCALAR = new Set(["cross_val_score", "permutation_test_score", "learning_curve", "validation_curve"]);
/** Arguments that make a metric return an array or a dict instead of one number. */
const NOT_SCALAR_ARGUMENT = /\b(average\s*=\s*None|multioutput\s*=|output_dict\s*=\s*True)/;

/** The called name (`accuracy_score`, `metrics.r2_score`) when the binding is a metric's value. */
export function metricCallee(binding: Binding): string | undefined {
  if (!binding.simple || binding.value === undefined) return undefined;
  const match = METRIC_CALL.exec(binding.value);
  if (match === null || NOT_SCALAR.has(match[1] ?? "")) return undefined;
  if (NOT_SCALAR_ARGUMENT.test(binding.value) || !closesAtEnd(binding.value)) return undefined;
  return binding.value.slice(0, binding.value.indexOf("(")).trim();
}

/** `f(a)(b)` or `f(a) + 1` is not the metric's value itself. */
function closesAtEnd(value: string): boolean {
  let depth = 0;
  const open = value.indexOf("(");
  for (let index = open; index < value.length; index += 1) {
    const ch = value.charAt(index);
    if (ch === "(") depth += 1;
    else if (ch === ")") {
      depth -= 1;
      if (depth === 0) return value.slice(index + 1).trim() === "";
    }
  }
  return false;
}
