"""Entry point of nb2prod's verify harness: `python nb2prod_verify.py PHASE INPUT_JSON`.

PHASE is `notebook`, `pipeline` or `compare`. Each phase reads the same input file and
writes its result to `<scratchDir>/<phase>.json`; anything the user's code prints goes
to stdout and stderr, which nb2prod does not parse.
"""

from __future__ import annotations

import sys
from typing import Callable

from nb2prod_protocol import JsonObject, read_json, write_result
from nb2prod_seed import seed_global_random_state

sys.dont_write_bytecode = True  # never leave __pycache__ in the project or beside the notebook


def _phases() -> dict[str, Callable[[JsonObject], JsonObject]]:
    # Imported here so that a phase loads only what it needs.
    from nb2prod_compare import run_compare
    from nb2prod_notebook import run_notebook
    from nb2prod_pipeline import run_pipeline

    return {"notebook": run_notebook, "pipeline": run_pipeline, "compare": run_compare}


def main(argv: list[str]) -> int:
    phases = _phases()
    if len(argv) != 3 or argv[1] not in phases:
        print(f"usage: {argv[0]} {{{'|'.join(phases)}}} INPUT_JSON", file=sys.stderr)
        return 2
    config = read_json(argv[2])
    if argv[1] != "compare":
        seed_global_random_state()
    result = phases[argv[1]](config)
    write_result(config["scratchDir"], argv[1], result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
