// zod schema of an nbformat 4 notebook, as far as nb2prod reads it. It follows the
// official JSON schema (nbformat.v4.schema.json) where a notebook would not open in
// Jupyter otherwise, and is lenient where real notebooks stray from it without harm:
// missing cell metadata, outputs or execution_count, and cell ids of any shape.
// The inferred types are checked against @jupyterlab/nbformat's (see `Conforms`).
import type * as nbformat from "@jupyterlab/nbformat";
import { z } from "zod";

/** Compile-time check: the zod output type `T` fits the nbformat type `U`. */
type Conforms<T extends U, U> = T;

const multilineString = z.union([z.string(), z.array(z.string())], {
  error: "expected a string or a list of strings",
});

const jsonObject = z.record(z.string(), z.unknown(), { error: "expected an object" });

const cellBase = {
  id: z.string().optional(),
  source: multilineString,
  metadata: jsonObject.default({}),
};

const outputSchema = z.looseObject({ output_type: z.string() });

const codeCellSchema = z.looseObject({
  ...cellBase,
  cell_type: z.literal("code"),
  execution_count: z.number().int().nullable().default(null),
  outputs: z.array(outputSchema).default([]),
});

const markdownCellSchema = z.looseObject({
  ...cellBase,
  cell_type: z.literal("markdown"),
  attachments: jsonObject.optional(),
});

const rawCellSchema = z.looseObject({
  ...cellBase,
  cell_type: z.literal("raw"),
  attachments: jsonObject.optional(),
});

function describeCellType(input: unknown): string {
  const type = typeof input === "object" && input !== null && "cell_type" in input ? input.cell_type : undefined;
  if (type === undefined) return "the cell has no cell_type";
  return `unknown cell type ${JSON.stringify(type)} (expected code, markdown or raw)`;
}

export const ipynbCellSchema = z.discriminatedUnion("cell_type", [codeCellSchema, markdownCellSchema, rawCellSchema], {
  error: (issue) => describeCellType(issue.input),
});

const notebookMetadataSchema = z.looseObject({
  kernelspec: z.looseObject({ language: z.string().optional() }).optional(),
  language_info: z.looseObject({ name: z.string().optional() }).optional(),
});

export const ipynbNotebookSchema = z.looseObject({
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().nonnegative(),
  metadata: notebookMetadataSchema.default({}),
  cells: z.array(ipynbCellSchema, {
    error: (issue) => (issue.input === undefined ? 'the notebook has no "cells" list' : '"cells" is not a list'),
  }),
});

type NbCellFields = "id" | "cell_type" | "source";

export type IpynbCodeCell = Conforms<
  z.infer<typeof codeCellSchema>,
  Pick<nbformat.ICodeCell, NbCellFields | "execution_count">
>;
export type IpynbMarkdownCell = Conforms<z.infer<typeof markdownCellSchema>, Pick<nbformat.IMarkdownCell, NbCellFields>>;
export type IpynbRawCell = Conforms<z.infer<typeof rawCellSchema>, Pick<nbformat.IRawCell, NbCellFields>>;
export type IpynbCell = IpynbCodeCell | IpynbMarkdownCell | IpynbRawCell;
export type IpynbNotebook = Conforms<
  z.infer<typeof ipynbNotebookSchema>,
  Pick<nbformat.INotebookContent, "nbformat" | "nbformat_minor">
>;
