// nb2prod's cell metadata convention (DESIGN.md): `metadata.nb2prod = {step, stage, exclude}`
// in the Jupyter cell metadata, plus papermill's `parameters` tag. Pure functions that
// return new metadata objects; the caller decides how to write them (with undo).
import { z } from "zod";
import { STAGES } from "../planning/stages";

export const NB2PROD_METADATA_KEY = "nb2prod";
export const PARAMETERS_TAG = "parameters";

export const nb2prodCellMetadataSchema = z.looseObject({
  step: z.string().optional(),
  stage: z.enum(STAGES).optional(),
  exclude: z.boolean().optional(),
});

export type Nb2prodCellMetadata = z.infer<typeof nb2prodCellMetadataSchema>;

export type JupyterCellMetadata = Readonly<Record<string, unknown>>;

export type MetadataReading =
  | { readonly ok: true; readonly value: Nb2prodCellMetadata }
  | { readonly ok: false; readonly problem: string };

/** Reads `metadata.nb2prod`; a hand-edited value of the wrong shape is reported, not dropped. */
export function readNb2prodMetadata(metadata: JupyterCellMetadata): MetadataReading {
  const raw = metadata[NB2PROD_METADATA_KEY];
  if (raw === undefined) return { ok: true, value: {} };
  const parsed = nb2prodCellMetadataSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue ? issue.path.map(String).join(".") : "";
  return {
    ok: false,
    problem: `metadata.nb2prod${where ? `.${where}` : ""} is invalid: ${issue?.message ?? "unexpected value"}`,
  };
}

export function readTags(metadata: JupyterCellMetadata): string[] {
  const tags = metadata.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
}

function withNb2prod(metadata: JupyterCellMetadata, patch: Nb2prodCellMetadata): Record<string, unknown> {
  const reading = readNb2prodMetadata(metadata);
  const current = reading.ok ? reading.value : {};
  const merged = Object.fromEntries(
    Object.entries({ ...current, ...patch }).filter(([, value]) => value !== undefined),
  );
  const rest = Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== NB2PROD_METADATA_KEY));
  return Object.keys(merged).length === 0 ? rest : { ...rest, [NB2PROD_METADATA_KEY]: merged };
}

/** Marks the cell as the first cell of step `stepName`. */
export function startStepAt(metadata: JupyterCellMetadata, stepName: string): Record<string, unknown> {
  return withNb2prod(metadata, { step: stepName, exclude: undefined });
}

/** Flips `exclude`; returns the new metadata and whether the cell is now excluded. */
export function toggleExcluded(metadata: JupyterCellMetadata): {
  metadata: Record<string, unknown>;
  excluded: boolean;
} {
  const reading = readNb2prodMetadata(metadata);
  const excluded = !(reading.ok && reading.value.exclude === true);
  return { metadata: withNb2prod(metadata, { exclude: excluded ? true : undefined }), excluded };
}

export function withTag(metadata: JupyterCellMetadata, tag: string): Record<string, unknown> {
  const tags = readTags(metadata);
  return tags.includes(tag) ? { ...metadata } : { ...metadata, tags: [...tags, tag] };
}

export function withoutTag(metadata: JupyterCellMetadata, tag: string): Record<string, unknown> {
  const tags = readTags(metadata).filter((existing) => existing !== tag);
  const next: Record<string, unknown> = { ...metadata };
  if (tags.length === 0) delete next.tags;
  else next.tags = tags;
  return next;
}

export interface CellMetadataChange {
  readonly index: number;
  readonly metadata: Record<string, unknown>;
}

/**
 * Papermill uses one parameters cell: tag the target and untag every other cell, so the
 * notebook keeps a single, unambiguous parameters cell.
 */
export function parametersCellChanges(
  cellsMetadata: readonly JupyterCellMetadata[],
  targetIndex: number,
): CellMetadataChange[] {
  const changes: CellMetadataChange[] = [];
  cellsMetadata.forEach((metadata, index) => {
    const tagged = readTags(metadata).includes(PARAMETERS_TAG);
    if (index === targetIndex && !tagged) changes.push({ index, metadata: withTag(metadata, PARAMETERS_TAG) });
    if (index !== targetIndex && tagged) changes.push({ index, metadata: withoutTag(metadata, PARAMETERS_TAG) });
  });
  return changes;
}

/** Kale's step tags: `step:<name>` and the older `block:<name>`. */
const KALE_STEP_TAG = /^(step|block):/;

/**
 * Makes the cell start (or continue, when an earlier cell has the same name) step
 * `stepName`. A cell marked with a Kale tag keeps Kale's convention (the tag is renamed),
 * so a notebook laid out for Kale stays readable by Kale.
 */
export function withStepMarker(metadata: JupyterCellMetadata, stepName: string): Record<string, unknown> {
  const reading = readNb2prodMetadata(metadata);
  const kaleTag = readTags(metadata).find((tag) => KALE_STEP_TAG.test(tag));
  if (kaleTag === undefined || (reading.ok && reading.value.step !== undefined)) return startStepAt(metadata, stepName);
  const prefix = kaleTag.slice(0, kaleTag.indexOf(":"));
  const tags = readTags(metadata).map((tag) => (tag === kaleTag ? `${prefix}:${stepName}` : tag));
  return withNb2prod({ ...metadata, tags }, { exclude: undefined });
}

/** The cell without a step marker of its own (nb2prod metadata or Kale tag). */
export function withoutStepMarker(metadata: JupyterCellMetadata): Record<string, unknown> {
  const tags = readTags(metadata).filter((tag) => !KALE_STEP_TAG.test(tag));
  const next: Record<string, unknown> = withNb2prod(metadata, { step: undefined });
  if (tags.length === readTags(metadata).length) return next;
  if (tags.length === 0) delete next.tags;
  else next.tags = tags;
  return next;
}

/** The step marker's name, from nb2prod metadata, else a Kale tag. */
export function stepMarkerOf(metadata: JupyterCellMetadata): string | undefined {
  const reading = readNb2prodMetadata(metadata);
  if (reading.ok && reading.value.step !== undefined) return reading.value.step;
  const kaleTag = readTags(metadata).find((tag) => KALE_STEP_TAG.test(tag));
  return kaleTag?.slice(kaleTag.indexOf(":") + 1);
}

/** Kale `prev:<from>` tags renamed to `prev:<to>` (a renamed or merged step). */
export function withPrevTagRenamed(metadata: JupyterCellMetadata, from: string, to: string): Record<string, unknown> {
  const tags = readTags(metadata);
  if (!tags.includes(`prev:${from}`)) return { ...metadata };
  return { ...metadata, tags: [...new Set(tags.map((tag) => (tag === `prev:${from}` ? `prev:${to}` : tag)))] };
}
