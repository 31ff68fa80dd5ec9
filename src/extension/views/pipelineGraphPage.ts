// The pipeline graph webview's page. It holds no notebook text: everything it shows comes
// later by message and is set as text by the webview script.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";

/** The page: a strict policy (only our script, by nonce, and our stylesheet); all content comes by message. */
export function pipelineGraphPage(webview: vscode.Webview, webviewRoot: vscode.Uri): string {
  const nonce = randomBytes(18).toString("base64");
  const script = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, "pipelineGraph.js")).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, "pipelineGraph.css")).toString();
  const policy = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Pipeline Graph</title>
</head>
<body>
<div id="toolbar" hidden>
  <span id="summary"></span>
  <span class="run-choice"><label for="run">Run</label><select id="run"></select></span>
  <button id="zoom" type="button">Actual size</button>
</div>
<div id="legend"></div>
<div id="notes"></div>
<main id="canvas"><div class="message"><h2>Loading the pipeline graph…</h2></div></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
