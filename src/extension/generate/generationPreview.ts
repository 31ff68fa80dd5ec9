// The preview before anything is written: every file generation would create or
// replace, all picked, each with a button that opens what nb2prod would write (a diff
// against the file on disk when there is one). Closing the picker writes nothing.
//
// Why not VS Code's Refactor Preview (a WorkspaceEdit whose entries need confirmation)?
// It works in code-server, but such entries start unchecked, so "Apply" writes nothing
// until the user ticks every one of ~30 files.
import * as vscode from "vscode";
import type { PlannedWrite } from "../../core/codegen/writeFilePlan";
import type { GeneratedContentProvider } from "./conflictReview";

const COMPARE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("diff"), tooltip: "Show what nb2prod would write" };

const BACK = "Back to the Preview";
const CANCEL = "Cancel Generation";

interface FileItem extends vscode.QuickPickItem {
  readonly write: PlannedWrite;
}

/** The writes that change the disk: new files and generated files nobody has edited. */
export function changingWrites(writes: readonly PlannedWrite[]): PlannedWrite[] {
  return writes.filter((write) => write.outcome === "created" || write.outcome === "updated");
}

export async function showGenerated(write: PlannedWrite, provider: GeneratedContentProvider): Promise<void> {
  const generated = provider.documentFor(write.target, write.file.content);
  if (write.existing === undefined) {
    await vscode.window.showTextDocument(generated, { preview: true });
  } else {
    await vscode.commands.executeCommand("vscode.diff", vscode.Uri.file(write.target), generated, `${write.path}: on disk ↔ nb2prod's`, { preview: true });
  }
}

function itemOf(write: PlannedWrite): FileItem {
  const verb = write.outcome === "created" ? "new" : "regenerated (unchanged by you since nb2prod wrote it)";
  return { label: write.path, description: verb, picked: true, buttons: [COMPARE], write };
}

/** The writes the user accepts, or undefined when they cancel. */
export function previewWrites(writes: readonly PlannedWrite[], projectLabel: string, provider: GeneratedContentProvider, trusted: boolean): Promise<PlannedWrite[] | undefined> {
  const picker = vscode.window.createQuickPick<FileItem>();
  const items = changingWrites(writes).map(itemOf);
  const conflicts = writes.filter((write) => write.outcome === "conflict").length;
  picker.title = `nb2prod: write ${items.length} files to ${projectLabel}?`;
  // In an untrusted workspace generation only writes text files; it runs nothing (no Python, no tests, no pip).
  const untrusted = trusted ? "" : " Restricted Mode: nb2prod only writes these files and runs nothing here.";
  picker.placeholder = `Enter writes the checked files; Escape writes nothing.${conflicts > 0 ? ` ${conflicts} file(s) you changed are left alone.` : ""}${untrusted}`;
  picker.canSelectMany = true;
  picker.ignoreFocusOut = true;
  picker.items = items;
  picker.selectedItems = items;
  return new Promise((resolve) => {
    let accepted = false;
    // While the user looks at one file the picker steps aside (it would cover the file),
    // keeping what is checked; a notification brings it back or cancels.
    let reviewing = false;
    const finish = (writes: PlannedWrite[] | undefined): void => {
      resolve(writes);
      picker.dispose();
    };
    picker.onDidTriggerItemButton((event) => {
      reviewing = true;
      const checked = picker.selectedItems;
      picker.hide();
      void showGenerated(event.item.write, provider)
        .then(() => vscode.window.showInformationMessage(`nb2prod: this is what Generate would write to ${event.item.write.path}. Nothing is written yet.`, BACK, CANCEL))
        .then((choice) => {
          reviewing = false;
          if (choice !== BACK) {
            finish(undefined);
            return;
          }
          picker.show();
          picker.selectedItems = checked;
        });
    });
    picker.onDidAccept(() => {
      accepted = true;
      const writes = picker.selectedItems.map((item) => item.write);
      picker.hide();
      finish(writes);
    });
    picker.onDidHide(() => {
      if (!accepted && !reviewing) finish(undefined);
    });
    picker.show();
  });
}
