// Deliberate or understood differences between the analyser and the reference, each with
// its reason. A disagreement in the differential test must match one of these, or be fixed.

export interface FieldDiff {
  readonly onlyAnalyser: readonly string[];
  readonly onlyReference: readonly string[];
}

export interface Disagreement {
  readonly source: string;
  /** Syntax errors the analyser reported on a cell that Python's own parser accepts. */
  readonly analyserSyntaxErrors: number;
  readonly defines: FieldDiff | undefined;
  readonly reads: FieldDiff | undefined;
}

interface KnownDifference {
  readonly explanation: string;
  readonly matches: (disagreement: Disagreement) => boolean;
}

const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    explanation:
      "tree-sitter-python rejects a few forms CPython accepts (seen: a continuation line inside brackets " +
      "indented less than its enclosing block); the analyser then works on the recovered tree.",
    matches: (disagreement) => disagreement.analyserSyntaxErrors > 0,
  },
];

export function explainDisagreement(disagreement: Disagreement): string | undefined {
  return KNOWN_DIFFERENCES.find((known) => known.matches(disagreement))?.explanation;
}
