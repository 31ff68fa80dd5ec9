// Pipeline stages in pipeline order, plus `exploration` for cells that feed nothing
// downstream (plots, `df.head()`) and are left out of the pipeline.
export const PIPELINE_STAGES = [
  "ingestion",
  "validation",
  "preprocessing",
  "training",
  "evaluation",
  "registration",
  "deployment",
] as const;

export const STAGES = [...PIPELINE_STAGES, "exploration"] as const;

export type Stage = (typeof STAGES)[number];
