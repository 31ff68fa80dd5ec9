// The fixed part of params.py: loading, type checks, overrides and secrets. Written once
// as Python (it does not depend on the notebook), checked by ruff and mypy in the
// generated-project tests like every other file.
export const PARAMS_RUNTIME = `class ParamsError(ValueError):
    """A parameter file or override that cannot be used; the message says what to fix."""


class MissingSecretError(RuntimeError):
    """A credential the pipeline reads from the environment is not set."""


_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _parse_text(value: str, origin: type) -> object:
    if origin is str:
        return value
    if origin is bool:
        return _BOOLEANS.get(value.strip().lower(), value)
    parsed: object = yaml.safe_load(value)
    return parsed


def _coerce(name: str, expected: object, value: object) -> object:
    origin = typing.get_origin(expected) or expected
    if isinstance(value, str) and isinstance(origin, type):
        value = _parse_text(value, origin)
    if origin is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if origin is int and isinstance(value, bool):
        raise ParamsError(f"Param {name!r} must be an int, got {value!r}.")
    if isinstance(origin, type) and isinstance(value, origin):
        return value
    shown = getattr(expected, "__name__", str(expected))
    raise ParamsError(f"Param {name!r} must be {shown}, got {value!r}; fix params.yaml or the override.")


def _split_override(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ParamsError(f"Override {text!r} must look like name=value.")
    return name.strip(), value


def load_params(
    path: str | Path = "params.yaml",
    overrides: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
) -> Params:
    """Read params.yaml, apply environment and command-line overrides, check types."""
    file = Path(path)
    if not file.is_file():
        raise ParamsError(f"Parameter file {file} not found; run from the project folder or pass --params.")
    loaded = yaml.safe_load(file.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        loaded = {}
    values: dict[str, object] = {str(key): value for key, value in loaded.items()}
    env = os.environ if environ is None else environ
    hints = typing.get_type_hints(Params)
    # The quality gates' bounds and the monitoring thresholds live beside the params;
    # gates.py and monitoring.py read them.
    for section in (GATES_KEY, MONITORING_KEY):
        if section not in hints:
            values.pop(section, None)
    for name in hints:
        if ENV_PREFIX + name.upper() in env:
            values[name] = env[ENV_PREFIX + name.upper()]
    for text in overrides:
        name, value = _split_override(text)
        if name.startswith((GATES_KEY + ".", MONITORING_KEY + ".")):
            continue
        values[name] = value
    unknown = sorted(set(values) - set(hints))
    if unknown:
        raise ParamsError(f"Unknown params {unknown}; known: {sorted(hints)}.")
    missing = sorted(set(hints) - set(values))
    if missing:
        raise ParamsError(f"Params {missing} have no value; add them to {file}.")
    checked: dict[str, typing.Any] = {name: _coerce(name, hints[name], values[name]) for name in hints}
    return Params(**checked)


def read_secret(name: str) -> str:
    """The value of a credential kept in the environment variable \`name\`."""
    value = os.environ.get(name, "")
    if not value:
        raise MissingSecretError(
            f"The environment variable {name} is not set. The notebook had this credential "
            "in its code; nb2prod moved it out. Set it (or use a secrets manager) and run again."
        )
    return value`;
