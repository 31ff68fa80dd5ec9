// src/<pkg>/data_checks.py: typed checks of the data one early step hands on, made from
// what `nb2prod verify` saw in the notebook's run: a pandera schema per DataFrame and
// Series (columns, dtypes, nullability), plain checks per numpy array (ndim, dtype kind,
// NaN). Every name from the notebook reaches the file only as an encoded string literal.
import type { ObservedColumn, ObservedData } from "../../../verify/verifyReport";
import { dataCheckLibraries } from "../dataChecks";
import { PythonWriter } from "../pythonWriter";
import { fromImport, pyLiteral, pyString, pyTuple } from "../pythonText";
import type { RangeCheck } from "../notebookRanges";
import type { CheckedValue, DataCheckStructure } from "../structures";

/** Dtype names pandera takes as they are; any other observed dtype is left unchecked rather than guessed. */
const PANDERA_DTYPE = /^(bool|boolean|u?int(8|16|32|64)|U?Int(8|16|32|64)|float(16|32|64)|Float(32|64)|complex(64|128)|object|category|string|timedelta64\[ns\]|datetime64\[(ns|us|ms|s)(, [A-Za-z0-9_+\-/]+)?\])$/;

/** The pandera dtype literal of an observed dtype, or `None` (unchecked). */
export function panderaDtype(dtype: string): string {
  return PANDERA_DTYPE.test(dtype) ? pyString(dtype) : "None";
}

/** numpy's one-letter dtype kind of an observed array dtype, or "" when the kind is not checked. */
export function arrayKind(dtype: string): string {
  const kinds: readonly (readonly [RegExp, string])[] = [[/^bool$/, "b"], [/^int(8|16|32|64)$/, "i"], [/^uint(8|16|32|64)$/, "u"], [/^float(16|32|64|128)$/, "f"], [/^complex(64|128|256)$/, "c"]];
  return kinds.find(([pattern]) => pattern.test(dtype))?.[1] ?? "";
}

const pyBool = (value: boolean): string => (value ? "True" : "False");

function ofKind<K extends ObservedData["kind"]>(values: readonly CheckedValue[], kind: K): { readonly name: string; readonly data: Extract<ObservedData, { kind: K }>; readonly ranges?: readonly RangeCheck[] }[] {
  return values.flatMap((value) => (value.data.kind === kind ? [{ ...value, data: value.data as Extract<ObservedData, { kind: K }> }] : []));
}

/** `checks=[pa.Check.ge(0)], ` for the asserted ranges, or nothing. */
function rangeArgument(ranges: readonly RangeCheck[]): string {
  if (ranges.length === 0) return "";
  const checks = ranges.map((range) => (range.kind === "in_range" ? `pa.Check.in_range(${pyLiteral(range.min)}, ${pyLiteral(range.max)})` : `pa.Check.${range.kind}(${pyLiteral(range.bound)})`));
  return `checks=[${checks.join(", ")}], `;
}

function printColumn(writer: PythonWriter, column: ObservedColumn, ranges: readonly RangeCheck[]): void {
  const own = ranges.filter((range) => range.column === column.name);
  writer.line(`${pyString(column.name)}: pa.Column(${panderaDtype(column.dtype)}, ${rangeArgument(own)}nullable=${pyBool(column.nulls)}),`);
}

function printSchemas(writer: PythonWriter, values: readonly CheckedValue[]): void {
  const frames = ofKind(values, "dataframe");
  writer.line(`FRAME_SCHEMAS: dict[str, pa.DataFrameSchema] = {${frames.length === 0 ? "}" : ""}`);
  if (frames.length > 0) {
    writer.indented(() => {
      for (const frame of frames) {
        writer.line(`${pyString(frame.name)}: pa.DataFrameSchema(`);
        writer.indented(() => {
          writer.line(`{${frame.data.columns.length === 0 ? "}," : ""}`);
          if (frame.data.columns.length > 0) {
            writer.indented(() => { frame.data.columns.forEach((column) => { printColumn(writer, column, frame.ranges ?? []); }); });
            writer.line("},");
          }
          // Extra columns pass: a step may add features; missing or changed ones do not.
          writer.line("strict=False,");
        });
        writer.line("),");
      }
    });
    writer.line("}");
  }
  const series = ofKind(values, "series");
  writer.line(`SERIES_SCHEMAS: dict[str, pa.SeriesSchema] = {${series.length === 0 ? "}" : ""}`);
  if (series.length > 0) {
    writer.indented(() => { series.forEach((one) => writer.line(`${pyString(one.name)}: pa.SeriesSchema(${panderaDtype(one.data.dtype)}, ${rangeArgument(one.ranges ?? [])}nullable=${pyBool(one.data.nulls)}),`)); });
    writer.line("}");
  }
}

function printArraySpecs(writer: PythonWriter, values: readonly CheckedValue[]): void {
  writer.verbatim({ lines: ARRAY_SPEC_CLASS.split("\n"), rawLines: new Set() });
  writer.line().line();
  writer.line("ARRAY_SPECS: dict[str, ArraySpec] = {");
  writer.indented(() => {
    for (const array of ofKind(values, "array")) {
      writer.line(`${pyString(array.name)}: ArraySpec(ndim=${array.data.ndim}, kinds=${pyString(arrayKind(array.data.dtype))}, nan_allowed=${pyBool(array.data.nulls)}),`);
    }
  });
  writer.line("}");
}

/** Source of data_checks.py for the values of `checks`. */
export function printDataChecksModule(checks: DataCheckStructure): string {
  const needs = dataCheckLibraries(checks);
  const writer = new PythonWriter();
  writer.lines([
    `"""Data checks: the columns, dtypes and missing values of the data step \`${checks.after}\``,
    "hands on, as the notebook's own run had them (recorded by `nb2prod verify`). The flow",
    "checks them right after that step and before training; a failure stops the run with",
    "exit code 3 and a ``data_check`` event. Value ranges come from the notebook's own",
    "asserts (``between``, comparisons, ``min()``/``max()``); add more by hand with",
    "``pa.Check.in_range(0, 120)`` on a column, or ``strict=True`` to refuse extra columns.",
    'Generated by nb2prod."""',
    "",
    "from __future__ import annotations",
    "",
    "from collections.abc import Mapping",
    "from dataclasses import dataclass",
    "",
    ...(needs.numpy ? ["import numpy as np"] : []),
    ...(needs.pandera ? ["import pandas as pd", "import pandera as pa", "from pandera.errors import SchemaError, SchemaErrors"] : []),
    ...(needs.numpy || needs.pandera ? [""] : []),
    `CHECKED_AFTER = ${pyString(checks.after)}`,
    `CHECKED_VALUES: tuple[str, ...] = ${pyTuple(checks.values.map((value) => value.name))}`,
    "MAX_EXAMPLES = 3",
    "",
  ]);
  if (needs.pandera) printSchemas(writer, checks.values);
  if (needs.numpy) {
    if (needs.pandera) writer.line();
    writer.line();
    printArraySpecs(writer, checks.values);
  }
  writer.line().line();
  writer.verbatim({ lines: CHECK_CORE.split("\n"), rawLines: new Set() });
  writer.block("def _check_value(name: str, value: object) -> list[DataCheck]", () => {
    if (needs.pandera) {
      writer.block("if name in FRAME_SCHEMAS", () => writer.line("return _check_pandera(name, FRAME_SCHEMAS[name], value, pd.DataFrame)"));
      writer.block("if name in SERIES_SCHEMAS", () => writer.line("return _check_pandera(name, SERIES_SCHEMAS[name], value, pd.Series)"));
    }
    if (needs.numpy) writer.block("if name in ARRAY_SPECS", () => writer.line("return _check_array(name, ARRAY_SPECS[name], value)"));
    writer.line('return [DataCheck(name, "known", False, detail="no check is defined for it")]');
  });
  if (needs.pandera) {
    writer.line().line();
    writer.verbatim({ lines: PANDERA_CHECKS.split("\n"), rawLines: new Set() });
  }
  if (needs.numpy) {
    writer.line().line();
    writer.verbatim({ lines: ARRAY_CHECKS.split("\n"), rawLines: new Set() });
  }
  return writer.toString();
}

const ARRAY_SPEC_CLASS = `@dataclass(frozen=True)
class ArraySpec:
    """What a numpy array handed on must be: its number of dimensions, its dtype kind
    (numpy's one-letter codes: f float, i int, u unsigned, b bool, c complex; empty:
    not checked) and whether NaN may occur in it."""

    ndim: int
    kinds: str
    nan_allowed: bool`;

const CHECK_CORE = `@dataclass(frozen=True)
class DataCheck:
    """One check of one value the step hands on; \`\`column\`\` names a DataFrame's column."""

    value: str
    check: str
    passed: bool
    column: str | None = None
    detail: str = ""

    def describe(self) -> str:
        """One line: the value (and column), the check, and what was found."""
        where = self.value if self.column is None else f"{self.value}[{self.column!r}]"
        verdict = "passed" if self.passed else "failed"
        detail = f" ({self.detail})" if self.detail else ""
        return f"{where}: {self.check} {verdict}{detail}"

    def event(self) -> dict[str, str | bool]:
        """The check as recorded in the run's data_check event."""
        event: dict[str, str | bool] = {"value": self.value, "check": self.check, "passed": self.passed}
        if self.column is not None:
            event["column"] = self.column
        if self.detail:
            event["detail"] = self.detail
        return event


class DataCheckFailedError(RuntimeError):
    """Data a step handed on does not match its checks: the run stops before training."""


def check_data(values: Mapping[str, object]) -> list[DataCheck]:
    """Every check of every checked value; a value the step did not hand on fails."""
    checks: list[DataCheck] = []
    for name in CHECKED_VALUES:
        if name not in values:
            checks.append(DataCheck(name, "handed on", False, detail=f"step {CHECKED_AFTER} did not return it"))
            continue
        checks.extend(_check_value(name, values[name]))
    return checks


def raise_for_failures(checks: list[DataCheck]) -> None:
    """Raise DataCheckFailedError naming every failed check, on one line."""
    failed = [check.describe() for check in checks if not check.passed]
    if failed:
        raise DataCheckFailedError("; ".join(failed))

`;

const PANDERA_CHECKS = `def _check_pandera(
    name: str, schema: pa.DataFrameSchema | pa.SeriesSchema, value: object, kind: type
) -> list[DataCheck]:
    """Validate lazily, so one run reports every failing column and check at once."""
    if not isinstance(value, kind):
        return [DataCheck(name, "type", False, detail=f"expected {kind.__name__}, got {type(value).__name__}")]
    try:
        schema.validate(value, lazy=True)
    except SchemaErrors as error:
        return _failures(name, error.failure_cases)
    except SchemaError as error:
        return [DataCheck(name, "schema", False, detail=str(error).splitlines()[0])]
    return [DataCheck(name, "schema", True)]


def _failures(name: str, cases: pd.DataFrame) -> list[DataCheck]:
    """pandera's failure cases summarised: one failed check per column and check."""
    found: dict[tuple[str | None, str], list[str]] = {}
    for column, check, raw_case, raw_index in zip(cases["column"], cases["check"], cases["failure_case"], cases["index"]):
        case, index = _plain(raw_case), _plain(raw_index)
        where = None if column is None else str(column)
        what = str(check)
        if what == "column_in_dataframe":
            where, what, example = str(case), "column present", "missing"
        elif what.startswith("dtype("):
            what, example = f"dtype {what[len('dtype(') : -1]}", f"got {case}"
        elif what == "not_nullable":
            what, example = "no nulls", f"null at index {index!r}"
        else:
            example = repr(case) if index is None or index != index else f"{case!r} at index {index!r}"
        found.setdefault((where, what), []).append(example)
    return [
        DataCheck(name, what, False, column=where, detail=_examples(examples))
        for (where, what), examples in found.items()
    ]


def _plain(value: object) -> object:
    """A numpy scalar as the Python value it holds, so that messages read the same everywhere."""
    item = getattr(value, "item", None)
    return item() if callable(item) and getattr(value, "ndim", None) == 0 else value


def _examples(examples: list[str]) -> str:
    shown = ", ".join(examples[:MAX_EXAMPLES])
    more = len(examples) - MAX_EXAMPLES
    return shown if more <= 0 else f"{shown} and {more} more"`;

const ARRAY_CHECKS = `def _check_array(name: str, spec: ArraySpec, value: object) -> list[DataCheck]:
    if not isinstance(value, np.ndarray):
        return [DataCheck(name, "type", False, detail=f"expected numpy.ndarray, got {type(value).__name__}")]
    checks = [DataCheck(name, "ndim", value.ndim == spec.ndim, detail=f"expected {spec.ndim}, got {value.ndim}")]
    if spec.kinds:
        kind = value.dtype.kind
        checks.append(DataCheck(name, "dtype kind", kind in spec.kinds, detail=f"expected {spec.kinds!r}, got {kind!r}"))
    if not spec.nan_allowed and value.dtype.kind in ("f", "c"):
        nans = int(np.isnan(value).sum())
        checks.append(DataCheck(name, "no NaN", nans == 0, detail=f"{nans} NaN"))
    return checks`;

/** The DataFrame the generated tests break, and which of its columns: one to drop or re-type, one to put a null in. */
interface BrokenFrame {
  readonly name: string;
  readonly column: ObservedColumn;
  readonly nonNullable: ObservedColumn | undefined;
}

function frameToBreak(checks: DataCheckStructure): BrokenFrame | undefined {
  for (const { name, data } of ofKind(checks.values, "dataframe")) {
    const column = data.columns.find((candidate) => PANDERA_DTYPE.test(candidate.dtype));
    if (column === undefined) continue;
    const strict = data.columns.filter((candidate) => !candidate.nulls && PANDERA_DTYPE.test(candidate.dtype));
    // A float column takes a NaN without changing dtype, so the null is the only failure.
    const nonNullable = strict.find((candidate) => candidate.dtype.startsWith("float")) ?? strict[0];
    return { name, column, nonNullable };
  }
  return undefined;
}

/** tests/test_data_checks.py: the data the step hands on passes; a broken copy of it fails with a message naming value, column and check. */
export function dataChecksTestSource(pkg: string, checks: DataCheckStructure): string {
  const step = checks.after;
  const frame = frameToBreak(checks);
  const array = ofKind(checks.values, "array")[0];
  const writer = new PythonWriter();
  writer.lines([
    '"""Tests of the data checks (generated by nb2prod): the data the checked step hands on',
    "passes them, and a copy broken on purpose fails with a message naming what broke.",
    '"""',
    "",
    "from __future__ import annotations",
    "",
    ...(array === undefined ? [] : ["import numpy as np"]),
    ...(frame === undefined ? [] : ["import pandas as pd"]),
    "import pytest",
  ]);
  writer.line();
  writer.line("from conftest import StepInputs");
  writer.lines(fromImport(`${pkg}.data_checks`, ["DataCheckFailedError", "check_data", "raise_for_failures"]).split("\n"));
  writer.lines(fromImport(`${pkg}.steps.${step}`, [step]).split("\n"));
  writer.line();
  if (frame !== undefined) {
    writer.line(`FRAME = ${pyString(frame.name)}`);
    writer.line(`COLUMN = ${pyString(frame.column.name)}`);
    writer.line(`OTHER_DTYPE = ${pyString(frame.column.dtype === "object" ? "category" : "object")}`);
    if (frame.nonNullable !== undefined) writer.line(`NON_NULLABLE = ${pyString(frame.nonNullable.name)}`);
  }
  if (array !== undefined) writer.line(`ARRAY = ${pyString(array.name)}`);
  writer.lines(["", ""]);
  writer.verbatim({ lines: TEST_CORE(step).split("\n"), rawLines: new Set() });
  if (frame !== undefined) {
    writer.line().line();
    writer.verbatim({ lines: FRAME_TESTS.split("\n"), rawLines: new Set() });
    if (frame.nonNullable !== undefined) {
      writer.line().line();
      writer.verbatim({ lines: NULL_TEST.split("\n"), rawLines: new Set() });
    }
  }
  if (array !== undefined) {
    writer.line().line();
    writer.verbatim({ lines: ARRAY_TEST.split("\n"), rawLines: new Set() });
  }
  return writer.toString();
}

const TEST_CORE = (step: string): string => `def _handed_on(step_inputs_for: StepInputs) -> dict[str, object]:
    """What step ${step} hands on, computed from its inputs (see conftest.py)."""
    return dict(${step}(**step_inputs_for("${step}"))._asdict())


def _failure_message(values: dict[str, object]) -> str:
    with pytest.raises(DataCheckFailedError) as failure:
        raise_for_failures(check_data(values))
    message = str(failure.value)
    assert "\\n" not in message
    return message


def test_the_data_the_step_hands_on_passes(step_inputs_for: StepInputs) -> None:
    checks = check_data(_handed_on(step_inputs_for))
    assert [check.describe() for check in checks if not check.passed] == []
    raise_for_failures(checks)`;

const FRAME_TESTS = `def _frame(values: dict[str, object]) -> pd.DataFrame:
    frame = values[FRAME]
    assert isinstance(frame, pd.DataFrame)
    return frame


def test_a_dropped_column_fails(step_inputs_for: StepInputs) -> None:
    values = _handed_on(step_inputs_for)
    values[FRAME] = _frame(values).drop(columns=[COLUMN])
    message = _failure_message(values)
    assert f"{FRAME}[{COLUMN!r}]: column present failed" in message


def test_a_column_of_another_dtype_fails(step_inputs_for: StepInputs) -> None:
    values = _handed_on(step_inputs_for)
    frame = _frame(values)
    values[FRAME] = frame.assign(**{COLUMN: frame[COLUMN].astype(OTHER_DTYPE)})
    message = _failure_message(values)
    assert f"{FRAME}[{COLUMN!r}]: dtype" in message
    assert OTHER_DTYPE in message`;

const NULL_TEST = `def test_a_null_where_the_notebook_had_none_fails(step_inputs_for: StepInputs) -> None:
    values = _handed_on(step_inputs_for)
    frame = _frame(values).copy()
    frame.iloc[0, frame.columns.get_loc(NON_NULLABLE)] = None
    values[FRAME] = frame
    message = _failure_message(values)
    assert f"{FRAME}[{NON_NULLABLE!r}]: no nulls failed" in message`;

const ARRAY_TEST = `def test_an_array_with_another_number_of_dimensions_fails(step_inputs_for: StepInputs) -> None:
    values = _handed_on(step_inputs_for)
    array = values[ARRAY]
    assert isinstance(array, np.ndarray)
    values[ARRAY] = array[np.newaxis]
    message = _failure_message(values)
    assert f"{ARRAY}: ndim failed" in message`;
