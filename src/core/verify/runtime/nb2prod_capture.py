"""Snapshots a value at a step boundary: its runtime type, its shape where it has one,
and a pickle of it, taken at once because later cells may still change the object.

Both runs (notebook and pipeline) capture through this module, so they describe and
store values the same way.
"""

from __future__ import annotations

import hashlib
import inspect
import math
import numbers
import os
import pickle
import types
from typing import Any

from nb2prod_protocol import JsonObject

# Values made to be looked at, not computed with: their state says nothing about the
# pipeline's correctness, and pickling a figure is slow.
DISPLAY_PACKAGES = frozenset(
    {"matplotlib", "seaborn", "IPython", "ipywidgets", "plotly", "bokeh", "altair"}
)
MAX_COLUMNS = 1000


def written_file(path: object) -> dict[str, object]:
    """A file a step wrote, as verify compares it: its size and SHA-256, not its path
    (the pipeline may write it elsewhere). Hashed when the step ends, in both runs."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(os.fspath(path), "rb") as handle:  # type: ignore[call-overload]
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except (TypeError, OSError) as error:
        return {"unreadable": f"{type(error).__name__}: {error}"}
    return {"bytes": size, "sha256": digest.hexdigest()}


def type_name(value: object) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def _package(value: object) -> str:
    return type(value).__module__.split(".")[0]


def _elements(value: Any) -> list[object] | None:
    """The items of a list, tuple or object array (like the axes of plt.subplots)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if _package(value) == "numpy" and getattr(getattr(value, "dtype", None), "kind", "") == "O":
        return list(value.flat)
    return None


def display_reason(value: object) -> str | None:
    if _package(value) in DISPLAY_PACKAGES:
        return f"{type_name(value)} is a display object; display objects are not compared"
    items = _elements(value)
    if items and all(_package(item) in DISPLAY_PACKAGES for item in items):
        return f"{type_name(value)} of {type_name(items[0])} holds display objects; they are not compared"
    return None


def _shape(value: object) -> list[int] | None:
    try:
        shape = getattr(value, "shape", None)
    except Exception:  # noqa: BLE001 - a property of an arbitrary object may raise anything
        return None
    if isinstance(shape, tuple) and all(isinstance(size, int) for size in shape):
        return list(shape)
    return None


def describe(value: object) -> JsonObject:
    """Runtime type; a finite number's value; for arrays and frames, shape, dtype, columns."""
    described: JsonObject = {"type": type_name(value)}
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number):
            described["value"] = number
    shape = _shape(value)
    if shape is None or isinstance(value, type):
        return described
    described["shape"] = shape
    dtype = getattr(value, "dtype", None)
    if dtype is not None:
        described["dtype"] = str(dtype)
    columns = getattr(value, "columns", None) if _package(value) == "pandas" else None
    if columns is not None:
        described["columns"] = [str(column) for column in list(columns)[:MAX_COLUMNS]]
    described.update(_data_profile(value, columns))
    return described


def _data_profile(value: Any, columns: Any) -> JsonObject:
    """What the generated data checks are made of: a frame's per-column dtype and
    whether it had nulls; a series' or an array's whether it had nulls (NaN)."""
    try:
        if columns is not None:
            names = list(columns)
            # Schemas are keyed by column name: only unique string names make one.
            if len(names) > MAX_COLUMNS or len(set(names)) != len(names):
                return {}
            if not all(isinstance(name, str) for name in names):
                return {}
            nulls = value.isna().any()
            return {
                "columnTypes": [
                    {"name": name, "dtype": str(value[name].dtype), "nulls": bool(nulls[name])}
                    for name in names
                ]
            }
        if _package(value) == "pandas" and type(value).__name__ == "Series":
            return {"nulls": bool(value.isna().any())}
        kind = getattr(getattr(value, "dtype", None), "kind", "")
        if _package(value) == "numpy" and kind in ("b", "i", "u", "f", "c"):
            import numpy

            return {"nulls": bool(kind in ("f", "c") and numpy.isnan(value).any())}
    except Exception:  # noqa: BLE001 - a profile is optional; the capture itself goes on
        return {}
    return {}


def _store(value: object, path: str) -> str | None:
    """Pickles `value` to `path`; returns why it could not, if it could not."""
    try:
        with open(path, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001 - any failure means "cannot be stored"
        if os.path.exists(path):
            os.remove(path)
        return f"it cannot be pickled ({type(error).__name__}: {error})"
    return None


def function_stand_in(value: types.FunctionType) -> tuple[str, str, str]:
    """What is compared of a function: its name and signature, not its behaviour.

    A function the notebook defines at top level is a local function inside a step of
    the pipeline: pickle cannot store the latter, and their bytecode differs (globals
    against closure variables) although the source is the same. What the function
    computes is checked through the step outputs that use it.
    """
    try:
        signature = str(inspect.signature(value))
    except (TypeError, ValueError):
        signature = "(?)"
    return ("function", value.__name__, signature)


def capture(value: Any, path: str) -> JsonObject:
    captured = describe(value)
    reason = display_reason(value)
    if reason is not None:
        captured["problem"] = {"kind": "display", "reason": reason}
        return captured
    stored = function_stand_in(value) if isinstance(value, types.FunctionType) else value
    reason = _store(stored, path)
    if reason is not None:
        captured["problem"] = {"kind": "unpicklable", "reason": reason}
    else:
        captured["file"] = path
    return captured


def missing(reason: str) -> JsonObject:
    return {"problem": {"kind": "missing", "reason": reason}}
