"""Runs a generated pipeline exactly as `python -m PACKAGE` does (through runpy), with
timers around the pipeline's own work, and writes what they measured as JSON.

usage: python overhead_driver.py PACKAGE MANIFEST_JSON RESULT_JSON

Nothing of the generated code is edited: functions are wrapped in memory right after
their module is imported, so the flow runs the same code in the same order.

Three wall-clock instants (time.time(), comparable with the caller's clock) place the
phases: `startedAt` (the interpreter has started), `mainReturnedAt` (the flow is done
and `__main__` returned) and `exitHandlersDoneAt` (threads joined and every exit handler
run, Prefect's included: its temporary server stops there). The result is written then,
so only the interpreter's final teardown comes after it.
"""

from __future__ import annotations

import atexit
import functools
import importlib.abc
import json
import runpy
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

STARTED_AT = time.time()

# Timed methods of the generated RunRecorder: every event the flow writes goes through one.
LINEAGE_METHODS = ("start", "step_started", "step_finished", "artifact", "metric", "metrics", "finish")


class Timers:
    """Seconds and calls per category. Exclusive timers count only the outermost timed
    call of a thread (RunRecorder.metrics calls metric, step() calls step_started), so
    categories never overlap; inclusive ones ("of which" figures) always count."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._inside = threading.local()

    def add(self, category: str, seconds: float) -> None:
        self.seconds[category] = self.seconds.get(category, 0.0) + seconds
        self.calls[category] = self.calls.get(category, 0) + 1

    def wrap(self, category: str, function: Callable[..., Any], *, exclusive: bool = True) -> Callable[..., Any]:
        @functools.wraps(function)  # keeps __module__: source_digest() still finds the step's module
        def timed(*args: Any, **kwargs: Any) -> Any:
            if exclusive and getattr(self._inside, "busy", False):
                return function(*args, **kwargs)
            if exclusive:
                self._inside.busy = True
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(category, time.perf_counter() - started)
                if exclusive:
                    self._inside.busy = False

        return timed


TIMERS = Timers()
NOTES: list[str] = []


class ImportWatcher(importlib.abc.MetaPathFinder):
    """Times the first import of the watched modules and calls a patch on each once it
    has executed, before the code that imported it goes on."""

    def __init__(self, watched: dict[str, Callable[[ModuleType], None]]) -> None:
        self.watched = watched

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        patch = self.watched.pop(fullname, None)
        if patch is None:
            return None
        spec = _find_with_others(self, fullname, path, target)
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):
            NOTES.append(f"{fullname}: no loader to time")
            return spec
        original = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            started = time.perf_counter()
            original(module)
            TIMERS.add(f"import {fullname}", time.perf_counter() - started)
            patch(module)

        loader.exec_module = exec_module
        return spec


def _find_with_others(watcher: object, fullname: str, path: Sequence[str] | None, target: ModuleType | None) -> Any:
    """The spec the import system would have found without the watcher."""
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = None if finder is watcher or find_spec is None else find_spec(fullname, path, target)
        if spec is not None:
            return spec
    return None


def _replace(owner: object, name: str, category: str, *, exclusive: bool = True) -> None:
    original = getattr(owner, name, None)
    if original is None:
        NOTES.append(f"{getattr(owner, '__name__', owner)}.{name} not found: not timed")
        return
    setattr(owner, name, TIMERS.wrap(category, original, exclusive=exclusive))


def _patch_flow(flow: ModuleType, steps: list[dict[str, Any]]) -> None:
    for step in steps:
        step_module = sys.modules.get(step["module"])
        function = getattr(step_module, step["function"], None)
        if function is None or getattr(flow, step["function"], None) is not function:
            NOTES.append(f"step {step['name']}: not called by its name in flow.py, its time counts as Prefect's")
            continue
        _replace(flow, step["function"], "steps")
    _replace(flow, "save_artifact", "artifact save")
    _replace(flow, "load_artifact", "artifact load")
    _replace(flow, "source_digest", "cache-key digest")
    if hasattr(flow, "_monitor"):
        # Data monitoring: loading each monitored output again, profiling it, comparing it.
        _replace(flow, "_monitor", "of which monitoring", exclusive=False)


def _patch_runtime(package: str) -> None:
    """Hashing inside artifacts.py and lineage.py, counted again as "of which" figures."""
    _replace(sys.modules[f"{package}.artifacts"], "file_sha256", "of which artifact hashing", exclusive=False)
    lineage = sys.modules[f"{package}.lineage"]
    _replace(lineage, "file_digest", "of which lineage hashing", exclusive=False)
    _replace(lineage, "git_state", "of which lineage git", exclusive=False)
    _replace(lineage, "package_versions", "of which lineage package versions", exclusive=False)
    for method in LINEAGE_METHODS:
        _replace(lineage.RunRecorder, method, "lineage")
    _patch_tracking(sys.modules.get(f"{package}.tracking"))


def _patch_tracking(tracking: ModuleType | None) -> None:
    """MLflow tracking (tracking.py): the time the run's own threads spend in it (MLflow
    works on a thread of its own): starting the connection, attaching, handing each event
    over (called from inside the recorder's methods, so inclusive) and waiting at the end,
    and handing the model over and waiting for its registration."""
    if tracking is None:
        return
    tracker = tracking.Tracker
    attach = tracker.__dict__["attach"].__func__
    tracker.attach = classmethod(TIMERS.wrap("of which tracking", attach, exclusive=False))
    _replace(tracking, "connect_in_background", "of which tracking", exclusive=False)
    for method in ("on_event", "log_model", "register_model"):
        _replace(tracker, method, "of which tracking", exclusive=False)


def _patch_generated(package: str, steps: list[dict[str, Any]], flow: ModuleType) -> None:
    _patch_flow(flow, steps)
    _patch_runtime(package)


def _patch_prefect_server(server: ModuleType) -> None:
    """Prefect starts a temporary API server when no PREFECT_API_URL is set. Its start()
    is called again by every client and returns at once then: only the call that starts
    the server is timed."""
    asgi_server = getattr(server, "SubprocessASGIServer", None)
    if asgi_server is None:
        NOTES.append("prefect's SubprocessASGIServer not found: temporary server not timed")
        return
    start = asgi_server.start

    @functools.wraps(start)
    def timed_start(self: Any, *args: Any, **kwargs: Any) -> None:
        if getattr(self, "running", False):
            return start(self, *args, **kwargs)  # type: ignore[no-any-return]
        started = time.perf_counter()
        try:
            return start(self, *args, **kwargs)  # type: ignore[no-any-return]
        finally:
            TIMERS.add("prefect temporary server start", time.perf_counter() - started)

    asgi_server.start = timed_start
    _replace(asgi_server, "stop", "prefect temporary server stop", exclusive=False)


def main(argv: list[str]) -> int:
    package, manifest_path, result_path = argv[1:4]
    with open(manifest_path, encoding="utf-8") as handle:
        steps = json.load(handle)["steps"]
    exit_code: list[object] = [None]
    main_returned_at: list[float] = [0.0]

    def write_result() -> None:
        result = {
            "startedAt": STARTED_AT,
            "mainReturnedAt": main_returned_at[0],
            "exitHandlersDoneAt": time.time(),
            "exitCode": exit_code[0],
            "seconds": TIMERS.seconds,
            "calls": TIMERS.calls,
            "notes": NOTES,
        }
        with open(result_path, "w", encoding="utf-8") as handle:
            json.dump(result, handle)

    atexit.register(write_result)  # registered first, so it runs after every other exit handler
    watched: dict[str, Callable[[ModuleType], None]] = {
        "prefect": lambda _module: None,
        f"{package}.flow": functools.partial(_patch_generated, package, steps),
        "prefect.server.api.server": _patch_prefect_server,
    }
    sys.meta_path.insert(0, ImportWatcher(watched))
    sys.argv = [f"python -m {package}"]
    try:
        runpy.run_module(package, run_name="__main__", alter_sys=True)
        exit_code[0] = 0
    except SystemExit as stop:
        exit_code[0] = stop.code if stop.code is not None else 0
    main_returned_at[0] = time.time()
    return exit_code[0] if isinstance(exit_code[0], int) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
