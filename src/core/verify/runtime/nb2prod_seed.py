"""The same global random state at the start of the notebook run and the pipeline run.

A notebook that draws random numbers without a seed (KMeans without random_state, a
shuffle, train_test_split without random_state) gives different values on every run, so
nothing could be compared. Both runs start from seed 0 instead; the report says so.
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
