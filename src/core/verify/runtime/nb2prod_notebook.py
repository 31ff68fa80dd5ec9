"""Phase 1: run the notebook's code cells in order, as a kernel would, and snapshot
each step's outputs right after the step's last cell."""

from __future__ import annotations

import ast
import linecache
import os
import sys
import time
import types
from typing import Any

import nb2prod_ipython_stub
from nb2prod_capture import capture, missing, written_file
from nb2prod_protocol import JsonObject, describe_error, write_progress, write_result
from nb2prod_seed import seed_global_random_state


def _fresh_main() -> types.ModuleType:
    """Cells run in a module registered as __main__, as in IPython, so that classes and
    functions they define can be pickled by reference."""
    main = types.ModuleType("__main__")
    sys.modules["__main__"] = main
    return main


def _cell_label(cell: JsonObject) -> str:
    label: str = cell.get("label") or f"cell {cell['number']}"
    return label


def _run_cell(cell: JsonObject, namespace: dict[str, Any], shown: dict[str, Any]) -> JsonObject | None:
    """Runs one cell (or part of a divided cell); returns the error description if it
    raised. A statement whose shown value the pipeline keeps is not run: its
    expression is evaluated instead and the value kept in ``shown``; a statement that
    writes a file the pipeline keeps runs, and the file's path is evaluated after it."""
    filename = f"<{_cell_label(cell)}>"
    source: str = cell["source"]
    # Registered so that tracebacks can quote the cell's lines.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        reports: dict[int, list[JsonObject]] = {}
        for report in cell.get("reports", []):
            reports.setdefault(report["line"], []).append(report)
        if not reports:
            exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - running the notebook is the point
            return None
        for statement in ast.parse(source, filename).body:
            kept = reports.get(statement.lineno)
            if kept is None or all(report.get("after") for report in kept):
                module = ast.Module(body=[statement], type_ignores=[])
                exec(compile(module, filename, "exec"), namespace)  # noqa: S102
            for report in kept or []:
                # Parenthesised: an expression written over several lines inside print(...).
                expression = compile(f"({report['expression']}\n)", filename, "eval")
                # The notebook's own expression, evaluated where the notebook showed it.
                shown[report["name"]] = eval(expression, namespace)
    except (Exception, SystemExit) as error:  # noqa: BLE001 - any error of a cell is reported, not raised
        return describe_error(error, filename)
    finally:
        _close_figures()
    return None


def _close_figures() -> None:
    """Jupyter's inline backend closes a cell's figures once shown; do the same, so the
    next cell draws on a new figure as it did in the notebook."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


def _capture_step(target: JsonObject, namespace: dict[str, Any], shown: dict[str, Any], cell: JsonObject, folder: str) -> JsonObject:
    os.makedirs(folder, exist_ok=True)
    captured: JsonObject = {}
    reports = set(target.get("reports", []))
    files = set(target.get("files", []))
    for index, name in enumerate(target["outputs"]):
        source = shown if name in reports else namespace
        if name in source:
            value = written_file(source[name]) if name in files else source[name]
            captured[name] = capture(value, os.path.join(folder, f"{index}.pickle"))
        elif name in reports:
            captured[name] = missing(f"the notebook did not show the value kept as '{name}' by {_cell_label(cell)}")
        else:
            captured[name] = missing(f"the notebook has no variable '{name}' after {_cell_label(cell)}")
    return captured


def run_notebook(config: JsonObject) -> JsonObject:
    sys.path.insert(0, os.getcwd())
    namespace = _fresh_main().__dict__
    nb2prod_ipython_stub.install(namespace)
    captures: dict[str, JsonObject] = {}
    shown: dict[str, Any] = {}
    notes: list[str] = []
    started = time.perf_counter()
    result: JsonObject = {"phase": "notebook", "status": "ok", "captures": captures, "notes": notes}
    for cell in config["cells"]:
        write_progress(config["scratchDir"], "notebook", {"cell": {"number": cell["number"], "id": cell["id"]}})
        error = None
        if cell.get("startsStep"):
            seed_global_random_state()
        if cell.get("skip"):
            notes.append(f"{_cell_label(cell)} was not run: {cell['skip']}")
        else:
            error = _run_cell(cell, namespace, shown)
        if error is not None:
            result.update(status="failed", failure={"cell": {"number": cell["number"], "id": cell["id"]}, "error": error})
            break
        for target in cell.get("captureAfter", []):
            folder = os.path.join(config["scratchDir"], "captures", "notebook", target["step"])
            captures[target["step"]] = _capture_step(target, namespace, shown, cell, folder)
            write_result(config["scratchDir"], "notebook", {**result, "status": "running", "seconds": time.perf_counter() - started})
    result["seconds"] = time.perf_counter() - started
    return result
