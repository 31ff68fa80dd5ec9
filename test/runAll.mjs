// `npm test`: runs every test layer and ends with one line, `N passed, N failed`.
//   node test/runAll.mjs            all layers
//   node test/runAll.mjs unit       one layer (unit | lint | vscode)
// Expects `npm run build && npm run compile-tests` first (npm's pretest does it).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";

const repoRoot = resolve(import.meta.dirname, "..");
const LAYERS = ["lint", "unit", "vscode"];

function filesUnder(dir, suffix) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found.sort();
}

async function lintLayer() {
  const checks = [
    ["eslint (type-checked rules, core/vscode boundary)", ["node_modules/eslint/bin/eslint.js", "."]],
    ["tsc --noEmit (strict)", ["node_modules/typescript/bin/tsc", "-p", ".", "--noEmit"]],
    ["tsc --noEmit (webview scripts, DOM types)", ["node_modules/typescript/bin/tsc", "-p", "src/webview", "--noEmit"]],
  ];
  const failures = [];
  let passed = 0;
  for (const [title, args] of checks) {
    const result = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: "utf8" });
    if (result.status === 0) {
      passed += 1;
      console.log(`  ok  ${title}`);
    } else {
      failures.push({ title, error: `${result.stdout}${result.stderr}` });
      console.log(`  FAIL ${title}\n${result.stdout}${result.stderr}`);
    }
  }
  return { passed, failed: failures.length, failures };
}

function unitLayer() {
  const files = filesUnder(join(repoRoot, "out", "test", "unit"), ".test.js");
  return new Promise((resolvePromise) => {
    let passed = 0;
    const failures = [];
    const stream = run({ files, concurrency: 2 });
    stream.on("test:pass", (event) => {
      if (event.details?.type !== "suite") passed += 1;
    });
    stream.on("test:fail", (event) => {
      // A suite fails when a test in it failed (already counted), or when the suite itself
      // threw (a hook or code at describe level): only the second is a failure of its own.
      if (event.details?.type === "suite" && event.details?.error?.failureType === "subtestsFailed") return;
      const cause = event.details?.error?.cause ?? event.details?.error;
      failures.push({ title: `${event.file ?? ""} > ${event.name}`, error: String(cause?.message ?? cause) });
    });
    // Resolve when the reporter has printed everything, so the summary line stays last.
    const report = stream.compose(spec);
    report.pipe(process.stdout, { end: false });
    report.on("end", () => resolvePromise({ passed, failed: failures.length, failures }));
  });
}

async function vscodeLayer() {
  const { runVscodeLayer } = await import("./harness/vscodeLayer.mjs");
  try {
    const parts = await runVscodeLayer();
    for (const part of parts) {
      console.log(`  ${part.name}: ${part.passed} passed, ${part.failed} failed (${part.seconds.toFixed(0)} s)`);
      for (const title of part.passedTitles ?? []) console.log(`    ok  ${title}`);
    }
    return {
      passed: parts.reduce((sum, part) => sum + part.passed, 0),
      failed: parts.reduce((sum, part) => sum + part.failed, 0),
      failures: parts.flatMap((part) => part.failures),
    };
  } catch (error) {
    return { passed: 0, failed: 1, failures: [{ title: "real VS Code harness", error: error instanceof Error ? error.stack : String(error) }] };
  }
}

const runners = { lint: lintLayer, unit: unitLayer, vscode: vscodeLayer };

/**
 * What the layers need installed, as `npm start` installs it: Debian packages (as root),
 * the Python test environment (unit) and code-server (vscode). A failure is reported as a
 * failed test with the command to run, and the layers still run (each says what it lacks).
 */
async function prepare(layersToRun) {
  if (!layersToRun.some((layer) => layer === "unit" || layer === "vscode")) return undefined;
  const [{ runSteps }, { ensureDebianPackages }, { ensurePythonEnv }, { ensureVscode }] = await Promise.all([
    import("./harness/progress.mjs"),
    import("./harness/systemPackages.mjs"),
    import("./harness/pythonEnv.mjs"),
    import("./harness/ensureVscode.mjs"),
  ]);
  const steps = [
    ["System packages", () => ensureDebianPackages(layersToRun.includes("vscode") ? "test" : "start")],
    ["Python test environment (from PyPI)", () => ensurePythonEnv()],
    ...(layersToRun.includes("vscode") ? [["VS Code (code-server, from the npm registry)", () => ensureVscode()]] : []),
  ];
  console.log("\n=== set-up ===");
  try {
    await runSteps(steps);
    return undefined;
  } catch (error) {
    console.log(`      FAILED: ${error.message}`);
    return { title: `set-up: ${error.step}`, error: error.message };
  }
}

const requested = process.argv.slice(2);
const unknown = requested.filter((layer) => !LAYERS.includes(layer));
if (unknown.length > 0) {
  console.error(`Unknown test layer "${unknown[0]}"; choose from: ${LAYERS.join(", ")}.`);
  process.exit(2);
}
const layers = requested.length > 0 ? requested : LAYERS;
const setupProblem = await prepare(layers);
let passed = 0;
let failed = 0;
const allFailures = [];
for (const layer of layers) {
  const started = Date.now();
  console.log(`\n=== ${layer} ===`);
  const result = await runners[layer]();
  passed += result.passed;
  failed += result.failed;
  allFailures.push(...result.failures.map((failure) => ({ layer, ...failure })));
  console.log(`=== ${layer}: ${result.passed} passed, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (setupProblem !== undefined) {
  failed += 1;
  allFailures.unshift({ layer: "set-up", ...setupProblem });
}
if (allFailures.length > 0) {
  console.log("\nFailures:");
  for (const failure of allFailures) console.log(`- [${failure.layer}] ${failure.title}\n  ${String(failure.error).split("\n").join("\n  ")}`);
  console.log("Logs and screenshots of the real-VS-Code layer: test-results/vscode/");
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
