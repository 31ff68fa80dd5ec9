"""What the harness phases share: the input file, result files and error descriptions.

The harness runs in the user's interpreter, so it uses the standard library only and
keeps to Python 3.8 syntax at run time.
"""

from __future__ import annotations

import json
import linecache
import os
import traceback
from types import TracebackType
from typing import Any

JsonObject = dict[str, Any]

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))
TRACEBACK_CHARS = 4000


class ContractError(Exception):
    """The generated project does not follow the contract verify relies on."""


def read_json(path: str) -> JsonObject:
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise TypeError(f"{path} does not hold a JSON object")
    return data


def write_json(path: str, data: JsonObject) -> None:
    """Write, then rename: a killed process leaves no half-written result behind."""
    temporary = f"{path}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, allow_nan=False, default=str)
    os.replace(temporary, path)


def write_result(scratch_dir: str, phase: str, result: JsonObject) -> None:
    """The phase's result; written with status "running" after each capture too, so
    that a run stopped at the timeout still tells which steps it captured."""
    write_json(os.path.join(scratch_dir, f"{phase}.json"), result)


def write_progress(scratch_dir: str, phase: str, where: JsonObject) -> None:
    """Where the phase is now, so that a timeout can say which cell or step was running."""
    write_json(os.path.join(scratch_dir, f"{phase}.progress.json"), where)


def _user_frames(tb: TracebackType | None) -> TracebackType | None:
    """Skip the harness's own frames: the user wants to see their code, not ours."""
    while tb is not None and os.path.dirname(os.path.abspath(tb.tb_frame.f_code.co_filename)) == HARNESS_DIR:
        tb = tb.tb_next
    return tb


def _innermost_line(tb: TracebackType | None, filename: str) -> int | None:
    line: int | None = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _error_line(error: BaseException, filename: str) -> int | None:
    if isinstance(error, SyntaxError) and error.filename == filename:
        return error.lineno
    return _innermost_line(error.__traceback__, filename)


def describe_error(error: BaseException, filename: str) -> JsonObject:
    """Type, message, last traceback line, and the line of `filename` (a cell or a step module) it came from."""
    tb = _user_frames(error.__traceback__)
    lines: list[str] = traceback.format_exception(type(error), error, tb)
    described: JsonObject = {
        "type": type(error).__name__,
        "message": str(error),
        "lastLine": traceback.format_exception_only(type(error), error)[-1].strip(),
        "traceback": "".join(lines)[-TRACEBACK_CHARS:],
    }
    line = _error_line(error, filename)
    if line is not None:
        described["line"] = line
        code = linecache.getline(filename, line).strip()
        if code:
            described["code"] = code
    return described
