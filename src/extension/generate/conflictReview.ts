// Reviewing a conflict: the user's file beside what nb2prod would have written, in a diff
// editor. nb2prod's side is a read-only virtual document, so nothing can be saved over
// the user's file from here.
import * as vscode from "vscode";
import type { PlannedWrite } from "../../core/codegen/writeFilePlan";
import { showGenerated } from "./generationPreview";

export const GENERATED_SCHEME = "nb2prod-generated";

export class GeneratedContentProvider implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  /** A read-only document holding `text`, named after the file it would replace. */
  documentFor(target: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: GENERATED_SCHEME, path: target });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "";
  }
}

export async function showConflicts(writes: readonly PlannedWrite[], provider: GeneratedContentProvider): Promise<void> {
  const conflicts = writes.filter((write) => write.outcome === "conflict");
  const picked = await vscode.window.showQuickPick(
    conflicts.map((write) => ({ label: write.path, detail: write.reason, write })),
    { title: "Files nb2prod left alone: pick one to compare with what nb2prod would write", matchOnDetail: true },
  );
  if (picked !== undefined) await showGenerated(picked.write, provider);
}
