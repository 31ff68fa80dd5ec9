"""The same global random state at the start of every step, in the notebook run and in
the pipeline run.

A notebook that draws random numbers without a seed (KMeans without random_state, a
shuffle, train_test_split without random_state) gives different values on every run, so
nothing could be compared. Both runs start from seed 0 instead, and are seeded again
before each step (in the notebook: before the step's first cell), so that a cell left
out of the pipeline that draws random numbers does not shift a later step's draws. The
report says so.
"""

from __future__ import annotations

import importlib.util
import random

RUN_SEED = 0


def seed_global_random_state() -> None:
    random.seed(RUN_SEED)
    if importlib.util.find_spec("numpy") is not None:
        import numpy

        numpy.random.seed(RUN_SEED)
