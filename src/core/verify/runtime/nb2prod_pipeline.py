"""Phase 2: run the generated package's step functions in manifest order, each called
with its inputs by keyword, and snapshot every output the same way as the notebook's."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import time
from typing import Any, Callable

from nb2prod_capture import capture, type_name, written_file
from nb2prod_protocol import ContractError, JsonObject, describe_error, write_progress, write_result
from nb2prod_seed import seed_global_random_state


class Params:
    """params.yaml, read when a step first needs a param."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._values: dict[str, Any] | None = None

    def get(self, name: str) -> Any:
        values = self._load()
        if name not in values:
            raise ContractError(f"param '{name}' is not in {self._path}")
        return values[name]

    def _load(self) -> dict[str, Any]:
        if self._values is None:
            self._values = _read_params(self._path)
        return self._values


def _read_params(path: str) -> dict[str, Any]:
    if not os.path.exists(path):
        raise ContractError(f"{path} does not exist; generate the project again")
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:
        raise ContractError("reading params.yaml needs PyYAML: pip install pyyaml") from None
    with open(path, encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ContractError(f"{path} must hold a mapping of param names to values")
    return loaded


def _step_function(step: JsonObject) -> Callable[..., Any]:
    module = importlib.import_module(step["module"])
    function: Callable[..., Any] | None = getattr(module, step["function"], None)
    if function is None or not callable(function):
        raise ContractError(f"{step['module']} has no function {step['function']}")
    return function


def _inputs(step: JsonObject, values: dict[str, dict[str, Any]], params: Params) -> dict[str, Any]:
    """Keyword arguments: outputs of earlier steps (passed in memory, as between tasks
    of one flow run) and params by name."""
    kwargs: dict[str, Any] = {}
    for wanted in step["inputs"]:
        if "param" in wanted:
            kwargs[wanted["name"]] = params.get(wanted["param"])
        elif wanted["name"] in values.get(wanted["fromStep"], {}):
            kwargs[wanted["name"]] = values[wanted["fromStep"]][wanted["name"]]
        else:
            raise ContractError(f"input '{wanted['name']}' is not an output of step '{wanted['fromStep']}'")
    return kwargs


def _outputs(step: JsonObject, returned: Any) -> dict[str, Any]:
    """The outputs verify compares (figures are not), after checking the step returned
    exactly the fields the manifest says."""
    expected: list[str] = step["outputs"]
    fields = getattr(returned, "_fields", None)
    if not isinstance(returned, tuple) or fields is None:
        raise ContractError(f"{step['function']} returned {type_name(returned)}, not a NamedTuple of {expected}")
    if list(fields) != expected:
        raise ContractError(f"{step['function']} returned the fields {list(fields)}, expected {expected}")
    values = dict(zip(expected, returned))
    return {name: values[name] for name in step["compared"]}


def _source_file(step: JsonObject) -> str:
    """The step module's file, so an error can name its line; "" when it cannot be found."""
    try:
        spec = importlib.util.find_spec(step["module"])
    except Exception:  # noqa: BLE001 - a broken package is reported by the step's own error
        return ""
    return spec.origin if spec is not None and spec.origin else ""


def _run_step(step: JsonObject, values: dict[str, dict[str, Any]], params: Params) -> dict[str, Any]:
    function = _step_function(step)
    return _outputs(step, function(**_inputs(step, values, params)))


def _capture_step(step: JsonObject, outputs: dict[str, Any], scratch_dir: str) -> JsonObject:
    folder = os.path.join(scratch_dir, "captures", "pipeline", step["name"])
    os.makedirs(folder, exist_ok=True)
    files = set(step.get("files", []))
    return {
        name: capture(written_file(value) if name in files else value, os.path.join(folder, f"{index}.pickle"))
        for index, (name, value) in enumerate(outputs.items())
    }


def run_pipeline(config: JsonObject) -> JsonObject:
    sys.path[:0] = [config["project"]["srcDir"], os.getcwd()]
    params = Params(config["project"]["paramsFile"])
    values: dict[str, dict[str, Any]] = {}
    captures: dict[str, JsonObject] = {}
    started = time.perf_counter()
    result: JsonObject = {"phase": "pipeline", "status": "ok", "captures": captures, "notes": []}
    for step in config["steps"]:
        write_progress(config["scratchDir"], "pipeline", {"step": step["name"]})
        seed_global_random_state()
        try:
            values[step["name"]] = _run_step(step, values, params)
        except (Exception, SystemExit) as error:  # noqa: BLE001 - any error of a step is reported, not raised
            result.update(status="failed", failure={"step": step["name"], "error": describe_error(error, _source_file(step))})
            break
        captures[step["name"]] = _capture_step(step, values[step["name"]], config["scratchDir"])
        write_result(config["scratchDir"], "pipeline", {**result, "status": "running", "seconds": time.perf_counter() - started})
    result["seconds"] = time.perf_counter() - started
    return result
