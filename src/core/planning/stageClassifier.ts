// Each code cell gets one stage and the evidence that decided it, shown to the user.
// Its own metadata decides first, then the strongest evidence from the stage rules; a
// cell with no evidence goes with its neighbour. Left-out cells are exploration
// (explorationPass.ts decides which cells are left out).
import type { StageEvidence } from "./cellEvidence";
import type { CellFacts } from "./cellFacts";
import type { CellRole } from "./cellRoles";
import type { Section } from "./headings";
import { HEADING_STAGES } from "./stageRules";
import type { Stage } from "./stages";
import { evidenceFor } from "./stageScore";

export interface ClassifiedCell {
  readonly position: number;
  readonly cellId: string;
  /** Position in the whole notebook (0-based). */
  readonly index: number;
  readonly stage: Stage;
  /** The stage comes from the cell itself (metadata or evidence), not from a neighbour. */
  readonly anchored: boolean;
  /** Total weight of the evidence for its stage; 0 when set by metadata or inherited. */
  readonly score: number;
  /** Why, in plain words. */
  readonly because: string;
  /** The evidence that decided, strongest first (at most three). */
  readonly evidence: readonly StageEvidence[];
}

const DEFAULT_STAGE: Stage = "preprocessing";

interface OwnStage {
  readonly stage: Stage;
  readonly score: number;
  readonly because: string;
  readonly evidence: readonly StageEvidence[];
}

export function classifyCells(facts: readonly CellFacts[], roles: readonly CellRole[], sections: readonly (Section | undefined)[] = []): ClassifiedCell[] {
  const own = facts.map((fact) => decidedStage(fact, roles[fact.position], sections[fact.position]));
  const isSource = (position: number): boolean => roles[position]?.kind === "step" && own[position] !== undefined;
  const previous = nearestSources(facts.length, isSource, false);
  const next = nearestSources(facts.length, isSource, true);
  return facts.map((fact) => {
    const decided = own[fact.position];
    // Written out, not spread: this runs for every cell on every re-plan.
    const base = { position: fact.position, cellId: fact.cell.id, index: fact.cell.index };
    if (decided !== undefined) return { position: base.position, cellId: base.cellId, index: base.index, stage: decided.stage, anchored: true, score: decided.score, because: decided.because, evidence: decided.evidence };
    const source = previous[fact.position] ?? next[fact.position];
    const stage = source === undefined ? DEFAULT_STAGE : (own[source]?.stage ?? DEFAULT_STAGE);
    const role = roles[fact.position];
    const because =
      role?.kind === "params"
        ? "Parameters cell: its values become typed params."
        : role?.kind === "shared"
          ? "Only imports, definitions or constants: shared with the steps that use them."
          : inheritedBecause(source === undefined ? undefined : facts[source], source === previous[fact.position]);
    return { position: base.position, cellId: base.cellId, index: base.index, stage, anchored: false, score: 0, because, evidence: [] };
  });
}

/**
 * The stage a cell decides itself, remembered with its facts (kept while the cell is
 * unchanged) for its role and section: re-planning after an edit decides it again for the
 * edited cell only, and its evidence stays the same array.
 */
function decidedStage(fact: CellFacts, role: CellRole | undefined, section: Section | undefined): OwnStage | undefined {
  const known = decided.get(fact);
  const reason = role?.kind === "excluded" ? role.reason : undefined;
  if (known !== undefined && known.role === role?.kind && known.reason === reason && known.heading === section?.title) return known.stage;
  const stage = ownStage(fact, role) ?? headingStage(fact, role, section);
  decided.set(fact, { role: role?.kind, reason, heading: section?.title, stage });
  return stage;
}

const decided = new WeakMap<CellFacts, { readonly role: CellRole["kind"] | undefined; readonly reason: string | undefined; readonly heading: string | undefined; readonly stage: OwnStage | undefined }>();

function ownStage(fact: CellFacts, role: CellRole | undefined): OwnStage | undefined {
  if (role?.kind === "excluded") {
    return { stage: "exploration", score: 0, because: role.reason, evidence: evidenceFor(fact.evidence, "exploration").slice(0, 3) };
  }
  if (role?.kind !== "step") return undefined;
  const marked = fact.markers.stage;
  if (marked !== undefined) return { stage: marked, score: 0, because: `Its metadata sets the stage (nb2prod.stage = "${marked}").`, evidence: [] };
  const score = fact.score;
  if (score.best === undefined) return undefined;
  const evidence = evidenceFor(fact.evidence, score.best).slice(0, 3);
  return { stage: score.best, score: score.bestScore, because: evidenceSentence(score.best, evidence), evidence };
}

/** A step cell without evidence of its own takes a stage its section's heading names (weakly: it still yields to evidence). */
function headingStage(fact: CellFacts, role: CellRole | undefined, section: Section | undefined): OwnStage | undefined {
  if (role?.kind !== "step" || section === undefined) return undefined;
  const hint = HEADING_STAGES.find((entry) => entry.words.test(section.title));
  if (hint === undefined) return undefined;
  const evidence: StageEvidence = { stage: hint.stage, weight: 1, text: section.title, says: `is the heading of its section`, keepsCell: false, marksExploration: false };
  return { stage: hint.stage, score: 1, because: `No stage-specific code; its section "${section.title}" is about ${hint.stage}.`, evidence: [evidence] };
}

function evidenceSentence(stage: Stage, evidence: readonly StageEvidence[]): string {
  const parts = evidence.slice(0, 2).map((item) => `${item.text}${item.line !== undefined ? ` (line ${item.line})` : ""} ${item.says}`);
  return `${stage.charAt(0).toUpperCase()}${stage.slice(1)}: ${parts.join("; ")}.`;
}

function inheritedBecause(source: CellFacts | undefined, before: boolean): string {
  if (source === undefined) return `No stage-specific code in the notebook; treated as ${DEFAULT_STAGE}.`;
  return `No stage-specific code; it goes with cell ${source.number} ${before ? "before" : "after"} it.`;
}

/** For each position, the nearest source position before it (or after it, when `forward`). */
function nearestSources(count: number, isSource: (position: number) => boolean, forward: boolean): (number | undefined)[] {
  const nearest: (number | undefined)[] = new Array<number | undefined>(count).fill(undefined);
  let last: number | undefined;
  for (let step = 0; step < count; step += 1) {
    const position = forward ? count - 1 - step : step;
    nearest[position] = last;
    if (isSource(position)) last = position;
  }
  return nearest;
}
