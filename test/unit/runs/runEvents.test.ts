// The run-event schema: what lineage.py may write and what the sidebar must refuse.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { RUN_EVENT_TYPES, runEventJsonSchema, runEventSchema } from "../../../src/core/runs/runEvents";
import { sample, sampleEvents, without } from "./eventFixtures";

describe("runEventSchema accepts", () => {
  const cases: [string, Record<string, unknown>][] = [
    ...Object.entries(sampleEvents()).map(([type, event]): [string, Record<string, unknown>] => [`a plain ${type}`, { ...event }]),
    ["run_started outside a git repository", sample("run_started", { git: null })],
    ["run_started with no inputs, params or packages", sample("run_started", { params: {}, packages: {}, inputs: [] })],
    ["a timestamp with an offset and microseconds", sample("metric", { ts: "2026-01-01T01:00:00.123456+01:00" })],
    ["a failed step with its error", sample("step_finished", { status: "failed", error: "ValueError: bad" })],
    ["a cached step", sample("step_finished", { status: "cached", cacheHit: true, durationMs: 0 })],
    ["a retry", sample("step_started", { attempt: 3 })],
    ["unknown extra fields, from a newer writer", sample("metric", { unit: "%", host: { name: "ci" } })],
    ["unknown fields inside git and inputs", sample("run_started", { git: { commit: "a".repeat(40), dirty: true, branch: "main" } })],
    ["a negative metric", sample("metric", { value: -1.5 })],
    ["a failed run", sample("run_finished", { status: "failed", error: "boom" })],
    ["a failed gate on a metric no step logged", sample("gate", { passed: false, checks: [{ metric: "r2", value: null, max: 1, passed: false }] })],
    ["a drift event of a first run: no reference, no columns", sample("drift", { reference: null, status: "ok", columns: [] })],
    ["a drifted column that changed type, and one with a new category", sample("drift", { columns: [{ column: "age", status: "drift", change: "type" }, { column: "city", status: "drift", psi: 0, newCategories: ["Paris"] }] })],
    ...["dataframe", "array", "model", "object", "file", "figure", "report", "profile"].map((kind): [string, Record<string, unknown>] => [`artifact kind ${kind}`, sample("artifact", { kind })]),
  ];
  for (const [title, event] of cases) {
    it(title, () => {
      const parsed = runEventSchema.safeParse(event);
      assert.ok(parsed.success, parsed.error?.message);
      assert.deepEqual(parsed.data, event, "a valid event is read back unchanged, extra fields included");
    });
  }
});

describe("runEventSchema rejects", () => {
  const cases: [string, unknown, RegExp][] = [
    ["an unknown event type", sample("metric", { type: "step_paused" }), /unknown event type "step_paused"/],
    ["an event without a type", without(sample("metric"), "type"), /has no type/],
    ["another schema version", sample("metric", { schemaVersion: 2 }), /schemaVersion/],
    ["a missing run id", without(sample("metric"), "runId"), /runId/],
    ["a run id that is a path", sample("metric", { runId: "../etc" }), /runId: expected a run id/],
    ["a timestamp that is not ISO 8601", sample("metric", { ts: "yesterday" }), /ts/],
    ["a timestamp without a time zone", sample("metric", { ts: "2026-01-01T00:00:00" }), /ts/],
    ["a metric that is not a number", sample("metric", { value: "0.9" }), /value/],
    ["a metric that is Infinity", sample("metric", { value: Infinity }), /value/],
    ["a gate without its checks", without(sample("gate"), "checks"), /checks/],
    ["a data check without its checks", without(sample("data_check"), "checks"), /checks/],
    ["a data check entry without its verdict", sample("data_check", { checks: [{ value: "X", check: "schema" }] }), /passed/],
    ["a gate check whose value is text", sample("gate", { checks: [{ metric: "r2", value: "0.4", passed: true }] }), /value/],
    ["a drift event without its reference", without(sample("drift"), "reference"), /reference/],
    ["a drift status that is not ok, warning or drift", sample("drift", { status: "moved" }), /status/],
    ["a drift column with a p-value above 1", sample("drift", { columns: [{ column: "x", status: "ok", pValue: 1.5 }] }), /columns\.0\.pValue/],
    ["a drift column with a negative PSI", sample("drift", { columns: [{ column: "x", status: "ok", psi: -0.1 }] }), /columns\.0\.psi/],
    ["a drift reference that is a path", sample("drift", { reference: "../run" }), /reference/],
    ["a failed step without an error", sample("step_finished", { status: "failed" }), /error: a failed step needs an error message/],
    ["an unknown step status", sample("step_finished", { status: "skipped" }), /status/],
    ["attempt 0", sample("step_started", { attempt: 0 }), /attempt/],
    ["a fractional attempt", sample("step_started", { attempt: 1.5 }), /attempt/],
    ["a negative duration", sample("run_finished", { durationMs: -1 }), /durationMs/],
    ["an unknown artifact kind", sample("artifact", { kind: "table" }), /kind/],
    ["a sha256 in upper case", sample("artifact", { sha256: "AB".repeat(32) }), /sha256/],
    ["a short sha256", sample("artifact", { sha256: "abc" }), /sha256/],
    ["negative bytes", sample("artifact", { bytes: -1 }), /bytes/],
    ["git without its dirty flag", sample("run_started", { git: { commit: "a".repeat(40) } }), /git\.dirty/],
    ["a commit that is not a hash", sample("run_started", { git: { commit: "HEAD", dirty: false } }), /git\.commit/],
    ["params that are not an object", sample("run_started", { params: [1, 2] }), /params/],
    ["a package version that is a number", sample("run_started", { packages: { numpy: 1.24 } }), /packages\.numpy/],
    ["an input without its hash", sample("run_started", { inputs: [{ path: "a.csv", bytes: 1 }] }), /inputs\.0\.sha256/],
    ["an unknown run status", sample("run_finished", { status: "cancelled" }), /status/],
    ["a JSON array", [sample("metric")], /no type/],
    ["null", null, /no type/],
  ];
  for (const [title, event, expected] of cases) {
    it(title, () => {
      const parsed = runEventSchema.safeParse(event);
      assert.equal(parsed.success, false);
      const text = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n");
      assert.match(text, expected);
    });
  }
});

describe("runEventJsonSchema", () => {
  // The parts of the exported schema these tests look at.
  const branchSchema = z.looseObject({
    properties: z.looseObject({ type: z.looseObject({ const: z.string() }) }),
    additionalProperties: z.unknown().optional(),
    if: z.unknown().optional(),
    then: z.unknown().optional(),
  });
  const exported = z.looseObject({ $schema: z.string(), oneOf: z.array(branchSchema) });
  // Parsed inside each test, so a wrong shape fails a test instead of the whole suite.
  const branches = (): z.infer<typeof branchSchema>[] => exported.parse(runEventJsonSchema()).oneOf;
  const typeOf = (branch: z.infer<typeof branchSchema>): string => branch.properties.type.const;

  it("is a draft 2020-12 schema with one branch per event type", () => {
    assert.equal(exported.parse(runEventJsonSchema()).$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.deepEqual(branches().map(typeOf), [...RUN_EVENT_TYPES]);
  });

  it("lets every event carry unknown fields", () => {
    for (const branch of branches()) assert.deepEqual(branch.additionalProperties, {}, typeOf(branch));
  });

  it("spells out that a failed step needs an error, which zod checks in a refinement", () => {
    const stepFinished = branches().find((branch) => typeOf(branch) === "step_finished");
    assert.deepEqual(stepFinished?.if, { properties: { status: { const: "failed" } } });
    assert.deepEqual(stepFinished.then, { required: ["error"] });
  });
});
