"""Compares a value the notebook computed with the one the pipeline computed: numbers
within a tolerance, containers item by item, arrays and frames through nb2prod_arrays,
fitted estimators and other objects by their params and attributes."""

from __future__ import annotations

import cmath
import numbers
import re
import types
from typing import Any, Callable

from nb2prod_arrays import (
    Tolerance,
    compare_arrays,
    compare_pandas,
    is_ndarray,
    pandas_kind,
)
from nb2prod_capture import display_reason, type_name
from nb2prod_outcome import EQUAL, Outcome, different, not_comparable, not_compared, short

MAX_DEPTH = 40
ROUTINES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type)

# Bookkeeping of how long a fit took, never equal across two runs and not what was learned.
TIMING_ATTRIBUTES = frozenset({"refit_time_"})
TIMING_RESULT_KEYS = frozenset({"mean_fit_time", "std_fit_time", "mean_score_time", "std_score_time"})


def _is_number(value: object) -> bool:
    # numpy's bool_ is not a numbers.Number, but compares like one.
    return isinstance(value, numbers.Number) or type_name(value) in ("numpy.bool_", "numpy.bool")


def _compare_numbers(a: Any, b: Any, tolerance: Tolerance) -> Outcome:
    try:
        left, right = complex(a), complex(b)
    except (TypeError, ValueError, OverflowError):
        return EQUAL if a == b else different(f"{short(a)} vs {short(b)}")
    if cmath.isnan(left) and cmath.isnan(right):
        return EQUAL
    # Exact equality first: inf - inf is nan, so equal infinities would fail the tolerance test.
    if left == right:
        return EQUAL
    # Otherwise an infinity is never close to anything (the tolerance would be infinite too).
    if cmath.isinf(left) or cmath.isinf(right):
        return different(f"{short(a)} vs {short(b)}")
    if abs(left - right) <= tolerance[1] + tolerance[0] * abs(right):
        return EQUAL
    return different(f"{short(a)} vs {short(b)} (abs diff {abs(left - right):.6g})")


# A report's date and time of day (statsmodels summaries print when they were made).
_CLOCK = re.compile(
    r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{2}:\d{2}:\d{2}\b"
)


def _compare_reports(a: str, b: str) -> Outcome:
    """Text reports (a model summary) compare line by line, with dates and clock times masked."""
    left, right = (_CLOCK.sub("<time>", text).splitlines() for text in (a, b))
    for index, (one, other) in enumerate(zip(left, right)):
        if one != other:
            return different(f"line {index + 1}: {short(one.strip())} vs {short(other.strip())}")
    return EQUAL if len(left) == len(right) else different(f"{len(left)} vs {len(right)} lines")


def _keys(mapping: dict[Any, Any]) -> list[str]:
    return sorted(repr(key) for key in mapping)


def _only(left: list[str], right: list[str]) -> str:
    """Which items are on one side only, e.g. `only in the pipeline: 'b'`."""
    parts = []
    for side, mine, other in (("notebook", left, right), ("pipeline", right, left)):
        extra = [item for item in mine if item not in other]
        if extra:
            text = ", ".join(extra)
            parts.append(f"only in the {side}: {text if len(text) <= 120 else text[:117] + '...'}")
    return "; ".join(parts)


class Comparer:
    """One comparison of two values. Remembers the pairs it is inside of, so that a
    cycle (an object that refers back to itself) ends instead of recursing forever."""

    def __init__(self, tolerance: Tolerance) -> None:
        self.tolerance = tolerance
        self._active: set[tuple[int, int]] = set()
        self._depth = 0
        self._rules = self._make_rules()

    def compare(self, a: Any, b: Any) -> Outcome:
        pair = (id(a), id(b))
        if pair in self._active:
            return EQUAL
        if self._depth >= MAX_DEPTH:
            return not_comparable(f"nested more than {MAX_DEPTH} levels deep")
        self._active.add(pair)
        self._depth += 1
        try:
            return self._dispatch(a, b)
        finally:
            self._depth -= 1
            self._active.discard(pair)

    def _dispatch(self, a: Any, b: Any) -> Outcome:
        reason = display_reason(a) or display_reason(b)
        if reason is not None:
            return not_compared(reason)
        if a is None or b is None:
            return EQUAL if a is b else different(f"{short(a)} vs {short(b)}")
        if callable(getattr(a, "as_text", None)) and callable(getattr(b, "as_text", None)):
            return _compare_reports(str(a.as_text()), str(b.as_text()))
        if _is_number(a) and _is_number(b):
            return _compare_numbers(a, b, self.tolerance)
        if isinstance(a, (str, bytes)) and isinstance(b, (str, bytes)):
            return EQUAL if a == b else different(f"{short(a)} vs {short(b)}")
        if type(a).__qualname__ != type(b).__qualname__:
            # Only the qualified name: a class the notebook defined in __main__ is the
            # same class once the generator has moved it to <pkg>.common.
            return different(f"type differs: {type_name(a)} vs {type_name(b)}")
        return self._same_kind(a, b)

    def _same_kind(self, a: Any, b: Any) -> Outcome:
        for accepts, compare in self._rules:
            if accepts(a):
                return compare(a, b)
        return self._fallback(a, b)

    def _make_rules(self) -> list[tuple[Callable[[Any], bool], Callable[[Any, Any], Outcome]]]:
        """Which comparison applies, by the kind of the notebook's value; first match wins."""
        return [
            (is_ndarray, lambda a, b: compare_arrays(a, b, self.tolerance, self.compare)),
            (lambda value: pandas_kind(value) != "", lambda a, b: compare_pandas(a, b, self.tolerance)),
            (lambda value: isinstance(value, dict), self._compare_mappings),
            (lambda value: isinstance(value, (list, tuple)), self._compare_sequences),
            (lambda value: isinstance(value, (set, frozenset)), _compare_sets),
            (lambda value: isinstance(value, ROUTINES), _compare_routines),
            (lambda value: callable(getattr(value, "get_params", None)), self._compare_estimators),
            (_is_neighbour_tree, self._compare_neighbour_trees),
            (lambda value: isinstance(getattr(value, "__dict__", None), dict), self._compare_attributes),
        ]

    def _compare_mappings(self, a: dict[Any, Any], b: dict[Any, Any], prefix: str = "") -> Outcome:
        right = {repr(key): value for key, value in b.items()}
        if sorted(right) != _keys(a):
            return different(f"keys differ: {_only(_keys(a), sorted(right))}")
        for key, value in a.items():
            outcome = self.compare(value, right[repr(key)])
            if outcome.status != EQUAL.status:
                return outcome.within(f"{prefix}{key}" if prefix else f"[{key!r}]")
        return EQUAL

    def _compare_sequences(self, a: Any, b: Any) -> Outcome:
        if len(a) != len(b):
            return different(f"length differs: {len(a)} vs {len(b)}")
        for index, (left, right) in enumerate(zip(a, b)):
            outcome = self.compare(left, right)
            if outcome.status != EQUAL.status:
                return outcome.within(f"[{index}]")
        return EQUAL

    def _compare_estimators(self, a: Any, b: Any) -> Outcome:
        """scikit-learn style: the constructor params first, they explain most differences."""
        try:
            params = self._compare_mappings(a.get_params(deep=False), b.get_params(deep=False), prefix=".")
        except Exception:  # noqa: BLE001 - a broken get_params leaves the attributes to compare
            params = EQUAL
        if params.status != EQUAL.status:
            return params
        return self._compare_attribute_maps(_learned_state(a), _learned_state(b))

    def _compare_neighbour_trees(self, a: Any, b: Any) -> Outcome:
        """A KD or ball tree's pickled state also counts the queries made on it; its
        arrays (data, index, nodes, bounds) are what it learned."""
        return self.compare(a.get_arrays(), b.get_arrays())

    def _compare_attributes(self, a: Any, b: Any) -> Outcome:
        return self._compare_attribute_maps(vars(a), getattr(b, "__dict__", {}))

    def _compare_attribute_maps(self, left: dict[str, Any], right: dict[str, Any]) -> Outcome:
        if sorted(left) != sorted(right):
            return different(f"attributes differ: {_only(sorted(left), sorted(right))}")
        for name in sorted(left):
            outcome = self.compare(left[name], right[name])
            if outcome.status != EQUAL.status:
                return outcome.within(f".{name}")
        return EQUAL

    def _fallback(self, a: Any, b: Any) -> Outcome:
        """Objects without attributes (C types, slots): their own ==, else their pickled state."""
        if _defines_eq(type(a)):
            same = _equals(a, b)
            if same is not None:
                return EQUAL if same else different(f"{short(a)} vs {short(b)}")
        state = _reduced_state(a), _reduced_state(b)
        if state[0] is None or state[1] is None:
            return not_comparable(f"{type_name(a)} has no attributes or == to compare")
        return self.compare(state[0], state[1])


def _learned_state(estimator: Any) -> dict[str, Any]:
    """The estimator's attributes without its timings (a search's fit and score times)."""
    state = {name: value for name, value in vars(estimator).items() if name not in TIMING_ATTRIBUTES}
    results = state.get("cv_results_")
    if isinstance(results, dict):
        state["cv_results_"] = {key: value for key, value in results.items() if key not in TIMING_RESULT_KEYS}
    return state


def _is_neighbour_tree(value: object) -> bool:
    """scikit-learn's KDTree and BallTree (C types without attributes)."""
    return type_name(value).startswith("sklearn.neighbors.") and callable(getattr(value, "get_arrays", None))


def _defines_eq(kind: type) -> bool:
    """object's own == is identity, which is never true across two processes."""
    return any("__eq__" in vars(base) for base in kind.__mro__ if base is not object)


def _equals(a: Any, b: Any) -> bool | None:
    """a == b when it answers with a single truth value; None when it does not."""
    try:
        same = a == b
    except Exception:  # noqa: BLE001 - an == that raises gives no answer
        return None
    if isinstance(same, bool) or type_name(same) in ("numpy.bool_", "numpy.bool"):
        return bool(same)
    return None


def _compare_sets(a: Any, b: Any) -> Outcome:
    if a == b:
        return EQUAL
    return different(_only(sorted(map(repr, a)), sorted(map(repr, b))))


def _compare_routines(a: Any, b: Any) -> Outcome:
    left, right = getattr(a, "__qualname__", repr(a)), getattr(b, "__qualname__", repr(b))
    return EQUAL if left == right else different(f"{left} vs {right}")


def _reduced_state(value: Any) -> tuple[Any, ...] | None:
    """What pickle would store for `value`: its constructor arguments and state."""
    try:
        reduced = value.__reduce_ex__(4)
    except Exception:  # noqa: BLE001 - not reducible means not comparable this way
        return None
    return tuple(reduced[1:3]) if isinstance(reduced, tuple) and len(reduced) >= 2 else None
