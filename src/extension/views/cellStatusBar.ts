// Shows each code cell's nb2prod role (step start, excluded, parameters) under the cell.
import * as vscode from "vscode";
import { PARAMETERS_TAG, readNb2prodMetadata, readTags } from "../../core/notebook/cellMetadata";
import { jupyterMetadataOf } from "../adapters/jupyterCellMetadata";

export class CellStatusBarProvider implements vscode.NotebookCellStatusBarItemProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCellStatusBarItems = this.changeEmitter.event;
  // VS Code does not re-query the items when only a cell's metadata changes: ask it to.
  private readonly subscription = vscode.workspace.onDidChangeNotebookDocument((event) => {
    if (event.cellChanges.some((change) => change.metadata !== undefined)) this.changeEmitter.fire();
  });

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  provideCellStatusBarItems(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem[] {
    if (cell.kind !== vscode.NotebookCellKind.Code) return [];
    const metadata = jupyterMetadataOf(cell);
    const items: vscode.NotebookCellStatusBarItem[] = [];
    const reading = readNb2prodMetadata(metadata);
    if (!reading.ok) {
      const item = new vscode.NotebookCellStatusBarItem("$(warning) nb2prod: invalid metadata", vscode.NotebookCellStatusBarAlignment.Left);
      item.tooltip = reading.problem;
      items.push(item);
    } else {
      if (reading.value.step !== undefined) {
        const item = new vscode.NotebookCellStatusBarItem(`$(split-vertical) step: ${reading.value.step}`, vscode.NotebookCellStatusBarAlignment.Left);
        item.tooltip = `nb2prod: a new pipeline step "${reading.value.step}" starts at this cell`;
        items.push(item);
      }
      if (reading.value.exclude === true) {
        const item = new vscode.NotebookCellStatusBarItem("$(eye-closed) excluded from pipeline", vscode.NotebookCellStatusBarAlignment.Left);
        item.tooltip = "nb2prod leaves this cell out of the generated pipeline";
        items.push(item);
      }
    }
    if (readTags(metadata).includes(PARAMETERS_TAG)) {
      const item = new vscode.NotebookCellStatusBarItem("$(settings) parameters", vscode.NotebookCellStatusBarAlignment.Left);
      item.tooltip = "nb2prod: this cell's values become the pipeline's typed parameters (params.yaml)";
      items.push(item);
    }
    return items;
  }
}
