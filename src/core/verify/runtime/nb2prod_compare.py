"""Phase 3: load the values both runs captured and compare them, output by output."""

from __future__ import annotations

import os
import sys
from typing import Any

from nb2prod_equality import Comparer
from nb2prod_outcome import DIFFERENT_STATUS, NOT_COMPARABLE_STATUS, NOT_COMPARED_STATUS, Outcome
from nb2prod_protocol import JsonObject, read_json
from nb2prod_unpickle import load

SIDES = ("notebook", "pipeline")


def _problem(notebook: JsonObject, pipeline: JsonObject) -> Outcome | None:
    """A value that is missing makes the output different; one that could not be
    stored makes it not comparable; a drawing object (a figure, axes) is not compared."""
    problems = [(side, captured["problem"]) for side, captured in zip(SIDES, (notebook, pipeline)) if "problem" in captured]
    for side, problem in problems:
        if problem["kind"] == "missing":
            return Outcome(DIFFERENT_STATUS, problem["reason"])
    for side, problem in problems:
        if problem["kind"] == "display":
            return Outcome(NOT_COMPARED_STATUS, problem["reason"])
        return Outcome(NOT_COMPARABLE_STATUS, f"the {side}'s value: " + problem["reason"])
    return None


def _load_both(notebook: JsonObject, pipeline: JsonObject) -> tuple[tuple[Any, Any] | None, str]:
    values = []
    for side, captured in zip(SIDES, (notebook, pipeline)):
        try:
            values.append(load(captured["file"]))
        except Exception as error:  # noqa: BLE001 - any failure to load means "not comparable"
            return None, f"the {side}'s value cannot be loaded back ({type(error).__name__}: {error})"
    return (values[0], values[1]), ""


def compare_output(name: str, notebook: JsonObject, pipeline: JsonObject, comparer: Comparer) -> JsonObject:
    outcome = _problem(notebook, pipeline)
    if outcome is None:
        loaded, reason = _load_both(notebook, pipeline)
        outcome = comparer.compare(*loaded) if loaded is not None else Outcome(NOT_COMPARABLE_STATUS, reason)
    # A path inside the value reads best after the output's name: `model.coef_: ...`.
    detail = f"{name}{outcome.path}: {outcome.message}" if outcome.path else outcome.message
    return {"status": outcome.status, "detail": detail}


def run_compare(config: JsonObject) -> JsonObject:
    sys.path[:0] = [config["project"]["srcDir"], os.getcwd()]
    runs = {side: read_json(os.path.join(config["scratchDir"], f"{side}.json")) for side in SIDES}
    tolerance = (float(config["tolerance"]["rtol"]), float(config["tolerance"]["atol"]))
    steps: dict[str, JsonObject] = {}
    for step in config["steps"]:
        notebook, pipeline = (runs[side]["captures"].get(step["name"]) for side in SIDES)
        if notebook is None or pipeline is None:
            continue
        steps[step["name"]] = {
            name: compare_output(name, notebook[name], pipeline[name], Comparer(tolerance)) for name in step["compared"]
        }
    return {"phase": "compare", "steps": steps}
