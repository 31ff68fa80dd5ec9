// The fixed helpers of flow.py: the run recorder shared with tasks, one attempt of a
// step, persisting outputs, and settling a task's state (cache hits included).
export const FLOW_HELPERS = `class StepResult(TypedDict):
    """What a task returns, and Prefect caches: its artifacts and metrics."""

    artifacts: dict[str, ArtifactRef]
    metrics: dict[str, float]


class StepFailedError(RuntimeError):
    """A step raised; the message names the step, its notebook cells and the attempt."""


class RunRef(TypedDict):
    """The run a task belongs to: enough for a task in another process (a Dask worker)
    to write its step events into the run's events file."""

    run_id: str
    runs_dir: str


class _Run:
    """The recorder of the flow run in progress, shared with the flow's tasks; in a
    process that runs tasks of a flow elsewhere (a Dask worker), a recorder per run."""

    recorder: RunRecorder | None = None
    elsewhere: dict[str, RunRecorder] = {}  # noqa: RUF012 - one registry per process


# Errors a retry can get past: I/O, network, timeouts. A missing or forbidden file, a
# bug, a failed data check or a damaged artifact fails the same way on every attempt.
_TRANSIENT_ERRORS = (OSError, TimeoutError, ConnectionError)
_PERMANENT_OS_ERRORS = (FileNotFoundError, PermissionError, IsADirectoryError, NotADirectoryError)


def _transient(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Prefect's retry condition: retry a step only when its error can be transient."""
    error = state.result(raise_on_failure=False)
    cause = error.__cause__ if isinstance(error, StepFailedError) else error
    if isinstance(cause, _PERMANENT_OS_ERRORS):
        return False
    return isinstance(cause, _TRANSIENT_ERRORS)


def _check_gates(bounds: Mapping[str, Bound], results: Mapping[str, StepResult], after: str) -> None:
    """Check the quality gates on every metric logged so far; stop the run before a failing model is kept."""
    if not bounds:
        return
    metrics = {name: value for result in results.values() for name, value in result["metrics"].items()}
    checks = check_gates(bounds, metrics)
    _recorder().gate(after, [check.event() for check in checks])
    for check in checks:
        get_run_logger().info("Quality gate %s", check.describe())
    failed = [check.describe() for check in checks if not check.passed]
    if failed:
        raise GateFailedError("; ".join(failed))


def _loaders(results: Mapping[str, StepResult], refs: tuple[tuple[str, str], ...]) -> list[Callable[[], object]]:
    """Loaders of the artifacts (step, name) the run kept, loaded only when called."""
    kept = (results.get(step, {"artifacts": {}})["artifacts"].get(name) for step, name in refs)
    return [partial(load_artifact, ref) for ref in kept if ref is not None]
def _monitor(settings: MonitoringSettings, step: str, result: StepResult) -> None:
    """Profile the data a step hands on and compare it with the last successful run's;
    stop the run when a column drifted and \`\`fail_on_drift\`\` is on."""
    if MISSING_LIBRARIES:
        get_run_logger().info("Data monitoring of %s skipped: %s not installed", step, " and ".join(MISSING_LIBRARIES))
        return
    drifted: list[str] = []
    for name, ref in result["artifacts"].items():
        if ref["kind"] not in ("dataframe", "array"):
            continue
        report = monitor_output(_recorder(), step, name, load_artifact(ref), settings)
        if report is not None:
            get_run_logger().info("Data monitoring %s", report.describe())
            drifted += [f"{step}.{name}.{column}" for column in report.drifted]
    if drifted and settings.fail_on_drift:
        raise DataDriftError(f"{', '.join(drifted)} drifted (monitoring.fail_on_drift is on)")


def _prefect_flow_run() -> dict[str, str | None] | None:
    """This flow run's id and API URL (None on Prefect's temporary server), for run_started."""
    flow_run_id = flow_run.get_id()
    if flow_run_id is None:
        return None
    api_url = PREFECT_API_URL.value()
    return {"flowRunId": str(flow_run_id), "apiUrl": str(api_url) if api_url else None}


def _recorder(run: RunRef | None = None) -> RunRecorder:
    """The flow run's recorder; in a task, the one of the task's run (\`\`run\`\`), which
    may be a flow run in another process."""
    current = _Run.recorder
    if current is not None and (run is None or current.run_id == run["run_id"]):
        return current
    if run is None:
        raise RuntimeError("The tasks of this flow run inside pipeline(); call it instead.")
    found = _Run.elsewhere.get(run["run_id"])
    if found is None:
        found = RunRecorder(FLOW_NAME, NOTEBOOK, root=Path(run["runs_dir"]), run_id=run["run_id"])
        _Run.elsewhere[run["run_id"]] = found
    return found


def _run_ref(recorder: RunRecorder) -> RunRef:
    return {"run_id": recorder.run_id, "runs_dir": str(recorder.run_dir.parent)}


def _runs_elsewhere() -> bool:
    """Whether the flow's task runner runs tasks outside this process (Dask, Ray): then
    independent steps run at the same time. Prefect's default runs them on threads of
    this process, where notebook code (pyplot's figures) is not thread-safe: one by one."""
    context = FlowRunContext.get()
    return context is not None and not isinstance(context.task_runner, ThreadPoolTaskRunner)


def _number(value: object) -> float | None:
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return None


@contextmanager
def _attempt(step: str, cells: str, run: RunRef) -> Iterator[None]:
    """Record one attempt of a step; turn its failure into an explicit error."""
    attempt = int(task_run.run_count)
    get_run_logger().info("Step %s (cells %s), attempt %d", step, cells, attempt)
    try:
        with _recorder(run).step(step, attempt):
            yield
    except Exception as error:
        message = f"Step {step} (notebook cells {cells}) failed on attempt {attempt}: {error}"
        raise StepFailedError(message) from error


def _persist(
    step: str,
    outputs: dict[str, object],
    *,
    required: tuple[str, ...],
    metrics: bool,
    reports: tuple[str, ...] = (),
    figures: tuple[str, ...] = (),
    files: tuple[str, ...] = (),
) -> StepResult:
    """Save each output as an artifact (the flow records it: see _settle). What the step showed (\`\`reports\`\`)
    becomes a metric when it is a number, else a readable report; each figure of
    \`\`figures\`\` a PNG; each file it wrote (\`\`files\`\`: a saved model) is recorded where
    it is, with its hash. An evaluation step's numeric outputs are metrics too.

    An output no later step reads is kept on a best-effort basis: one that cannot be
    serialised is logged and skipped instead of failing the step."""
    artifacts: dict[str, ArtifactRef] = {}
    values: dict[str, float] = {}
    for name, value in outputs.items():
        number = _number(value)
        if number is not None and (metrics or name in reports):
            values[name] = number
            if name in reports:
                continue
        for key, save in _savers(step, name, value, reports, figures, files):
            try:
                artifacts[key] = save()
            except Exception as error:
                if name in required:
                    raise
                get_run_logger().warning("Output %s of %s not persisted: %s", key, step, error)
    return {"artifacts": artifacts, "metrics": values}


def _savers(
    step: str,
    name: str,
    value: object,
    reports: tuple[str, ...],
    figures: tuple[str, ...],
    files: tuple[str, ...],
) -> list[tuple[str, Callable[[], ArtifactRef]]]:
    """How to save one output: each figure of a figures output as its own PNG."""
    if name in files:
        return [(name, partial(record_file, Path(str(value))))]
    if name in figures:
        drawn = value if isinstance(value, list) else [value]
        return [
            (f"{name}_{index}", partial(save_figure, step, f"{name}_{index}", figure))
            for index, figure in enumerate(drawn, start=1)
            if is_figure(figure)
        ]
    if name in reports:
        return [(name, partial(save_report, step, name, value))]
    return [(name, partial(save_artifact, step, name, value))]


def _stale_artifact(result: StepResult) -> str | None:
    """Why a cached result cannot be reused: an artifact, or a file the step wrote (a
    saved model), that is gone or no longer has the hash recorded when it was made."""
    for ref in result["artifacts"].values():
        path = Path(ref["path"])
        if not path.is_file():
            return f"{path} is gone"
        if file_sha256(path) != ref["sha256"]:
            return f"{path} changed since the step made it"
    return None


def _settle(
    step: str,
    run: Callable[[bool], State[StepResult]],
    first: State[StepResult] | None = None,
) -> StepResult:
    """Run the task (\`\`run(refresh)\`\`; \`\`first\`\`: its state when it was submitted
    already) and return its result, recording its artifacts and metrics here, where the
    run's listeners (experiment tracking) are. A cache hit is reused only when every
    artifact and written file is still there with its recorded hash; otherwise the step
    runs again (its effects, such as a saved model, are redone)."""
    state = first if first is not None else run(False)
    result = state.result()
    recorder = _recorder()
    if state.name == "Cached":
        stale = _stale_artifact(result)
        if stale is not None:
            get_run_logger().warning("Step %s was cached, but %s: running it again", step, stale)
            result = run(True).result()
            if (still := _stale_artifact(result)) is not None:
                raise ArtifactError(f"Step {step} ran again, but {still}.")
        else:
            recorder.step_started(step)
            recorder.step_finished(step, "cached", 0.0, cache_hit=True)
            get_run_logger().info("Step %s: cached result reused", step)
    for name, ref in result["artifacts"].items():
        recorder.artifact(step, name, Path(ref["path"]), ref["kind"])
    recorder.metrics(step, result["metrics"])
    return result


def _settle_together(
    *steps: tuple[str, Callable[[bool], State[StepResult]], Callable[[], PrefectFuture[StepResult]]],
) -> dict[str, StepResult]:
    """Steps no data passes between: (name, run as _settle takes it, submit). With a task
    runner that runs tasks elsewhere they are all submitted, then settled in order;
    otherwise they run one by one."""
    if not _runs_elsewhere():
        return {step: _settle(step, run) for step, run, _ in steps}
    submitted = {step: submit() for step, _, submit in steps}
    for future in submitted.values():
        future.wait()
    return {step: _settle(step, run, submitted[step].state) for step, run, _ in steps}`;
