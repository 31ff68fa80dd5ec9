// Every command id in one place; package.json `contributes.commands` lists the same ids
// (a unit test keeps the two in step).
export const CommandId = {
  analyzeNotebook: "nb2prod.analyzeNotebook",
  refreshPipeline: "nb2prod.refreshPipeline",
  startStepHere: "nb2prod.startStepHere",
  toggleExcludeCell: "nb2prod.toggleExcludeCell",
  markParametersCell: "nb2prod.markParametersCell",
  revealCell: "nb2prod.revealCell",
  showLog: "nb2prod.showLog",
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

export const ContextKey = {
  hasAnalysis: "nb2prod.hasAnalysis",
} as const;
