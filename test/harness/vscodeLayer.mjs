// The real-VS-Code test layer, one browser and two code-servers one after the other:
//  1. the extension-host suite (mocha inside VS Code, through the smoke-test driver), and
//  2. the UI smoke test (what a person sees and clicks, notifications included), against
//     the installed VSIX in a code-server started as `npm start` starts it.
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

/** A fresh copy of the example notebooks (test/fixtures/examples, not examples/: a user may have changed those). */
function prepareWorkspace() {
  const workspace = mkdtempSync(join(tmpdir(), "nb2prod-ws-"));
  cpSync(join(repoRoot, "test", "fixtures", "examples"), workspace, { recursive: true });
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
  const results = [];
  let browser;
  try {
    browser = await launchBrowser();
    // The extension-host suite needs the smoke-test driver (it runs the suite from the URL
    // payload); the driver also silences notifications, so the UI smoke test gets its own
    // code-server without it: the editor a user gets, with the VSIX installed.
    const hostServer = await startCodeServer({
      logDir: join(resultsDir, "extension-host"),
      smokeTestDriver: true,
      env: { NB2PROD_TEST_RESULTS: resultsDir, NB2PROD_TEST_PYTHON: testPython() },
    });
    log(`code-server for the extension-host suite ready at ${hostServer.url}`);
    try {
      const hostResult = await runExtensionHostSuite(hostServer, browser, resultsDir, (line) => {
        if (process.env.NB2PROD_VERBOSE) log(line);
      });
      results.push({ name: "extension host", ...hostResult });
    } finally {
      if (results.length < 1 || results[0].failed > 0) copyLogs(hostServer, join(resultsDir, "extension-host"));
      await hostServer.stop();
    }
    const uiServer = await startCodeServer({ logDir: join(resultsDir, "ui"), extensionsToInstall: [vsix.path], settings: { "files.autoSave": "off" } });
    log(`code-server for the UI smoke test ready at ${uiServer.url}`);
    const uiWorkspace = prepareWorkspace();
    try {
      const uiResult = await runUiSmoke({ server: uiServer, browser, workspace: uiWorkspace, resultsDir });
      results.push({ name: "UI smoke", ...uiResult });
    } finally {
      if (results.length < 2 || results[1].failed > 0) copyLogs(uiServer, join(resultsDir, "ui"));
      rmSync(uiWorkspace, { recursive: true, force: true });
      await uiServer.stop();
    }
  } finally {
    await browser?.close().catch(() => undefined);
  }
  return results;
}
