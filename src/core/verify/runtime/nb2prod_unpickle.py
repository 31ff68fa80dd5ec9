"""Loads captured values back. A class or function the notebook defined lives in the
notebook's __main__, which the compare process does not have: it is replaced by a
stand-in that keeps the object's name and state, so the state can still be compared."""

from __future__ import annotations

import pickle
from typing import Any

# scikit-learn's __getstate__ adds this and its __setstate__ removes it again; a
# stand-in has no such __setstate__, so it drops it itself.
_DROPPED_STATE = ("_sklearn_version",)


class StandIn:
    """An object whose class could not be imported."""

    def __init__(self, *args: Any, **_kwargs: Any) -> None:
        # Called only when the pickle calls the missing class (or function) to make the
        # object; pickle's usual path (__new__, then __setstate__) skips it.
        if args:
            self.__dict__["args"] = args

    def __setstate__(self, state: Any) -> None:
        if isinstance(state, tuple) and len(state) == 2:
            for part in state:
                if isinstance(part, dict):
                    self.__dict__.update(part)
        elif isinstance(state, dict):
            self.__dict__.update(state)
        else:
            self.__dict__["state"] = state
        for name in _DROPPED_STATE:
            self.__dict__.pop(name, None)


_STAND_INS: dict[tuple[str, str], type] = {}


def stand_in(module: str, qualname: str) -> type:
    key = (module, qualname)
    if key not in _STAND_INS:
        name = qualname.rsplit(".", 1)[-1]
        _STAND_INS[key] = type(name, (StandIn,), {"__module__": module, "__qualname__": qualname})
    return _STAND_INS[key]


class LenientUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        try:
            return super().find_class(module, name)
        except (ImportError, AttributeError):
            return stand_in(module, name)


def load(path: str) -> Any:
    with open(path, "rb") as handle:
        return LenientUnpickler(handle).load()
