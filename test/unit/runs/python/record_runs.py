"""Records three runs with lineage.py, for lineagePython.test.ts.

Usage: record_runs.py <folder holding lineage.py> <runs dir> <git repo> <data dir>
  run-ok      every kind of event, in a clean git repository
  run-in-repo-1, -2  recorded inside the repository: still clean for the second
  run-dirty   the same repository with an untracked file: git dirty is true
  run-failed  outside any repository (git is null); its only step raises
Prints a JSON object: the warnings logged by nb2prod.lineage.
"""

import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import lineage


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def record_ok(runs: Path, repo: Path, data: Path) -> None:
    recorder = lineage.RunRecorder(
        "iris_flow", "notebooks/iris.ipynb", root=runs, run_id="run-ok"
    )
    params = {
        "alpha": 0.5,
        "layers": (1, 2),
        "out": Path("/tmp/out"),
        "nan": float("nan"),
        "db_password": "hunter2-in-params",
        "api_key2": "also-secret",
        "tokenizer": "bert",
    }
    with recorder:
        recorder.start(
            params,
            packages=["jsonschema", "no-such-distribution-nb2prod"],
            inputs=[data / "iris.csv"],
            repo_dir=repo,
        )
        with recorder.step("load"):
            pass
        try:
            with recorder.step("train", attempt=1):
                raise RuntimeError("flaky worker")
        except RuntimeError:
            pass
        with recorder.step("train", attempt=2):
            recorder.artifact("train", "model", data / "model.joblib", "model")
        recorder.step_started("features")
        recorder.step_finished("features", "cached", 0.0, cache_hit=True)
        values = {
            "accuracy": 0.93,
            "n_test": 30,
            "nan": float("nan"),
            "flag": True,
            "label": "x",
        }
        recorder.data_check(
            "features",
            [{"value": "X", "check": "schema", "passed": True}],
        )
        recorder.metrics("evaluate", values)
        recorder.gate(
            "evaluate",
            [{"metric": "accuracy", "value": 0.93, "min": 0.9, "passed": True}],
        )
        recorder.drift("load", "df", None, [])
        recorder.drift(
            "load",
            "X",
            "run-before",
            [
                {"column": "x", "status": "drift", "psi": 0.4, "ks": 0.3, "pValue": 1e-5},
                {"column": "kind", "status": "warning", "missingCategories": ["a"]},
            ],
        )


def record_inside(repo: Path) -> None:
    for run_id in ("run-in-repo-1", "run-in-repo-2"):
        root = repo / ".nb2prod" / "runs"
        with lineage.RunRecorder("flow", "nb.ipynb", root=root, run_id=run_id) as rec:
            rec.start({}, repo_dir=repo)


def record_dirty(runs: Path, repo: Path) -> None:
    (repo / "untracked.txt").write_text("changes the work tree\n")
    with lineage.RunRecorder(
        "iris_flow", "nb.ipynb", root=runs, run_id="run-dirty"
    ) as recorder:
        recorder.start({}, repo_dir=repo)


def record_failed(runs: Path, outside: Path) -> None:
    recorder = lineage.RunRecorder(
        "iris_flow", "nb.ipynb", root=runs, run_id="run-failed"
    )
    try:
        with recorder:
            recorder.start({}, repo_dir=outside)
            with recorder.step("load"):
                raise FileNotFoundError("iris.csv")
    except FileNotFoundError:
        pass


def main() -> None:
    runs, repo, data = Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    collect = Collect()
    logger = logging.getLogger("nb2prod.lineage")
    logger.addHandler(collect)
    logger.setLevel(logging.DEBUG)
    record_ok(runs, repo, data)
    record_inside(repo)
    record_dirty(runs, repo)
    record_failed(runs, data)
    warnings = [r.getMessage() for r in collect.records if r.levelno == logging.WARNING]
    structured = all(
        isinstance(getattr(r, "nb2prod", None), dict) for r in collect.records
    )
    print(
        json.dumps(
            {
                "warnings": warnings,
                "records": len(collect.records),
                "structured": structured,
            }
        )
    )


main()
