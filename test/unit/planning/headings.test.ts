import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { markdownHeadings, sectionsOfCodeCells } from "../../../src/core/planning/headings";
import { md, notebookOf } from "./planTestKit";

describe("markdownHeadings", () => {
  const cases: readonly [string, string[]][] = [
    ["# Title", ["Title"]],
    ["### Deep *emphasis* ###", ["Deep emphasis"]],
    ["## Using [GridSearchCV](https://x.org) ([video](y))", ["Using GridSearchCV (video)"]],
    ["Setext title\n============", ["Setext title"]],
    ["text\n\n---\n", []],
    ["```python\n# a comment\n```\n## After", ["After"]],
    ['<h2 id="x">HTML heading</h2>', ["HTML heading"]],
    ["## train_test_split and __bold__", ["train_test_split and bold"]],
    ["#hashtag is not a heading", []],
    ["**Step 1:** bold is not a heading", []],
  ];
  for (const [source, expected] of cases) {
    it(JSON.stringify(source), () => {
      assert.deepEqual(markdownHeadings(source), expected);
    });
  }
});

describe("sectionsOfCodeCells", () => {
  it("gives each code cell the nearest heading above it, the last one of a cell", () => {
    const notebook = notebookOf([
      { id: "before" },
      md("h", "# Title\n## Load"),
      { id: "a" },
      md("h2", "## Load"),
      { id: "b" },
    ]);
    const sections = sectionsOfCodeCells(notebook);
    assert.deepEqual(sections.map((section) => section?.title), [undefined, "Load", "Load"]);
    assert.notEqual(sections[1]?.id, sections[2]?.id);
  });
});
