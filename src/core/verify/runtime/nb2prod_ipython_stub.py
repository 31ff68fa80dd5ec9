"""What a notebook may use from IPython outside a kernel: `display`, `get_ipython()` and
the display classes (`from IPython.display import IFrame`). Notebooks call them for
their side effect on the screen only, so here they print or do nothing.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from typing import Any


def display(*objects: object, **_options: object) -> None:
    for shown in objects:
        print(repr(shown))


class DisplayObject:
    """Stands in for IPython's rich display classes (HTML, IFrame, Image, ...)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.args: tuple[object, ...] = args
        self.kwargs: dict[str, object] = kwargs

    def __repr__(self) -> str:
        return f"<{type(self).__name__} (display only)>"


class Shell:
    """`get_ipython()`: magics run through it are IPython-only, so they do nothing here."""

    def run_line_magic(self, *_args: object, **_kwargs: object) -> None:
        return None

    def run_cell_magic(self, *_args: object, **_kwargs: object) -> None:
        return None

    def system(self, *_args: object, **_kwargs: object) -> None:
        return None

    def magic(self, *_args: object, **_kwargs: object) -> None:
        return None


_SHELL = Shell()
_CLASSES: dict[str, type] = {}


def get_ipython() -> Shell:
    return _SHELL


def _ignore(*_args: object, **_kwargs: object) -> None:
    return None


def _display_attribute(name: str) -> Any:
    """Any name of the fake IPython module: display classes are capitalised, the rest
    (clear_output, set_matplotlib_formats, ...) are functions that do nothing."""
    if name.startswith("__"):
        raise AttributeError(name)
    if name == "display":
        return display
    if not name[:1].isupper():
        return _ignore
    if name not in _CLASSES:
        _CLASSES[name] = type(name, (DisplayObject,), {"__module__": "IPython.display"})
    return _CLASSES[name]


def _no_shell() -> None:
    """IPython's own get_ipython() outside a kernel: libraries that look for a shell
    (matplotlib, tqdm) then behave as in a plain Python process."""


def _stub_module(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__["get_ipython"] = _no_shell
    if name.endswith("display"):
        module.__dict__["__getattr__"] = _display_attribute
    return module


def install(namespace: dict[str, Any]) -> None:
    """Give the notebook's namespace `display` and `get_ipython`, as a kernel does, and
    fake the IPython package only when it is not installed."""
    namespace.update(display=display, get_ipython=get_ipython)
    if importlib.util.find_spec("IPython") is not None:
        return
    for name in ("IPython", "IPython.display", "IPython.core", "IPython.core.display"):
        sys.modules[name] = _stub_module(name)
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, sys.modules[name])
