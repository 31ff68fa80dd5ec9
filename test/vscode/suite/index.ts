// Runs inside the real VS Code extension host (loaded through the smoke-test driver's
// `extensionTestsPath`, or by @vscode/test-electron). Mocha runs every *.test.js beside
// this file; a summary is written where the harness can read it.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Mocha from "mocha";

interface Failure {
  readonly title: string;
  readonly error: string;
}

export function run(): Promise<void> {
  // NB2PROD_TEST_GREP runs only the matching tests (a developer's shortcut; CI sets none).
  const grep = process.env.NB2PROD_TEST_GREP;
  const mocha = new Mocha({ ui: "tdd", timeout: 60_000, color: false, reporter: "spec", ...(grep === undefined || grep === "" ? {} : { grep }) });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith(".test.js")).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const resultsDir = process.env.NB2PROD_TEST_RESULTS ?? join(__dirname, "..", "..", "..", "..", "test-results", "vscode");
  mkdirSync(resultsDir, { recursive: true });
  return new Promise((resolve, reject) => {
    let passed = 0;
    const failures: Failure[] = [];
    const passedTitles: string[] = [];
    const runner = mocha.run((failed) => {
      const summary = { passed, failed: failures.length, failures, passedTitles };
      writeFileSync(join(resultsDir, "extension-host-summary.json"), JSON.stringify(summary, null, 2));
      console.log(`${passed} passed, ${failed} failed`);
      if (failed > 0) reject(new Error(`${failed} extension-host tests failed`));
      else resolve();
    });
    runner.on("pass", (test) => {
      passed += 1;
      passedTitles.push(test.fullTitle());
    });
    runner.on("fail", (test, error: unknown) => {
      failures.push({ title: test.fullTitle(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  });
}
