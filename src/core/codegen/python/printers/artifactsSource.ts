// src/<pkg>/artifacts.py: how values pass between the flow's tasks. Each output is
// written to a file named after its content hash (parquet for DataFrames when pyarrow is
// installed, else joblib or pickle), so a re-run that computes the same value writes the
// same file, and a task's cache key sees only small references. What a step keeps for
// people is saved readable: figures as PNG, text reports as .txt, small structures as
// JSON. Fixed text: it does not depend on the notebook.
export const ARTIFACTS_PY = `"""Artifacts: the values steps hand to each other, persisted and hashed.

Each output of a step is written under \`\`<artifacts dir>/<step>/\`\` as
\`\`<name>-<sha256 prefix>.<format>\`\`: parquet for pandas DataFrames when pyarrow is
installed, else joblib (or pickle). What a step keeps for people is saved readable:
figures as PNG (\`\`<step>__figures_cell_<n>_<k>-<hash>.png\`\`), text reports as .txt,
plain data as JSON. The file is written to a temporary name and renamed, so readers
never see a partial file. Loading checks the sha256, so a changed or damaged artifact is
an explicit error, never silently different data.
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, TypedDict

ARTIFACTS_DIR_ENV = "NB2PROD_ARTIFACTS_DIR"
Format = Literal["parquet", "joblib", "pickle", "cloudpickle", "png", "txt", "json", "file"]
Kind = Literal["dataframe", "array", "model", "object", "figure", "report", "file"]


class ArtifactRef(TypedDict):
    """Where an artifact is, what it holds, and the hash that identifies it."""

    path: str
    sha256: str
    bytes: int
    format: Format
    kind: Kind


class ArtifactError(RuntimeError):
    """An artifact that is missing or no longer matches its recorded hash."""


def artifacts_dir() -> Path:
    """\`\`$NB2PROD_ARTIFACTS_DIR\`\` when set, else \`\`.nb2prod/artifacts\`\` here."""
    override = os.environ.get(ARTIFACTS_DIR_ENV)
    return Path(override) if override else Path.cwd() / ".nb2prod" / "artifacts"


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def source_digest(*objects: object) -> str:
    """A hash of the source of the modules defining \`\`objects\`\`: part of each task's
    cache key, so editing a step or the shared code invalidates cached results."""
    digest = hashlib.sha256()
    for item in objects:
        module = item if isinstance(item, ModuleType) else inspect.getmodule(item)
        if module is not None:
            digest.update(inspect.getsource(module).encode("utf-8"))
    return digest.hexdigest()


def artifact_kind(value: object) -> Kind:
    """What kind of value this is, for lineage: dataframe, array, model or object."""
    cls = type(value)
    if cls.__module__.startswith("pandas") and cls.__name__ in ("DataFrame", "Series"):
        return "dataframe"
    if cls.__module__ == "numpy" and cls.__name__ == "ndarray":
        return "array"
    if callable(getattr(value, "fit", None)) or callable(getattr(value, "predict", None)):
        return "model"
    return "object"


def _is_dataframe(value: object) -> bool:
    cls = type(value)
    return cls.__module__.startswith("pandas") and cls.__name__ == "DataFrame"


def _write(value: object, path: Path) -> Format:
    if _is_dataframe(value) and importlib.util.find_spec("pyarrow") is not None:
        try:
            value.to_parquet(path)  # type: ignore[attr-defined]
            return "parquet"
        except (ValueError, TypeError, ImportError):
            pass  # e.g. non-string column names: fall back to joblib
    try:
        if importlib.util.find_spec("joblib") is not None:
            import joblib

            joblib.dump(value, path)
            return "joblib"
        with path.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return "pickle"
    except (pickle.PicklingError, AttributeError, TypeError):
        # Functions and classes defined inside a step pickle only by value.
        import cloudpickle

        with path.open("wb") as handle:
            cloudpickle.dump(value, handle)
        return "cloudpickle"


def _store(
    step: str, stem: str, write: Callable[[Path], Format], kind: Kind, root: Path | None
) -> ArtifactRef:
    """Write through \`\`write\`\` to a temporary file, then rename it after its hash."""
    folder = (root if root is not None else artifacts_dir()) / step
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{stem}-", suffix=".tmp")
    os.close(handle)
    partial = Path(temporary)
    try:
        fmt = write(partial)
        sha256 = file_sha256(partial)
        final = folder / f"{stem}-{sha256[:16]}.{fmt}"
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    size = final.stat().st_size
    return {"path": str(final), "sha256": sha256, "bytes": size, "format": fmt, "kind": kind}


def save_artifact(step: str, name: str, value: object, root: Path | None = None) -> ArtifactRef:
    """Persist one output of \`\`step\`\` and return its reference."""
    return _store(step, name, lambda path: _write(value, path), artifact_kind(value), root)


def record_file(path: Path) -> ArtifactRef:
    """A file a step wrote itself (a saved model, an exported table), where it is, with
    its hash: the run's lineage names exactly what was written."""
    if not path.is_file():
        raise ArtifactError(f"{path} was to be written by the step but is not there")
    return {
        "path": str(path.resolve()),
        "sha256": file_sha256(path),
        "bytes": path.stat().st_size,
        "format": "file",
        "kind": "file",
    }


def save_figure(step: str, name: str, figure: Any, root: Path | None = None) -> ArtifactRef:
    """A matplotlib figure as a PNG named after the step and the output
    (\`\`<step>__figures_cell_<n>_<k>-<hash>.png\`\`)."""

    def write(path: Path) -> Format:
        figure.savefig(path, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
        return "png"

    return _store(step, f"{step}__{name}", write, "figure", root)


def is_figure(value: object) -> bool:
    """A matplotlib figure, without importing matplotlib."""
    cls = type(value)
    return cls.__module__.startswith("matplotlib") and callable(getattr(value, "savefig", None))


def save_report(step: str, name: str, value: object, root: Path | None = None) -> ArtifactRef:
    """A value a step showed, saved for people to read: text (a model summary, a
    classification report) as .txt, plain data (best params) as JSON; anything else
    like any other output."""
    if isinstance(value, str) or callable(getattr(value, "as_text", None)):
        text = value if isinstance(value, str) else str(value)

        def write_text(path: Path) -> Format:
            path.write_text(text, encoding="utf-8")
            return "txt"

        return _store(step, name, write_text, "report", root)
    try:
        encoded = json.dumps(value, sort_keys=True, indent=2, allow_nan=False)
    except (TypeError, ValueError):
        return save_artifact(step, name, value, root)

    def write_json(path: Path) -> Format:
        path.write_text(encoded, encoding="utf-8")
        return "json"

    return _store(step, name, write_json, "report", root)


def _read(path: Path, fmt: Format) -> Any:
    if fmt == "file":
        return path
    if fmt in ("png", "txt"):
        return path.read_bytes() if fmt == "png" else path.read_text(encoding="utf-8")
    if fmt == "json":
        return json.loads(path.read_text(encoding="utf-8"))
    if fmt == "parquet":
        import pandas

        return pandas.read_parquet(path)
    if fmt == "joblib":
        import joblib

        return joblib.load(path)
    with path.open("rb") as handle:  # pickle and cloudpickle files alike
        return pickle.load(handle)  # artifacts are written by this pipeline only


def load_artifact(ref: ArtifactRef) -> Any:
    """The value of an artifact, after checking that its file still has its hash."""
    path = Path(ref["path"])
    if not path.is_file():
        raise ArtifactError(
            f"Artifact {path} is missing. It was written by an earlier run whose cached "
            "result was reused; run again with --refresh-cache to recompute it."
        )
    actual = file_sha256(path)
    if actual != ref["sha256"]:
        raise ArtifactError(
            f"Artifact {path} changed since it was written (sha256 {actual[:16]}, "
            f"expected {ref['sha256'][:16]}); run again with --refresh-cache."
        )
    return _read(path, ref["format"])
`;
