"""Records pipeline runs with lineage.py and tracking.py into a temporary MLflow store.

Usage: track_runs.py <folder holding package nbpkg> <project dir> <scenario>
Scenarios: "gated" (gates pass: champion), "ungated" (no gates: candidate only),
"off" (NB2PROD_TRACKING=off). Prints what MLflow holds afterwards, as JSON.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
project = Path(sys.argv[2]).resolve()
scenario = sys.argv[3]
query = not scenario.endswith("-no-query")
scenario = scenario.removesuffix("-no-query")
os.chdir(project)
if scenario == "off":
    os.environ["NB2PROD_TRACKING"] = "off"

messages: list[str] = []


class Collect(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        messages.append(record.getMessage())


logging.getLogger("nbpkg").addHandler(Collect())
logging.getLogger("nbpkg").setLevel(logging.INFO)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from nbpkg.lineage import RunRecorder  # noqa: E402
from nbpkg.tracking import Tracker  # noqa: E402
from sklearn.linear_model import Ridge  # noqa: E402

X = pd.DataFrame({"age": np.arange(40.0), "bmi": np.arange(40.0) % 7})
y = X["age"] * 2 + X["bmi"]
model = Ridge(alpha=1.0).fit(X, y)
data = project / "data.csv"
data.write_text("age,bmi\n1,2\n", encoding="utf-8")
report = project / "report.txt"
report.write_text("r2 0.9\n", encoding="utf-8")

recorder = RunRecorder("diabetes", "diabetes.ipynb", root=project / ".nb2prod" / "runs")
tracker = Tracker.attach(recorder, "diabetes")
with recorder:
    recorder.start({"alpha": 1.0, "api_token": "s3cret"}, packages=["numpy"], inputs=[data])
    recorder.artifact("evaluate", "report", report, "report")
    recorder.metric("evaluate", "r2", 0.93)
    if scenario == "gated":
        recorder.gate("evaluate", [{"metric": "r2", "value": 0.93, "min": 0.5, "passed": True}])
    tracker.log_model([lambda: X, lambda: model], [lambda: "not a table", lambda: X])
    tracker.register_model(step="register")

result: dict[str, object] = {
    "enabled": tracker.enabled,
    "messages": messages,
    "runId": recorder.run_id,
    "events": str(recorder.events_path),
}
if scenario != "off" and query:
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=f"sqlite:///{project / '.nb2prod' / 'mlflow.db'}")
    experiment = client.get_experiment_by_name("diabetes")
    runs = client.search_runs([experiment.experiment_id]) if experiment else []
    run = runs[0] if runs else None
    result["runs"] = len(runs)
    if run is not None:
        result["mlflowRunId"] = run.info.run_id
        result["status"] = run.info.status
        result["params"] = run.data.params
        result["metrics"] = run.data.metrics
        result["tags"] = {k: v for k, v in run.data.tags.items() if k.startswith(("nb2prod", "mlflow.source"))}
        def files(path: str | None) -> list[str]:
            found: list[str] = []
            for item in client.list_artifacts(run.info.run_id, path):
                found.extend(files(item.path) if item.is_dir else [item.path])
            return found

        result["artifacts"] = sorted(files(None))
    versions = client.search_model_versions("name='diabetes'")
    aliases = client.get_registered_model("diabetes").aliases if versions else {}
    result["versions"] = [
        {
            "version": str(v.version),
            "aliases": sorted(a for a, n in aliases.items() if str(n) == str(v.version)),
            "runId": v.run_id,
        }
        for v in versions
    ]
    if versions:
        from mlflow.models import get_model_info

        info = get_model_info(f"models:/diabetes/{versions[0].version}")
        result["signature"] = info.signature.to_dict() if info.signature else None
        result["hasExample"] = info.saved_input_example_info is not None
print(json.dumps(result))
