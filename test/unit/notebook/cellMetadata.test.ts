import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  parametersCellChanges,
  readNb2prodMetadata,
  readTags,
  startStepAt,
  stepMarkerOf,
  toggleExcluded,
  withoutStepMarker,
  withoutTag,
  withPrevTagRenamed,
  withStepMarker,
  withTag,
} from "../../../src/core/notebook/cellMetadata";

describe("readNb2prodMetadata", () => {
  it("reads nothing from a cell without nb2prod metadata", () => {
    assert.deepEqual(readNb2prodMetadata({ tags: ["x"] }), { ok: true, value: {} });
  });

  it("reads step, stage and exclude, keeping unknown keys", () => {
    const reading = readNb2prodMetadata({ nb2prod: { step: "train", stage: "training", exclude: false, note: "kept" } });
    assert.deepEqual(reading, { ok: true, value: { step: "train", stage: "training", exclude: false, note: "kept" } });
  });

  it("reports a hand-edited value of the wrong shape, naming the field", () => {
    const reading = readNb2prodMetadata({ nb2prod: { stage: "cooking" } });
    assert.ok(!reading.ok);
    assert.match(reading.problem, /^metadata\.nb2prod\.stage is invalid/);
  });
});

describe("startStepAt", () => {
  it("adds the step and keeps every other metadata key", () => {
    const next = startStepAt({ tags: ["a"], collapsed: true }, "load_data");
    assert.deepEqual(next, { tags: ["a"], collapsed: true, nb2prod: { step: "load_data" } });
  });

  it("re-includes an excluded cell that starts a step", () => {
    assert.deepEqual(startStepAt({ nb2prod: { exclude: true, stage: "training" } }, "fit"), {
      nb2prod: { stage: "training", step: "fit" },
    });
  });

  it("does not mutate its input", () => {
    const input = { nb2prod: { step: "a" } };
    startStepAt(input, "b");
    assert.deepEqual(input, { nb2prod: { step: "a" } });
  });
});

describe("toggleExcluded", () => {
  it("excludes an included cell, then includes it again and removes the empty key", () => {
    const first = toggleExcluded({ tags: ["t"] });
    assert.deepEqual(first, { excluded: true, metadata: { tags: ["t"], nb2prod: { exclude: true } } });
    const second = toggleExcluded(first.metadata);
    assert.deepEqual(second, { excluded: false, metadata: { tags: ["t"] } });
  });

  it("keeps the step when toggling", () => {
    assert.deepEqual(toggleExcluded({ nb2prod: { step: "s" } }).metadata, { nb2prod: { step: "s", exclude: true } });
  });
});

describe("tags", () => {
  it("reads only string tags", () => {
    assert.deepEqual(readTags({ tags: ["a", 3, null, "b"] }), ["a", "b"]);
    assert.deepEqual(readTags({ tags: "parameters" }), []);
  });

  it("adds a tag once and removes it, dropping an empty list", () => {
    const tagged = withTag(withTag({}, "parameters"), "parameters");
    assert.deepEqual(tagged, { tags: ["parameters"] });
    assert.deepEqual(withoutTag(tagged, "parameters"), {});
    assert.deepEqual(withoutTag({ tags: ["a", "parameters"] }, "parameters"), { tags: ["a"] });
  });
});

describe("parametersCellChanges", () => {
  it("tags the target and untags the previous parameters cell", () => {
    const changes = parametersCellChanges([{ tags: ["parameters"] }, {}, { tags: ["x"] }], 2);
    assert.deepEqual(changes, [
      { index: 0, metadata: {} },
      { index: 2, metadata: { tags: ["x", "parameters"] } },
    ]);
  });

  it("changes nothing when the target already is the only parameters cell", () => {
    assert.deepEqual(parametersCellChanges([{}, { tags: ["parameters"] }], 1), []);
  });
});

describe("step markers", () => {
  it("writes nb2prod metadata, keeping the cell's other metadata and bringing an excluded cell back", () => {
    assert.deepEqual(withStepMarker({ tags: ["x"], nb2prod: { exclude: true, stage: "training" } }, "fit"), { tags: ["x"], nb2prod: { stage: "training", step: "fit" } });
  });

  it("renames a Kale step tag in place, so a notebook laid out for Kale stays readable by Kale", () => {
    const renamed = withStepMarker({ tags: ["block:data", "prev:x"] }, "inputs");
    assert.deepEqual(renamed, { tags: ["block:inputs", "prev:x"] });
    assert.equal(stepMarkerOf(renamed), "inputs");
  });

  it("removes nb2prod and Kale step markers and nothing else", () => {
    assert.deepEqual(withoutStepMarker({ tags: ["step:a", "skip"], nb2prod: { step: "a", stage: "training" } }), { tags: ["skip"], nb2prod: { stage: "training" } });
    assert.deepEqual(withoutStepMarker({ nb2prod: { step: "a" } }), {});
    assert.equal(stepMarkerOf({ tags: ["prev:a"] }), undefined);
  });

  it("renames prev: tags that name a step", () => {
    assert.deepEqual(withPrevTagRenamed({ tags: ["prev:a", "prev:b"] }, "a", "b"), { tags: ["prev:b"] });
  });
});
