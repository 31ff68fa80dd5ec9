import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Pass, SequenceCell } from "../../../src/core/planning/autoSegments";
import { autoSegments } from "../../../src/core/planning/autoSegments";

const anchored = (stage: SequenceCell["stage"]): SequenceCell => ({ stage, anchored: true });
const floating = (stage: SequenceCell["stage"]): SequenceCell => ({ stage, anchored: false });
const bounds = (segments: ReturnType<typeof autoSegments>): string[] => segments.map((segment) => `${segment.start}-${segment.end}`);

describe("autoSegments: boundaries where the stage changes", () => {
  it("keeps one segment while the stage stays the same", () => {
    assert.deepEqual(bounds(autoSegments([anchored("training"), floating("training"), anchored("training")], [])), ["0-3"]);
  });

  it("cuts at each stage change and says which stages and values the cut separates", () => {
    const passes: Pass[] = [{ name: "df", from: 0, to: 1 }, { name: "X", from: 1, to: 2 }];
    const segments = autoSegments([anchored("ingestion"), anchored("preprocessing"), anchored("training")], passes);
    assert.deepEqual(bounds(segments), ["0-1", "1-2", "2-3"]);
    assert.equal(segments[0]?.cut, undefined);
    assert.deepEqual(segments[1]?.cut, { from: "ingestion", to: "preprocessing", passes: ["df"] });
    assert.deepEqual(segments[2]?.cut, { from: "preprocessing", to: "training", passes: ["X"] });
  });

  it("puts cells without evidence on the side where the cut passes fewest values", () => {
    // 0 loads `raw`; 1 and 2 unpack it into a, b, c; 3 uses all three.
    const passes: Pass[] = [
      { name: "raw", from: 0, to: 1 },
      { name: "raw", from: 0, to: 2 },
      { name: "a", from: 1, to: 3 },
      { name: "b", from: 2, to: 3 },
      { name: "c", from: 2, to: 3 },
    ];
    const cells = [anchored("ingestion"), floating("ingestion"), floating("ingestion"), anchored("preprocessing")];
    const segments = autoSegments(cells, passes);
    assert.deepEqual(bounds(segments), ["0-1", "1-4"]);
    assert.deepEqual(segments[1]?.cut?.passes, ["raw"]);
  });

  it("on a tie, cuts as late as possible: cells without evidence stay with the step before", () => {
    const passes: Pass[] = [{ name: "df", from: 0, to: 1 }, { name: "df", from: 1, to: 2 }];
    const segments = autoSegments([anchored("ingestion"), floating("ingestion"), anchored("training")], passes);
    assert.deepEqual(bounds(segments), ["0-2", "2-3"]);
  });

  it("counts a value once however many cells read it across the cut", () => {
    const passes: Pass[] = [
      { name: "df", from: 0, to: 2 },
      { name: "df", from: 0, to: 3 },
      { name: "y", from: 1, to: 3 },
    ];
    const segments = autoSegments([anchored("ingestion"), anchored("ingestion"), anchored("training"), anchored("training")], passes);
    assert.deepEqual(segments[1]?.cut?.passes, ["df", "y"]);
  });

  it("returns nothing for no cells", () => {
    assert.deepEqual(autoSegments([], []), []);
  });
});
