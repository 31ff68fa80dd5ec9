"""numpy and pandas values: shapes, dtype kinds, and values within a tolerance. numpy
and pandas are imported only here, and only when such a value is being compared."""

from __future__ import annotations

import importlib
from typing import Any, Callable, NamedTuple

from nb2prod_outcome import EQUAL, Outcome, different, short

Tolerance = tuple[float, float]
ElementCompare = Callable[[Any, Any], Outcome]
NUMERIC_KINDS = "fciu"


class Gap(NamedTuple):
    """Where two arrays differ most: at a finite distance, else where only one is NaN."""

    at: tuple[int, ...]
    size: float
    differing: int


def _numpy() -> Any:
    return importlib.import_module("numpy")


def _index(position: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in position) + "]"


def _position(flat: int, shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(int(i) for i in _numpy().unravel_index(flat, shape))


def _largest_gap(a: Any, b: Any, tolerance: Tolerance) -> Gap | None:
    """The largest difference beyond the tolerance and how many values differ; None
    when all values are close. A NaN facing a number is reported only when no value
    differs by a finite amount (size NaN)."""
    np = _numpy()
    close = np.isclose(a, b, rtol=tolerance[0], atol=tolerance[1], equal_nan=True)
    differing = int(close.size - np.count_nonzero(close))
    if differing == 0:
        return None
    wide = np.complex128 if "c" in (a.dtype.kind, b.dtype.kind) else np.float64
    gap = np.abs(a.astype(wide) - b.astype(wide))
    ranked = np.where(close | np.isnan(gap), -1.0, gap)
    flat = int(np.argmax(ranked)) if ranked.max() >= 0 else int(np.argmin(close))
    at = _position(flat, gap.shape)
    return Gap(at, float(gap[at]), differing)


def _gap_text(gap: Gap, where: str, a: Any, b: Any) -> str:
    values = f"{short(a[gap.at].item())} vs {short(b[gap.at].item())}"
    what = "NaN mismatch" if gap.size != gap.size else f"max abs diff {gap.size:.6g}"
    return f"{what} at {where} ({values}); {gap.differing} of {a.size} values differ"


def _first_unequal(a: Any, b: Any) -> str:
    """For booleans, strings and dates, which compare exactly."""
    np = _numpy()
    same = np.broadcast_to(np.asarray(a == b, dtype=bool), a.shape)
    if a.dtype.kind in "Mm":
        same = same | (np.isnat(a) & np.isnat(b))
    unequal = np.argwhere(~same)
    if len(unequal) == 0:
        return ""
    at = tuple(int(i) for i in unequal[0])
    return f"first difference at {_index(at)} ({short(a[at])} vs {short(b[at])}); {len(unequal)} of {a.size} values differ"


def _all_equal(a: Any, b: Any) -> bool:
    """numpy's own == first: an object array of strings or numbers then needs no Python loop."""
    try:
        return bool(_numpy().all(a == b))
    except Exception:  # noqa: BLE001 - elements whose == is not a plain truth value
        return False


def _compare_objects(a: Any, b: Any, element: ElementCompare) -> Outcome:
    if _all_equal(a, b):
        return EQUAL
    for flat, left in enumerate(a.flat):
        outcome = element(left, b.flat[flat])
        if outcome.status != EQUAL.status:
            return outcome.within(_index(_position(flat, a.shape)))
    return EQUAL


def compare_arrays(a: Any, b: Any, tolerance: Tolerance, element: ElementCompare) -> Outcome:
    if a.shape != b.shape:
        return different(f"shape differs: {tuple(a.shape)} vs {tuple(b.shape)}")
    kind = a.dtype.kind
    if kind != b.dtype.kind:
        return different(f"dtype differs: {a.dtype} vs {b.dtype}")
    if kind == "O":
        return _compare_objects(a, b, element)
    if kind in NUMERIC_KINDS:
        gap = _largest_gap(a, b, tolerance)
        return EQUAL if gap is None else different(_gap_text(gap, _index(gap.at), a, b))
    summary = _first_unequal(a, b)
    return different(summary) if summary else EQUAL


def _labels(index: Any) -> list[str]:
    return [str(label) for label in list(index)]


def _numeric_frame_summary(a: Any, b: Any, tolerance: Tolerance) -> str:
    """For numeric frames and series, the largest difference named by its labels."""
    np = _numpy()
    dtypes = [*a.dtypes, *b.dtypes] if pandas_kind(a) == "DataFrame" else [a.dtype, b.dtype]
    kinds = {dtype.kind for dtype in dtypes}
    if not kinds or not kinds <= set(NUMERIC_KINDS):
        return ""
    wide = np.complex128 if "c" in kinds else np.float64
    left, right = a.to_numpy(dtype=wide), b.to_numpy(dtype=wide)
    gap = _largest_gap(left, right, tolerance)
    if gap is None:
        return ""
    if len(gap.at) == 1:
        return _gap_text(gap, f"index {short(a.index[gap.at[0]])}", left, right)
    row, column = gap.at
    return _gap_text(gap, f"row {short(a.index[row])}, column {short(a.columns[column])}", left, right)


def _pandas_message(error: AssertionError) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = "; ".join(lines[:4])
    return text if len(text) <= 300 else text[:297] + "..."


def compare_pandas(a: Any, b: Any, tolerance: Tolerance) -> Outcome:
    """DataFrame, Series and Index, through pandas.testing with the same tolerance."""
    testing = importlib.import_module("pandas").testing
    kind = pandas_kind(a)
    if kind == "DataFrame" and _labels(a.columns) != _labels(b.columns):
        return different(f"columns differ: {_labels(a.columns)} vs {_labels(b.columns)}")
    if a.shape != b.shape:
        return different(f"shape differs: {tuple(a.shape)} vs {tuple(b.shape)}")
    check = {"DataFrame": testing.assert_frame_equal, "Series": testing.assert_series_equal}.get(kind, testing.assert_index_equal)
    try:
        check(a, b, check_exact=False, rtol=tolerance[0], atol=tolerance[1])
    except AssertionError as error:
        summary = _numeric_frame_summary(a, b, tolerance) if kind != "Index" else ""
        return different(summary or _pandas_message(error))
    return EQUAL


def pandas_kind(value: object) -> str:
    """"DataFrame", "Series" or "Index" (subclasses included); "" for anything else."""
    for base in type(value).__mro__:
        if base.__module__.split(".")[0] == "pandas" and base.__name__ in ("DataFrame", "Series", "Index"):
            return base.__name__
    return ""


def is_ndarray(value: object) -> bool:
    return any(base.__module__ == "numpy" and base.__name__ == "ndarray" for base in type(value).__mro__)
