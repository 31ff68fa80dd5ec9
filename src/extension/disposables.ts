import type * as vscode from "vscode";

/** Owns disposables and releases them in reverse order of registration. */
export class DisposableStore implements vscode.Disposable {
  private readonly items: vscode.Disposable[] = [];
  private disposed = false;

  track<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.push(item);
    }
    return item;
  }

  dispose(): void {
    this.disposed = true;
    while (this.items.length > 0) {
      this.items.pop()?.dispose();
    }
  }
}
