// The real-VS-Code test layer: one code-server for the whole run, then
//  1. the extension-host suite (mocha inside VS Code, through the smoke-test driver), and
//  2. the UI smoke test (what a person sees and clicks), against the installed VSIX.
// Logs and screenshots are kept in test-results/vscode/.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchBrowser, remoteUri, workbenchUrl } from "./browser.mjs";
import { startCodeServer } from "./codeServer.mjs";
import { packageVsix } from "./packageVsix.mjs";
import { pythonEnvPaths } from "./pythonEnv.mjs";
import { runUiSmoke } from "../ui/uiSmoke.mjs";

const repoRoot = resolve(import.meta.dirname, "..", "..");
const EXTENSION_HOST_TIMEOUT_MS = 8 * 60_000;

function prepareWorkspace() {
  const workspace = mkdtempSync(join(tmpdir(), "nb2prod-ws-"));
  cpSync(join(repoRoot, "examples"), workspace, { recursive: true });
  return workspace;
}

function copyLogs(server, resultsDir) {
  const logs = join(server.userDataDir, "logs");
  if (existsSync(logs)) cpSync(logs, join(resultsDir, "vscode-logs"), { recursive: true });
}

async function runExtensionHostSuite(server, browser, resultsDir, log) {
  const workspace = prepareWorkspace();
  const page = await browser.newPage();
  page.on("console", (message) => log(`[ext-host] ${message.text()}`));
  const exitCode = new Promise((resolvePromise) => {
    void page.exposeFunction("codeAutomationExit", (code) => {
      resolvePromise(Number(code));
    });
  });
  const payload = [
    ["extensionDevelopmentPath", remoteUri(server, repoRoot)],
    ["extensionTestsPath", remoteUri(server, join(repoRoot, "out", "test", "vscode", "suite", "index"))],
  ];
  const started = Date.now();
  await page.goto(workbenchUrl(server, workspace, payload));
  let timer;
  const timeout = new Promise((resolvePromise) => {
    timer = setTimeout(() => resolvePromise("timeout"), EXTENSION_HOST_TIMEOUT_MS);
  });
  const outcome = await Promise.race([exitCode, timeout]);
  clearTimeout(timer);
  const summaryFile = join(resultsDir, "extension-host-summary.json");
  await page.screenshot({ path: join(resultsDir, "extension-host-final.png") }).catch(() => undefined);
  await page.close().catch(() => undefined);
  rmSync(workspace, { recursive: true, force: true });
  if (outcome === "timeout" || !existsSync(summaryFile)) {
    return {
      passed: 0,
      failed: 1,
      failures: [
        {
          title: "extension-host suite",
          error:
            outcome === "timeout"
              ? `no result within ${EXTENSION_HOST_TIMEOUT_MS / 1000} s`
              : `the suite exited with code ${outcome} without writing ${summaryFile} (see vscode-logs/*/exthost*/)`,
        },
      ],
      seconds: (Date.now() - started) / 1000,
    };
  }
  const summary = JSON.parse(readFileSync(summaryFile, "utf8"));
  return { ...summary, seconds: (Date.now() - started) / 1000 };
}

/** The test venv's interpreter for the real verify test, when `npm run python-env` has made it; else "" (that test is skipped). */
function testPython() {
  const { python, doneMarker } = pythonEnvPaths();
  return existsSync(doneMarker) ? python : "";
}

export async function runVscodeLayer({ log = console.log } = {}) {
  const resultsDir = join(repoRoot, "test-results", "vscode");
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const vsix = await packageVsix({ quiet: true });
  const server = await startCodeServer({
    logDir: resultsDir,
    smokeTestDriver: true,
    extensionsToInstall: [vsix.path],
    env: { NB2PROD_TEST_RESULTS: resultsDir, NB2PROD_TEST_PYTHON: testPython() },
  });
  log(`code-server ready at ${server.url}`);
  let browser;
  const results = [];
  try {
    browser = await launchBrowser();
    const hostResult = await runExtensionHostSuite(server, browser, resultsDir, (line) => {
      if (process.env.NB2PROD_VERBOSE) log(line);
    });
    results.push({ name: "extension host", ...hostResult });
    const uiWorkspace = prepareWorkspace();
    const uiResult = await runUiSmoke({ server, browser, workspace: uiWorkspace, resultsDir });
    results.push({ name: "UI smoke", ...uiResult });
    rmSync(uiWorkspace, { recursive: true, force: true });
  } finally {
    if (results.some((result) => result.failed > 0) || results.length < 2) copyLogs(server, resultsDir);
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
  return results;
}
