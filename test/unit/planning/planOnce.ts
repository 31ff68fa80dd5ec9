// Plans one notebook in a fresh process (no planning caches) and prints the plan as JSON:
// the reference the re-planning test compares its warm-cache plans with.
//   node out/test/unit/planning/planOnce.js <notebook-model.json>
import { readFileSync } from "node:fs";
import type { NotebookModel } from "../../../src/core/notebook/notebookModel";
import { PlanChain } from "./planChain";

async function main(): Promise<void> {
  const notebook = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as NotebookModel;
  const chain = await PlanChain.load();
  process.stdout.write(JSON.stringify(chain.planNotebook(notebook).plan));
  chain.dispose();
}

void main();
