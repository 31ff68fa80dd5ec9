"""The result of comparing two values: equal, different, not comparable, or not compared
on purpose (drawing objects: figures, axes), with where (a path such as `.coef_[2]`)
and what."""

from __future__ import annotations

from typing import NamedTuple

EQUAL_STATUS = "equal"
DIFFERENT_STATUS = "different"
NOT_COMPARABLE_STATUS = "not-comparable"
NOT_COMPARED_STATUS = "not-compared"


class Outcome(NamedTuple):
    status: str
    message: str = ""
    path: str = ""

    def within(self, segment: str) -> Outcome:
        """The same outcome seen from the container that holds the value at `segment`."""
        return self._replace(path=segment + self.path)

    def detail(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


EQUAL = Outcome(EQUAL_STATUS)


def different(message: str) -> Outcome:
    return Outcome(DIFFERENT_STATUS, message)


def not_comparable(message: str) -> Outcome:
    return Outcome(NOT_COMPARABLE_STATUS, message)


def not_compared(message: str) -> Outcome:
    return Outcome(NOT_COMPARED_STATUS, message)


def short(value: object, limit: int = 60) -> str:
    """A value as it reads in a diff summary: floats to 10 significant digits, the rest by repr, cut at `limit`."""
    text = f"{value:.10g}" if isinstance(value, float) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
