// The part every tree provider here shares: the model owns the change event, the provider
// forwards it to VS Code as "everything changed" (trees are small, models coalesce bursts).
import * as vscode from "vscode";

export abstract class ForwardingTreeProvider<Node> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(onModelChange: vscode.Event<void>) {
    this.subscription = onModelChange(() => {
      this.changeEmitter.fire(undefined);
    });
  }

  abstract getChildren(node?: Node): Node[];
  abstract getTreeItem(node: Node): vscode.TreeItem;

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
