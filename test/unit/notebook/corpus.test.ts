// Every real notebook of the shared corpus reads into the model it describes.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { z } from "zod";
import { NodeFileSystem } from "../../../src/core/nodeFileSystem";
import { readIpynb } from "../../../src/core/notebook/ipynbReader";
import { readNotebookFile } from "../../../src/core/notebook/notebookReader";
import { corpusDir, corpusNotebooks } from "./notebookFiles";

// A plain reading of the JSON, independent of the reader under test.
const plainNotebook = z.object({
  cells: z.array(z.object({ cell_type: z.string(), source: z.union([z.string(), z.array(z.string())]) })),
});

describe("corpus notebooks", () => {
  for (const name of corpusNotebooks()) {
    it(`${name} reads with the cells JSON.parse sees`, async () => {
      const path = join(corpusDir, name);
      const text = readFileSync(path, "utf8");
      const plain = plainNotebook.parse(JSON.parse(text));
      const notebook = await readNotebookFile(new NodeFileSystem(), path);
      assert.equal(notebook.origin, path);
      assert.equal(notebook.cells.length, plain.cells.length);
      assert.deepEqual(notebook.cells.map((cell) => cell.kind), plain.cells.map((cell) => cell.cell_type));
      const sources = plain.cells.map((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source));
      assert.deepEqual(notebook.cells.map((cell) => cell.source), sources);
      assert.deepEqual(notebook.cells.map((cell) => cell.index), plain.cells.map((_, index) => index));
      assert.equal(new Set(notebook.cells.map((cell) => cell.id)).size, notebook.cells.length, "ids are unique");
      assert.deepEqual(readIpynb(text, path), notebook, "reading the same text again gives the same model");
    });
  }
});
