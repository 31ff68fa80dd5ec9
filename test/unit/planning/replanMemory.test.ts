// Re-planning on every edit must not keep the earlier plans alive. The planner remembers
// per-cell and per-step results; an entry that held a whole plan's arrays kept that plan's
// cells alive, whose entries held the plan before, and so on: memory grew by about 65 KB
// per edit of a 200-cell notebook, without bound. What stays now is bounded by the
// source-keyed caches (the analyser's and the planner's scans), whose generations are
// sized to the notebooks planned.
import * as assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import { readIpynb } from "../../../src/core/notebook/ipynbReader";
import { editedCell, generatedNotebookText } from "../../generatedNotebook";
import { usePlanChain } from "./planChain";

const CORPUS = join(__dirname, "..", "..", "..", "..", "test", "fixtures", "corpus");

/** The generated notebook of `npm run bench analysis`, with `count` code cells. */
function generatedNotebook(count: number): NotebookModel {
  const sources = readdirSync(CORPUS)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .flatMap((name) => readIpynb(readFileSync(join(CORPUS, name), "utf8"), name).cells.filter((cell) => cell.kind === "code").map((cell) => cell.source));
  return readIpynb(generatedNotebookText(count, sources), "generated.ipynb");
}

function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
}

/** Heap growth per edit over `edits` edits, measured after `warmUpEdits` (each edit re-plans the notebook). */
function heapGrowthPerEdit(plan: (notebook: NotebookModel) => void, notebook: NotebookModel, warmUpEdits: number, edits: number): number {
  let round = 0;
  const typeEdits = (count: number): void => {
    for (let index = 0; index < count; index += 1, round += 1) plan(editedCell(notebook, round));
  };
  typeEdits(warmUpEdits);
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  typeEdits(edits);
  collectGarbage();
  return (process.memoryUsage().heapUsed - before) / edits;
}

describe("re-planning memory", () => {
  const plans = usePlanChain();
  const plan = (notebook: NotebookModel): void => {
    plans().planNotebook(notebook);
  };

  it("does not keep earlier plans alive while the user types", () => {
    const perEdit = heapGrowthPerEdit(plan, generatedNotebook(200), 60, 300);
    // About 18 KB per edit stay in the bounded caches (the new source's analysis, scan and
    // per-cell results); the leak kept about 65 KB per edit.
    assert.ok(perEdit < 35_000, `the heap grew by ${Math.round(perEdit / 1000)} KB per edit`);
  });

  it("stops growing once the sources typed over leave the caches", () => {
    // For a notebook this size the analyser keeps 512 sources and each scan-cache
    // generation holds 512: after 1,200 edits, what was typed over before is gone.
    const perEdit = heapGrowthPerEdit(plan, generatedNotebook(40), 1200, 1200);
    // When the scan cache kept 5,000 sources per generation and the analyser 10,000,
    // whatever the notebook, about 11.5 KB per edit stayed here.
    assert.ok(perEdit < 3_000, `the heap grew by ${(perEdit / 1000).toFixed(1)} KB per edit`);
  });
});
