// `npm run test:electron`: the same extension-host suite, run by @vscode/test-electron in
// a downloaded VS Code desktop. Needs internet access to download VS Code; on machines
// without it, use `npm run test:vscode` (code-server, everything from the npm registry).
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runTests } from "@vscode/test-electron";

const repoRoot = resolve(import.meta.dirname, "..", "..");
const workspace = mkdtempSync(join(tmpdir(), "nb2prod-electron-ws-"));
cpSync(join(repoRoot, "examples"), workspace, { recursive: true });

try {
  const code = await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, "out", "test", "vscode", "suite", "index"),
    launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust"],
    extensionTestsEnv: { NB2PROD_TEST_RESULTS: join(repoRoot, "test-results", "electron") },
  });
  process.exit(code);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`test:electron could not run VS Code: ${message}`);
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|download/i.test(message)) {
    console.error("Downloading VS Code needs internet access. Without it, run: npm run test:vscode");
  }
  process.exit(1);
}
