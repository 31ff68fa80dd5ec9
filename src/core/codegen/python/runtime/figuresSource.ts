// src/<pkg>/figures.py, written when a step keeps the figures its cells draw. Fixed text.
export const FIGURES_PY = `"""Figures a step drew, taken as a notebook's inline backend takes them.

In a notebook each cell's figures are shown, then closed, when the cell ends. A step runs
several cells in one function, so it takes a cell's figures where the cell's code ends:
the flow keeps them as PNG artifacts, and the next cell draws on a new figure, as it did
in the notebook.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def take_figures() -> list[Figure]:
    """The open pyplot figures, oldest first; pyplot forgets them (closes them all)."""
    pyplot: Any = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return []
    figures = [pyplot.figure(number) for number in pyplot.get_fignums()]
    pyplot.close("all")
    return figures
`;
