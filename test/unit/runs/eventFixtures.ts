// Valid run events as lineage.py writes them, for the run tests to start from and break.
export const SHA = "ab".repeat(32);

type Fields = Readonly<Record<string, unknown>>;

function base(type: string, runId: string, ts: string): Record<string, unknown> {
  return { schemaVersion: 1, type, ts, runId };
}

/** One valid event of each type, keyed by type; `runId` and `ts` are shared. */
export function sampleEvents(runId = "20260101T000000Z-0a1b2c3d", ts = "2026-01-01T00:00:00.000Z"): Record<string, Fields> {
  return {
    run_started: {
      ...base("run_started", runId, ts),
      flow: "train_flow",
      notebook: "notebooks/train.ipynb",
      git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
      params: { alpha: 0.5, layers: [1, 2] },
      python: "3.11.7",
      packages: { pandas: "1.5.3", missing: null },
      inputs: [{ path: "data/iris.csv", sha256: SHA, bytes: 4551 }],
    },
    step_started: { ...base("step_started", runId, ts), step: "load", attempt: 1 },
    step_finished: { ...base("step_finished", runId, ts), step: "load", status: "completed", durationMs: 12.5, attempt: 1, cacheHit: false },
    artifact: { ...base("artifact", runId, ts), step: "load", name: "df", path: "artifacts/df.parquet", sha256: SHA, bytes: 10, kind: "dataframe" },
    metric: { ...base("metric", runId, ts), step: "evaluate", name: "accuracy", value: 0.93 },
    gate: { ...base("gate", runId, ts), step: "evaluate", passed: true, checks: [{ metric: "accuracy", value: 0.93, min: 0.9, passed: true }] },
    tracking: { ...base("tracking", runId, ts), trackingUri: "sqlite:////work/project/.nb2prod/mlflow.db", experimentId: "1", mlflowRunId: "0123456789abcdef" },
    model_version: { ...base("model_version", runId, ts), step: "register", model: "train_flow", version: "2", aliases: ["candidate", "champion"], modelUri: "models:/m-0123" },
    data_check: { ...base("data_check", runId, ts), step: "validate", passed: false, checks: [{ value: "X", check: "no nulls", column: "age", detail: "null at index 3", passed: false }] },
    drift: {
      ...base("drift", runId, ts),
      step: "load",
      output: "df",
      reference: "20251231T000000Z-0a1b2c3d",
      status: "drift",
      columns: [
        { column: "sepal_length", status: "drift", psi: 0.41, ks: 0.23, pValue: 0.00012 },
        { column: "species", status: "ok", psi: 0.01, newCategories: [], missingCategories: [] },
        { column: "petal_width", status: "warning", change: "added" },
      ],
    },
    run_finished: { ...base("run_finished", runId, ts), status: "completed", durationMs: 1500 },
  };
}

export function sample(type: string, changes: Fields = {}): Record<string, unknown> {
  const event = sampleEvents()[type];
  if (event === undefined) throw new Error(`No sample event of type ${type}`);
  return { ...event, ...changes };
}

/** `event` without the field `name`. */
export function without(event: Fields, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([key]) => key !== name));
}

export const jsonl = (events: readonly unknown[]): string => events.map((event) => JSON.stringify(event) + "\n").join("");
