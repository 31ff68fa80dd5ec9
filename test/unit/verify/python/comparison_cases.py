"""Runs the verify harness's comparison rules on a table of value pairs and prints each
outcome as JSON: {case: {"status": ..., "detail": ...}}. Called by
test/unit/verify/comparisonRules.test.ts with the harness folder as argv[1] and a
temporary folder as argv[2]."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

sys.path.insert(0, sys.argv[1])

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from nb2prod_capture import capture
from nb2prod_compare import compare_output
from nb2prod_equality import Comparer
from nb2prod_unpickle import load
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

TOLERANCE = (1e-6, 1e-9)
SCRATCH = sys.argv[2]


def grid(change: float = 0.0) -> Any:
    values = np.arange(12.0).reshape(3, 4)
    values[1, 2] += change
    return values


def frame(change: float = 0.0) -> Any:
    return pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [4.0, 5.0, 6.0 + change]}, index=["x", "y", "z"])


def fitted(model: Any, scale: float = 1.0) -> Any:
    features = np.random.RandomState(0).rand(20, 3)
    return model.fit(features, features @ np.array([1.0, 2.0, 3.0]) * scale)


def searched(alphas: list[float]) -> Any:
    """A grid search: its cv_results_ hold fit and score times, different on every run."""
    return fitted(GridSearchCV(Ridge(), {"alpha": alphas}, cv=3))


def neighbours(queries: int, scale: float = 1.0) -> Any:
    """A KD-tree classifier: its tree counts the queries made, which says nothing of the fit."""
    features = np.random.RandomState(0).rand(30, 2) * scale
    model = KNeighborsClassifier(algorithm="kd_tree").fit(features, np.arange(30) % 2)
    for _ in range(queries):
        model.predict(features[:3])
    return model


def with_nan() -> Any:
    values = grid()
    values[0, 1] = np.nan
    return values


figure, axes = plt.subplots(2)

def make_data(n: int, noise: float = 0.1) -> Any:
    """As the notebook defines it: at top level."""
    return np.linspace(0, 1, n) + noise


def local_make_data(signature_changed: bool = False) -> Any:
    """As a generated step defines it: a local function (which pickle cannot store)."""
    if signature_changed:

        def make_data(n: int) -> Any:
            return np.linspace(0, 1, n)

        return make_data

    def make_data(n: int, noise: float = 0.1) -> Any:  # noqa: F811 - same name on purpose
        return np.linspace(0, 1, n) + noise

    return make_data


PAIRS: dict[str, tuple[Any, Any]] = {
    "function vs same local function": (make_data, local_make_data()),
    "function vs local function with another signature": (make_data, local_make_data(signature_changed=True)),
    "float within tolerance": (1.0, 1.0 + 1e-12),
    "float vs numpy float": (2.0, np.float64(2.0)),
    "nan vs nan": (float("nan"), np.nan),
    "inf vs inf": (float("inf"), np.inf),
    "inf vs -inf": (float("inf"), -np.inf),
    "float beyond tolerance": (1.0, 1.001),
    "array equal within tolerance": (grid(), grid(1e-10)),
    "array value differs": (grid(), grid(0.3)),
    "array nan mismatch": (grid(), with_nan()),
    "array shape differs": (grid(), grid()[:2]),
    "array dtype kind differs": (grid(), grid().astype(int)),
    "array float32 vs float64": (grid(), grid().astype(np.float32)),
    "array of strings differs": (np.array(["a", "b"]), np.array(["a", "c"])),
    "frame equal": (frame(), frame()),
    "frame value differs": (frame(), frame(1.0)),
    "frame columns differ": (frame(), frame()[["a"]]),
    "frame dtype differs": (frame(), frame().astype({"a": int})),
    "series value differs": (frame()["b"], frame(1.0)["b"]),
    "estimator equal": (fitted(LinearRegression()), fitted(LinearRegression())),
    "estimator fitted differently": (fitted(LinearRegression()), fitted(LinearRegression(), 1.01)),
    "estimator params differ": (fitted(Ridge(alpha=1.0)), fitted(Ridge(alpha=2.0))),
    "grid search equal but for its timings": (searched([0.1, 1.0]), searched([0.1, 1.0])),
    "grid search over other values": (searched([0.1, 1.0]), searched([0.1, 2.0])),
    "kd-tree queried more often": (neighbours(queries=3), neighbours(queries=0)),
    "kd-tree over other data": (neighbours(queries=0), neighbours(queries=0, scale=2.0)),
    "sklearn pipeline equal": (fitted(make_pipeline(StandardScaler(), Ridge())), fitted(make_pipeline(StandardScaler(), Ridge()))),
    "nested containers differ": ({"a": [1, 2, {"x": np.ones(3)}]}, {"a": [1, 2, {"x": np.zeros(3)}]}),
    "dict keys differ": ({"a": 1}, {"a": 1, "b": 2}),
    "list vs tuple": ([1, 2], (1, 2)),
    "sets differ": ({1, 2}, {2, 3}),
    "random states equal": (np.random.RandomState(0), np.random.RandomState(0)),
    "figure": (figure, figure),
    "array of axes": (axes, axes),
}


def outcome(case: str, notebook: Any, pipeline: Any) -> dict[str, str]:
    """Through capture (pickle) and load, as the real phases do."""
    folder = os.path.join(SCRATCH, case.replace(" ", "-"))
    os.makedirs(folder, exist_ok=True)
    captured = [capture(value, os.path.join(folder, f"{side}.pickle")) for side, value in (("n", notebook), ("p", pipeline))]
    result: dict[str, str] = compare_output("value", captured[0], captured[1], Comparer(TOLERANCE))
    return result


def notebook_class_pickle() -> str:
    """A pickle of an object whose class the notebook defined in __main__."""
    path = os.path.join(SCRATCH, "main_class.pickle")
    code = (
        "import pickle, sys\n"
        "class Scaler:\n"
        "    def __init__(self, factor): self.factor = factor\n"
        f"pickle.dump(Scaler(2.0), open({path!r}, 'wb'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    return path


class Scaler:
    """The same class, as the generator moves it to <pkg>.common."""

    def __init__(self, factor: float) -> None:
        self.factor = factor


def main() -> None:
    results = {case: outcome(case, *pair) for case, pair in PAIRS.items()}
    results["generator"] = outcome("generator", (i for i in range(3)), (i for i in range(3)))
    results["missing in notebook"] = compare_output(
        "value", {"problem": {"kind": "missing", "reason": "the notebook has no variable 'value' after cell 3"}}, {}, Comparer(TOLERANCE)
    )
    stand_in = load(notebook_class_pickle())
    for name, factor in (("notebook class equal", 2.0), ("notebook class differs", 3.0)):
        found = Comparer(TOLERANCE).compare(stand_in, Scaler(factor))
        results[name] = {"status": found.status, "detail": found.detail(), "type": type(stand_in).__qualname__}
    print(json.dumps(results))


main()
