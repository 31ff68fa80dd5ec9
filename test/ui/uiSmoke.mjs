// UI smoke test: what a person sees in the real VS Code (code-server + Chromium) with the
// packaged extension installed. Each check is counted; a screenshot is saved after every
// check, and the page's state on failure.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { workbenchUrl } from "../harness/browser.mjs";

const runFixtures = join(import.meta.dirname, "..", "fixtures", "runs");

const UI_TIMEOUT_MS = 60_000;

async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  await page.keyboard.press("Enter");
}

async function openFile(page, name) {
  await page.keyboard.press("Control+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  await input.fill(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press("Enter");
}

/**
 * Opens a right-click menu with `open` until `shown` (one of its items) is visible: a
 * right-click that only closes a transient widget opens no menu, so it tries once more.
 * Then waits out the menu's fade-in: a click during the animation can miss.
 */
async function openContextMenu(page, open, shown) {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    await open();
    try {
      await shown.waitFor({ state: "visible", timeout: attempt === 1 ? 10_000 : UI_TIMEOUT_MS });
      break;
    } catch (error) {
      if (attempt === 2) throw error;
      await page.keyboard.press("Escape");
    }
  }
  await page.waitForTimeout(500);
}

/** The first line of the extension's log (in the server's user data) that matches `pattern`. */
async function waitForLogLine(server, pattern, timeoutMs = 15_000) {
  const logsDir = join(server.userDataDir, "logs");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = existsSync(logsDir) ? readdirSync(logsDir, { recursive: true }).filter((name) => String(name).endsWith("nb2prod.log")) : [];
    for (const file of files) {
      const line = readFileSync(join(logsDir, String(file)), "utf8").split("\n").find((candidate) => pattern.test(candidate));
      if (line !== undefined) return line;
    }
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in the nb2prod log under ${logsDir}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function runUiSmoke({ server, browser, workspace, resultsDir }) {
  const page = await browser.newPage();
  const sidebar = page.locator('[id="workbench.view.extension.nb2prod"]');
  const started = Date.now();
  const failures = [];
  const passedTitles = [];
  let step = 0;
  const check = async (title, body) => {
    step += 1;
    const shot = join(resultsDir, `ui-${String(step).padStart(2, "0")}-${title.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.png`);
    try {
      await body();
      passedTitles.push(title);
    } catch (error) {
      failures.push({ title: `UI smoke: ${title}`, error: error instanceof Error ? error.message : String(error) });
    }
    await page.screenshot({ path: shot }).catch(() => undefined);
  };

  await check("the workbench opens the examples folder", async () => {
    await page.goto(workbenchUrl(server, workspace));
    await page.locator(".monaco-workbench").waitFor({ timeout: 120_000 });
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "iris_classifier.ipynb" }).waitFor({ timeout: 120_000 });
  });

  await check("an example notebook opens in the notebook editor", async () => {
    await openFile(page, "iris_classifier.ipynb");
    await page.locator(".notebook-editor .code-cell-row").first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await check("opening a notebook shows its suggested steps in the Pipeline view, with no command run", async () => {
    await page.getByRole("tab", { name: /^Notebook to Production/ }).first().click();
    await sidebar.locator(".monaco-list-row", { hasText: "Pipeline steps" }).filter({ hasText: "6 steps" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: join(resultsDir, "ui-pipeline-view-on-open.png") }).catch(() => undefined);
  });

  await check("nb2prod: Analyze Notebook from the command palette shows the suggested steps", async () => {
    await runCommand(page, "nb2prod: Analyze Notebook");
    // examples/iris_classifier.ipynb: 14 cells, one markdown section per stage → 6 steps.
    const root = sidebar.locator(".monaco-list-row", { hasText: "iris_classifier.ipynb" }).first();
    await root.filter({ hasText: "14 cells" }).waitFor({ timeout: UI_TIMEOUT_MS });
    await sidebar.locator(".monaco-list-row", { hasText: "Pipeline steps" }).filter({ hasText: "6 steps" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await sidebar.locator(".monaco-list-row", { hasText: "4. train" }).filter({ hasText: "training" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await check("a cell's right-click menu has an nb2prod submenu that excludes the cell, shown in its status bar", async () => {
    await page.keyboard.press("Escape");
    const cell = page.locator(".notebook-editor .code-cell-row").nth(1);
    const submenu = page.locator(".context-view .action-label", { hasText: /^nb2prod$/ }).first();
    const item = page.locator(".context-view .action-label", { hasText: "Exclude from Pipeline" }).first();
    // Select the cell, then right-click it: the menu passes no cell, the selection decides.
    await openContextMenu(page, async () => {
      await cell.locator(".cell-focus-indicator-left").first().click();
      await cell.locator(".cell-focus-indicator-left").first().click({ button: "right" });
    }, submenu);
    await submenu.hover();
    await item.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: join(resultsDir, "ui-cell-menu.png") }).catch(() => undefined);
    await item.click();
    await page
      .locator(".notebook-editor .cell-statusbar-container", { hasText: "excluded from pipeline" })
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await check("right-clicking inside a cell's code passes that cell's Uri, and Rename Step… renames that cell's step; a step in the Pipeline view has the step commands too", async () => {
    await page.keyboard.press("Escape");
    const rows = page.locator(".notebook-editor .code-cell-row");
    const selected = rows.nth(0); // selected first: the imports cell, shared code, in no step
    const clicked = rows.nth(2); // the "Validate" section's cell: step validate (rows are rendered only near the viewport)
    const submenu = page.locator(".context-view .action-label", { hasText: /^nb2prod$/ }).first();
    const rename = page.locator(".context-view .action-label", { hasText: "Rename Step…" }).first();
    // What the notebook list shows after the right-click (reported, not asserted: the API sees selections only).
    const classes = async (row) => ((await row.getAttribute("class")) ?? "").split(/\s+/).filter((name) => ["focused", "selected"].includes(name)).join("+") || "none";
    await openContextMenu(page, async () => {
      await selected.locator(".cell-focus-indicator-left").first().click();
      await clicked.locator(".view-lines").first().click({ button: "right" });
      console.log(`UI smoke: after a right-click in a cell's code, the selected cell's row is ${await classes(selected)}, the right-clicked cell's row ${await classes(clicked)}`);
    }, submenu);
    await submenu.hover();
    await rename.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: join(resultsDir, "ui-code-context-menu.png") }).catch(() => undefined);
    await rename.click();
    await page.locator(".quick-input-widget .quick-input-title", { hasText: "Rename step validate" }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator(".quick-input-widget input").fill("check_data");
    await page.keyboard.press("Enter");
    await sidebar.locator(".monaco-list-row", { hasText: "check_data" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    // The command got the cell's Uri (the log names the argument's keys), not `{from: "cellContainer"}`.
    const logged = await waitForLogLine(server, /command nb2prod\.renameStep \(\{scheme, /);
    console.log(`UI smoke: the code's menu passed ${logged.slice(logged.indexOf("("))}`);

    // A step in the Pipeline view has the step commands in its right-click menu.
    await openContextMenu(
      page,
      () => sidebar.locator(".monaco-list-row", { hasText: "check_data" }).first().click({ button: "right" }),
      page.locator(".context-view .action-label", { hasText: "Merge With Previous Step" }).first(),
    );
    await page.locator(".context-view .action-label", { hasText: "Rename Step…" }).first().click();
    await page.locator(".quick-input-widget .quick-input-title", { hasText: "Rename step check_data" }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press("Escape");

    // The frame's right-click menu instead: does it change the selection in this version?
    await selected.locator(".cell-focus-indicator-left").first().click();
    const other = rows.nth(2);
    await other.locator(".cell-focus-indicator-left").first().click({ button: "right" });
    await submenu.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS }).catch(() => undefined);
    console.log(`UI smoke: after a right-click on a cell's frame, the selected cell's row is ${await classes(selected)}, the right-clicked cell's row ${await classes(other)}`);
    await page.keyboard.press("Escape");
  });

  await check("the nb2prod activity-bar icon (Notebook to Production) opens the sidebar with Pipeline, Runs and Lineage", async () => {
    // Show the Explorer first: clicking the icon of the container already shown would hide it.
    await page.keyboard.press("Control+Shift+E");
    await page.locator(".explorer-folders-view").waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole("tab", { name: /^Notebook to Production/ }).first().click();
    for (const title of ["Pipeline", "Runs", "Lineage"]) {
      await sidebar.locator(".pane-header", { hasText: title }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    }
    await sidebar.getByText("No pipeline runs yet.", { exact: false }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await check("a run recorded in the workspace appears in the Runs view, with its status and duration", async () => {
    // The first run of a workspace creates .nb2prod/runs/<id>/ at once: the view must notice.
    const runDir = join(workspace, ".nb2prod", "runs", "20261130T103625Z-96e25e93");
    mkdirSync(runDir, { recursive: true });
    copyFileSync(join(runFixtures, "diabetes-completed.events.jsonl"), join(runDir, "events.jsonl"));
    await sidebar.locator(".monaco-list-row", { hasText: "diabetes-regression" }).filter({ hasText: "570 ms" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await check("selecting the run shows its artifacts in the Lineage view", async () => {
    await sidebar.locator(".monaco-list-row", { hasText: "diabetes-regression" }).first().click();
    const lineage = sidebar.locator(".pane", { has: page.locator(".pane-header", { hasText: "Lineage" }) });
    await lineage.locator(".monaco-list-row", { hasText: "Artifacts" }).filter({ hasText: "10" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await lineage.locator(".monaco-list-row", { hasText: "regressor" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await check("Generate Pipeline previews every file, writes them on Enter and says so", async () => {
    await openFile(page, "diabetes_regression.ipynb");
    await page.locator(".notebook-editor .code-cell-row").first().waitFor({ timeout: UI_TIMEOUT_MS });
    await runCommand(page, "nb2prod: Generate Pipeline");
    // The preview: one checked row per file, nothing written yet.
    const preview = page.locator(".quick-input-widget");
    await preview.getByText("nb2prod: write", { exact: false }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await preview.locator(".monaco-list-row", { hasText: "nb2prod.json" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: join(resultsDir, "ui-generate-preview.png") }).catch(() => undefined);
    // A file's button shows what nb2prod would write: the preview steps aside, and a
    // notification brings it back with the same files checked.
    const row = preview.locator(".monaco-list-row", { hasText: "params.yaml" }).first();
    await row.hover();
    await row.locator(".action-label[aria-label*='Show what nb2prod would write'], .action-label[title*='Show what nb2prod would write']").first().click();
    const back = page.locator(".notifications-toasts .notification-toast", { hasText: "Nothing is written yet" }).first();
    await back.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator(".tab", { hasText: "params.yaml" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: join(resultsDir, "ui-generate-preview-file.png") }).catch(() => undefined);
    await back.getByText("Back to the Preview").first().click();
    await preview.getByText("nb2prod: write", { exact: false }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+Shift+E");
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "pipelines" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    // The result shows as a toast (the editor a user gets shows notifications), with its actions.
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: /Generated \d+ files in pipelines\/diabetes_regression/ }).first();
    await toast.waitFor({ timeout: UI_TIMEOUT_MS });
    await toast.getByText("Open README").first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: join(resultsDir, "ui-toast.png") }).catch(() => undefined);
  });

  await check("Show Pipeline Graph draws the plan with the latest run: steps coloured by stage, artifacts hanging off them", async () => {
    await openFile(page, "diabetes_regression.ipynb");
    await page.locator(".notebook-editor .code-cell-row").first().waitFor({ timeout: UI_TIMEOUT_MS });
    await runCommand(page, "nb2prod: Show Pipeline Graph");
    // A webview is an iframe holding another: the graph's page is the inner one.
    await page.locator(".tab", { hasText: "Pipeline Graph: diabetes_regression.ipynb" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    const graph = page.frameLocator("iframe.webview.ready").last().frameLocator("#active-frame");
    // examples/diabetes_regression.ipynb: 6 steps, 4 params; the recorded run wrote 10 artifacts.
    await graph.locator("svg.graph .node.artifact").nth(9).waitFor({ timeout: UI_TIMEOUT_MS });
    const counts = { steps: await graph.locator("svg.graph .node.step").count(), params: await graph.locator("svg.graph .node.param").count() };
    if (counts.steps !== 6 || counts.params !== 4) throw new Error(`expected 6 step and 4 param nodes, found ${counts.steps} and ${counts.params}`);
    await graph.locator("svg.graph .node.step.status-completed", { hasText: "train" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    // The graph alone in the window, for a readable screenshot; then the layout as it was.
    // The palette can open while the previous one is still closing: then try once more.
    const runCommandTwice = async (title) => {
      try {
        await runCommand(page, title);
      } catch {
        await page.keyboard.press("Escape");
        await runCommand(page, title);
      }
    };
    await runCommandTwice("Notifications: Clear All Notifications");
    await page.locator(".tab", { hasText: "Pipeline Graph: diabetes_regression.ipynb" }).first().click();
    if (await page.locator(".part.sidebar").isVisible()) await page.keyboard.press("Control+B");
    if (await page.locator(".part.auxiliarybar").isVisible()) await page.keyboard.press("Control+Alt+B");
    await page.waitForTimeout(500);
    await runCommandTwice("View: Toggle Maximize Editor Group");
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(resultsDir, "ui-pipeline-graph.png") }).catch(() => undefined);
    await runCommandTwice("View: Toggle Maximize Editor Group");
    await page.keyboard.press("Control+Shift+E");
  });

  await check("the walkthrough takes a new user from a notebook to a running pipeline", async () => {
    await runCommand(page, "Welcome: Open Walkthrough");
    const input = page.locator(".quick-input-widget input");
    await input.fill("From a notebook to a running pipeline");
    await page.locator(".quick-input-list .monaco-list-row", { hasText: "From a notebook to a running pipeline" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press("Enter");
    for (const title of ["Open a notebook", "Review the suggested steps", "Generate the pipeline", "Verify it against the notebook", "Run it and follow its lineage"]) {
      await page.locator(".gettingStartedContainer", { hasText: title }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    }
    await page.screenshot({ path: join(resultsDir, "ui-walkthrough.png") }).catch(() => undefined);
  });

  await check("the status bar shows the local Prefect server, and its menu offers to start it", async () => {
    // No server runs in the smoke workspace: the item says so, and clicking it offers Start.
    const item = page.locator(".statusbar-item", { hasText: "Prefect: off" }).first();
    await item.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
    await item.click();
    await page.locator(".quick-input-list .monaco-list-row", { hasText: "Start the Local Prefect Server" }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: join(resultsDir, "ui-prefect-status-bar.png") }).catch(() => undefined);
    await page.keyboard.press("Escape");
  });

  await page.close().catch(() => undefined);
  return { passed: passedTitles.length, failed: failures.length, failures, passedTitles, seconds: (Date.now() - started) / 1000 };
}
