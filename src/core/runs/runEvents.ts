// One line of `.nb2prod/runs/<run-id>/events.jsonl`: the contract between the generated
// package's lineage.py (the writer) and the sidebar (the reader). Objects are loose so a
// newer writer may add fields without breaking an older reader. The JSON Schema exported
// below is what lineage.py's tests validate its output against.
import { z } from "zod";

export const RUN_EVENTS_SCHEMA_VERSION = 1;

const timestamp = z.iso.datetime({ offset: true });
/** A run id is a folder name: no separators, and no leading dot (so never "." or ".."). */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const runId = z.string().regex(RUN_ID_PATTERN, "expected a run id usable as a folder name");
const name = z.string().min(1);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");
const count = z.number().int().nonnegative();
const attempt = z.number().int().min(1);
const durationMs = z.number().nonnegative();

const common = {
  schemaVersion: z.literal(RUN_EVENTS_SCHEMA_VERSION),
  ts: timestamp,
  runId,
};

const gitState = z.looseObject({ commit: z.string().regex(/^[0-9a-f]{40,64}$/), dirty: z.boolean() });
const inputFile = z.looseObject({ path: name, sha256, bytes: count });

const runStarted = z.looseObject({
  ...common,
  type: z.literal("run_started"),
  flow: name,
  notebook: z.string(),
  /** Null when the project is not in a git repository or git is not installed. */
  git: gitState.nullable(),
  params: z.record(z.string(), z.unknown()),
  python: z.string().min(1),
  /** Distribution name → installed version, null when it is not installed. */
  packages: z.record(z.string(), z.string().nullable()),
  inputs: z.array(inputFile),
  /** The Prefect flow run this run is (absent in runs recorded before nb2prod wrote it). */
  prefect: z.looseObject({ flowRunId: z.string().min(1), apiUrl: z.string().nullable() }).optional(),
});

const stepStarted = z.looseObject({ ...common, type: z.literal("step_started"), step: name, attempt });

export const STEP_STATUSES = ["completed", "failed", "cached"] as const;

const stepFinished = z
  .looseObject({
    ...common,
    type: z.literal("step_finished"),
    step: name,
    status: z.enum(STEP_STATUSES),
    durationMs,
    attempt,
    cacheHit: z.boolean(),
    error: z.string().optional(),
  })
  .refine((event) => event.status !== "failed" || event.error !== undefined, {
    error: "a failed step needs an error message",
    path: ["error"],
  });

/**
 * `figure`: a PNG a step drew; `report`: a text or JSON report it showed (a model summary,
 * a classification report); `profile`: monitoring.py's JSON profile of the data a step handed on.
 */
export const ARTIFACT_KINDS = ["dataframe", "array", "model", "object", "file", "figure", "report", "profile"] as const;

const artifact = z.looseObject({
  ...common,
  type: z.literal("artifact"),
  step: name,
  name,
  path: name,
  sha256,
  bytes: count,
  kind: z.enum(ARTIFACT_KINDS),
});

// z.number() rejects NaN and ±Infinity, which JSON cannot carry anyway.
const metric = z.looseObject({ ...common, type: z.literal("metric"), step: name, name, value: z.number() });

/** One bound checked by a quality gate; `value` is null when no step logged the metric. */
const gateCheck = z.looseObject({
  metric: name,
  value: z.number().nullable(),
  min: z.number().optional(),
  max: z.number().optional(),
  passed: z.boolean(),
});

/** The quality gates, checked after `step` (the last evaluation step) and before any registration or deployment. */
const gate = z.looseObject({ ...common, type: z.literal("gate"), step: name, passed: z.boolean(), checks: z.array(gateCheck) });

/** Where the run is tracked: the MLflow store (credentials removed) and the MLflow run. */
const tracking = z.looseObject({ ...common, type: z.literal("tracking"), trackingUri: name, experimentId: name, mlflowRunId: name });

/** A model version the run registered (MLflow), with its aliases: `candidate`, and `champion` once its gates passed. */
const modelVersion = z.looseObject({
  ...common,
  type: z.literal("model_version"),
  step: name,
  model: name,
  version: name,
  aliases: z.array(name),
  modelUri: name,
});

/** One data check of a value a step hands on: a DataFrame's column present, its dtype, no nulls; an array's ndim. */
const dataCheckEntry = z.looseObject({
  value: name,
  check: z.string(),
  /** The DataFrame column checked, when the check is about one column. */
  column: z.string().optional(),
  /** What was found: a summary of the failure cases, or the expected and actual kind. */
  detail: z.string().optional(),
  passed: z.boolean(),
});

/** The data checks of what `step` (the validation step) hands on, checked before training. */
const dataCheck = z.looseObject({ ...common, type: z.literal("data_check"), step: name, passed: z.boolean(), checks: z.array(dataCheckEntry) });

export const DRIFT_STATUSES = ["ok", "warning", "drift"] as const;
/** A column that is new, gone, or changed between numbers and text since the reference run. */
export const DRIFT_CHANGES = ["added", "removed", "type"] as const;

/** How one column moved: PSI and KS (with its p-value) for numbers, new or missing categories for text. */
const driftColumn = z.looseObject({
  column: z.string(),
  status: z.enum(DRIFT_STATUSES),
  change: z.enum(DRIFT_CHANGES).optional(),
  psi: z.number().nonnegative().optional(),
  ks: z.number().min(0).max(1).optional(),
  pValue: z.number().min(0).max(1).optional(),
  newCategories: z.array(z.string()).optional(),
  missingCategories: z.array(z.string()).optional(),
});

/**
 * The data `output` of `step` against the same output of `reference`, the last run that
 * completed; `reference` is null (and `columns` empty) when no earlier run had a profile.
 */
const drift = z.looseObject({
  ...common,
  type: z.literal("drift"),
  step: name,
  output: name,
  reference: runId.nullable(),
  status: z.enum(DRIFT_STATUSES),
  columns: z.array(driftColumn),
});

export const RUN_STATUSES = ["completed", "failed"] as const;

const runFinished = z.looseObject({
  ...common,
  type: z.literal("run_finished"),
  status: z.enum(RUN_STATUSES),
  durationMs,
  error: z.string().optional(),
});

export const RUN_EVENT_TYPES = ["run_started", "step_started", "step_finished", "artifact", "metric", "gate", "data_check", "drift", "tracking", "model_version", "run_finished"] as const;

function describeType(input: unknown): string {
  const type = typeof input === "object" && input !== null && "type" in input ? input.type : undefined;
  if (type === undefined) return "the event has no type";
  return `unknown event type ${JSON.stringify(type)} (expected ${RUN_EVENT_TYPES.join(", ")})`;
}

export const runEventSchema = z.discriminatedUnion(
  "type",
  [runStarted, stepStarted, stepFinished, artifact, metric, gate, dataCheck, drift, tracking, modelVersion, runFinished],
  { error: (issue) => describeType(issue.input) },
);

export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventType = RunEvent["type"];
export type RunEventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export type DriftStatus = (typeof DRIFT_STATUSES)[number];

/** JSON Schema (draft 2020-12) of one event line, for validators outside TypeScript. */
export function runEventJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runEventSchema, {
    io: "input",
    target: "draft-2020-12",
    override: (context) => {
      // Refinements have no JSON Schema form; this one is spelled out by hand.
      if (context.zodSchema === stepFinished) {
        Object.assign(context.jsonSchema, {
          if: { properties: { status: { const: "failed" } } },
          then: { required: ["error"] },
        });
      }
    },
  });
}
