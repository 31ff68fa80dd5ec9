// Every command id in one place; package.json `contributes.commands` lists the same ids
// (a unit test keeps the two in step).
export const CommandId = {
  analyzeNotebook: "nb2prod.analyzeNotebook",
  refreshPipeline: "nb2prod.refreshPipeline",
  startStepHere: "nb2prod.startStepHere",
  /** The same, for the cell toolbar button: VS Code also lists it in the right-click menu, where its title says nb2prod. */
  startStepHereFromToolbar: "nb2prod.startStepHereFromToolbar",
  toggleExcludeCell: "nb2prod.toggleExcludeCell",
  markParametersCell: "nb2prod.markParametersCell",
  renameStep: "nb2prod.renameStep",
  mergeWithPreviousStep: "nb2prod.mergeWithPreviousStep",
  moveCellToStep: "nb2prod.moveCellToStep",
  assignSelectedCellsToStep: "nb2prod.assignSelectedCellsToStep",
  runStep: "nb2prod.runStep",
  revealCell: "nb2prod.revealCell",
  showLog: "nb2prod.showLog",
  generatePipeline: "nb2prod.generatePipeline",
  undoGeneration: "nb2prod.undoGeneration",
  verifyPipeline: "nb2prod.verifyPipeline",
  checkDrift: "nb2prod.checkDrift",
  runPipeline: "nb2prod.runPipeline",
  refreshRuns: "nb2prod.refreshRuns",
  openRunEvents: "nb2prod.openRunEvents",
  showRunLineage: "nb2prod.showRunLineage",
  openRunInMlflow: "nb2prod.openRunInMlflow",
  openRunInPrefect: "nb2prod.openRunInPrefect",
  cancelRun: "nb2prod.cancelRun",
  startPrefectServer: "nb2prod.startPrefectServer",
  stopPrefectServer: "nb2prod.stopPrefectServer",
  openPrefectUi: "nb2prod.openPrefectUi",
  /** The status bar item's menu: Open UI, Start or Stop. */
  prefectServerMenu: "nb2prod.prefectServerMenu",
  showPipelineGraph: "nb2prod.showPipelineGraph",
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

export const ContextKey = {
  hasAnalysis: "nb2prod.hasAnalysis",
  canUndoGeneration: "nb2prod.canUndoGeneration",
} as const;
