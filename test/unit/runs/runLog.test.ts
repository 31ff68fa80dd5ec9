// Reading events.jsonl: torn last lines are expected, anything else wrong is shown.
import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRunLog } from "../../../src/core/runs/runLog";
import { jsonl, sample, sampleEvents } from "./eventFixtures";

const all = Object.values(sampleEvents());

describe("parseRunLog", () => {
  it("reads every event of a complete log, in order, with no problem", () => {
    const log = parseRunLog(jsonl(all));
    assert.deepEqual(log.problems, []);
    assert.deepEqual(log.events, all);
  });

  it("reads an empty file (a run that has not written yet) as no events and no problems", () => {
    assert.deepEqual(parseRunLog(""), { events: [], problems: [] });
  });

  it("skips blank lines without complaint", () => {
    const log = parseRunLog(`\n${jsonl(all.slice(0, 2))}\n  \n`);
    assert.equal(log.events.length, 2);
    assert.deepEqual(log.problems, []);
  });

  it("reports a torn last line as info, keeping every event before it", () => {
    const complete = jsonl(all.slice(0, 3));
    const torn = JSON.stringify(all[3]).slice(0, 25);
    const log = parseRunLog(complete + torn);
    assert.equal(log.events.length, 3);
    assert.deepEqual(
      log.problems.map(({ line, severity }) => ({ line, severity })),
      [{ line: 4, severity: "info" }],
    );
    assert.match(log.problems[0]?.message ?? "", /^Line 4 is incomplete/);
  });

  it("accepts a last line whose newline was not written yet", () => {
    const text = jsonl(all).replace(/\n$/, "");
    const log = parseRunLog(text);
    assert.equal(log.events.length, all.length);
    assert.deepEqual(log.problems, []);
  });

  it("reports bad JSON in the middle as an error naming the line, and reads on", () => {
    const lines = jsonl(all).split("\n");
    lines.splice(2, 0, '{"schemaVersion":1,"type":"metric",');
    const log = parseRunLog(lines.join("\n"));
    assert.equal(log.events.length, all.length);
    assert.equal(log.problems.length, 1);
    assert.equal(log.problems[0]?.line, 3);
    assert.equal(log.problems[0].severity, "error");
    assert.match(log.problems[0].message, /^Line 3 is not valid JSON \(.+\)\.$/);
  });

  it("reports bad JSON that ends with a newline as an error even on the last line", () => {
    const log = parseRunLog(jsonl(all.slice(0, 1)) + "{oops\n");
    assert.deepEqual(log.problems.map((problem) => [problem.line, problem.severity]), [[2, "error"]]);
  });

  it("reports a schema violation with the line, the event type and the field", () => {
    const log = parseRunLog(jsonl([sample("run_started"), sample("metric", { value: "high" }), sample("run_finished")]));
    assert.equal(log.events.length, 2);
    assert.equal(log.problems.length, 1);
    assert.equal(log.problems[0]?.severity, "error");
    assert.match(log.problems[0].message, /^Line 2 is not a valid metric event: value: .*number/);
  });

  it("reports a complete but invalid last line as an error, not as a torn write", () => {
    const log = parseRunLog(jsonl([sample("run_started")]) + JSON.stringify(sample("step_started", { attempt: 0 })));
    assert.deepEqual(log.problems.map((problem) => [problem.line, problem.severity]), [[2, "error"]]);
    assert.match(log.problems[0]?.message ?? "", /step_started event: attempt/);
  });

  it("names an unknown event type", () => {
    const log = parseRunLog(jsonl([sample("metric", { type: "heartbeat" })]));
    assert.match(log.problems[0]?.message ?? "", /^Line 1 is not a valid heartbeat event: type: unknown event type "heartbeat"/);
  });

  it("keeps unknown fields on the events it returns", () => {
    const log = parseRunLog(jsonl([sample("metric", { unit: "%" })]));
    assert.deepEqual(log.problems, []);
    assert.equal(log.events[0]?.unit, "%");
  });

  it("reads CRLF line endings", () => {
    const log = parseRunLog(jsonl(all).replaceAll("\n", "\r\n"));
    assert.equal(log.events.length, all.length);
    assert.deepEqual(log.problems, []);
  });

  it("never throws, whatever the input", () => {
    for (const text of ["\u0000", "[]\n", "null\n", "1\n2", "}{", "\n\n\n", '"text"\n']) {
      assert.doesNotThrow(() => parseRunLog(text), JSON.stringify(text));
    }
    assert.equal(parseRunLog("null\n[]\n").problems.length, 2);
  });
});
