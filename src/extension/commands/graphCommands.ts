// Show Pipeline Graph: opens (or reveals) the graph panel of a notebook.
import * as vscode from "vscode";
import { CommandId } from "../commandIds";
import type { DisposableStore } from "../disposables";
import type { Log } from "../log";
import type { PipelineGraphPanels, PipelineGraphState } from "../views/pipelineGraphPanel";
import type { PipelineModel } from "../views/pipelineModel";
import { isUri, notebookFor } from "./notebookArg";
import { registerCommand } from "./registerCommand";

export function registerPipelineGraphCommand(store: DisposableStore, log: Log, model: PipelineModel, panels: PipelineGraphPanels): void {
  store.track(
    registerCommand(log, CommandId.showPipelineGraph, async (arg): Promise<PipelineGraphState> => {
      // From the Pipeline view's title bar, or with the graph focused, no notebook editor is
      // active: the notebook the Pipeline view shows is meant.
      const fallback = vscode.window.activeNotebookEditor === undefined ? model.analysis?.notebookUri : undefined;
      const notebook = await notebookFor(isUri(arg) ? arg : fallback, "nb2prod: Show Pipeline Graph");
      const state = panels.show(notebook.uri);
      if (model.analysis?.notebookUri.toString() !== notebook.uri.toString()) {
        await vscode.commands.executeCommand(CommandId.analyzeNotebook, notebook.uri);
      }
      return state;
    }),
  );
}
