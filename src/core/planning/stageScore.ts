// Adds up a cell's evidence per stage (stageRules.ts weights).
import type { StageEvidence } from "./cellEvidence";
import type { Stage } from "./stages";
import { PIPELINE_STAGES } from "./stages";

export interface StageScore {
  /**
   * The pipeline stage with the most evidence; undefined without evidence. Ties go to the
   * later stage: code that both fits and scores does the fitting in order to score.
   */
  readonly best: Stage | undefined;
  readonly bestScore: number;
  readonly explorationScore: number;
  /** Some evidence says the cell's effect matters even if nothing reads its values. */
  readonly keeps: boolean;
  /** Some evidence (a plot) says the cell is for looking at, if nothing reads its values. */
  readonly shows: boolean;
}

export function scoreEvidence(evidence: readonly StageEvidence[]): StageScore {
  const totals = new Map<Stage, number>();
  for (const item of evidence) totals.set(item.stage, (totals.get(item.stage) ?? 0) + item.weight);
  let best: Stage | undefined;
  let bestScore = 0;
  for (const stage of PIPELINE_STAGES) {
    const score = totals.get(stage) ?? 0;
    if (score > 0 && score >= bestScore) {
      best = stage;
      bestScore = score;
    }
  }
  return {
    best,
    bestScore,
    explorationScore: totals.get("exploration") ?? 0,
    keeps: evidence.some((item) => item.keepsCell),
    shows: evidence.some((item) => item.marksExploration),
  };
}

/** The evidence for `stage`, strongest first, then in source order. */
export function evidenceFor(evidence: readonly StageEvidence[], stage: Stage): StageEvidence[] {
  return evidence
    .filter((item) => item.stage === stage)
    .sort((a, b) => b.weight - a.weight || (a.line ?? 0) - (b.line ?? 0));
}
