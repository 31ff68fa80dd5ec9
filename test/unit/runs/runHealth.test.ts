// The Runs view's status icon and the short forms of durations, sizes and hashes.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatBytes, formatDuration, formatStartTime, formatValue, shortHash } from "../../../src/core/runs/runFormat";
import { runHealth } from "../../../src/core/runs/runHealth";
import type { RunLogProblem } from "../../../src/core/runs/runLog";
import type { RunSummary, RunSummaryStatus } from "../../../src/core/runs/runSummary";

function run(status: RunSummaryStatus, problems: RunLogProblem[] = []): RunSummary {
  return { runId: "r", status, steps: [], artifacts: [], metrics: [], modelVersions: [], drift: [], problems };
}

const torn: RunLogProblem = { line: 9, severity: "info", message: "Line 9 is incomplete" };
const invalid: RunLogProblem = { line: 3, severity: "error", message: "Line 3 is not valid JSON" };

describe("runHealth", () => {
  it("says succeeded, failed or running from the run's status", () => {
    assert.equal(runHealth(run("completed")), "succeeded");
    assert.equal(runHealth(run("failed")), "failed");
    assert.equal(runHealth(run("unfinished")), "running");
  });

  it("treats a torn last line as normal while running, and as a problem once finished", () => {
    assert.equal(runHealth(run("unfinished", [torn])), "running");
    assert.equal(runHealth(run("completed", [torn])), "problems");
  });

  it("flags an invalid line whatever the status, except that failure wins", () => {
    assert.equal(runHealth(run("unfinished", [invalid])), "problems");
    assert.equal(runHealth(run("completed", [invalid])), "problems");
    assert.equal(runHealth(run("failed", [invalid])), "failed");
  });
});

describe("run formats", () => {
  it("formats durations from milliseconds to hours", () => {
    assert.deepEqual([0.4, 326.321, 1500, 59_949, 61_000, 3_723_000].map(formatDuration), ["0 ms", "326 ms", "1.5 s", "59.9 s", "1 min 1 s", "1 h 2 min"]);
  });

  it("formats sizes in binary units", () => {
    assert.deepEqual([0, 915, 19_123, 5 * 1024 * 1024].map(formatBytes), ["0 B", "915 B", "18.7 KiB", "5.0 MiB"]);
  });

  it("gives a run's start time without seconds, or says it never started", () => {
    const shown = formatStartTime("2026-11-30T10:36:25.733Z");
    assert.ok(shown.length > 0 && !shown.includes("25.733") && !shown.includes(":25"), shown);
    assert.equal(formatStartTime(undefined), "not started");
  });

  it("shortens hashes and values for reading", () => {
    assert.equal(shortHash("8aedcefdb7e29c0f00eeb9e26edeb8088d37988f4111b347b4f46a3555234cfd"), "8aedcefd");
    assert.deepEqual([45.40749390366494, 7, "ridge", [1, 2], null, true].map(formatValue), ["45.4075", "7", "ridge", "[1,2]", "null", "true"]);
  });
});
