// `npm start`: everything a first run needs, then the extension in a real VS Code in the
// browser (code-server on 127.0.0.1) with examples/ open:
//   1. system packages (apt-get as root; otherwise the command to run),
//   2. code-server and its Node 24 from the npm registry (cached, once),
//   3. the Python environment for Verify and Run Pipeline (cached, once),
//   4. the build, kept up to date by esbuild's watch mode (reload the window to pick it up).
// The editor is the one a user gets: notifications show, notebooks are not auto-saved, and
// nb2prod.pythonInterpreter points at the environment of step 3. Ctrl-C stops everything.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { workbenchUrl } from "./browser.mjs";
import { startCodeServer } from "./codeServer.mjs";
import { ensureVscode } from "./ensureVscode.mjs";
import { runSteps } from "./progress.mjs";
import { ensurePythonEnv } from "./pythonEnv.mjs";
import { ensureDebianPackages } from "./systemPackages.mjs";

const repoRoot = resolve(import.meta.dirname, "..", "..");

function runNode(args) {
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: "inherit" });
  return new Promise((resolvePromise) => child.on("exit", (code) => resolvePromise(code)));
}

async function main() {
  const started = Date.now();
  let python = "";
  await runSteps([
    ["System packages", () => ensureDebianPackages("start")],
    ["VS Code (code-server, from the npm registry)", () => ensureVscode()],
    [
      "Python environment for Verify and Run Pipeline (from PyPI)",
      () => {
        ({ python } = ensurePythonEnv());
        console.log(`      ${python}`);
      },
    ],
    [
      "Build the extension",
      async () => {
        if ((await runNode([join(repoRoot, "esbuild.mjs")])) !== 0) throw new Error("the build failed; fix the errors above and run npm start again");
      },
    ],
  ]);

  const server = await startCodeServer({
    logDir: join(repoRoot, "test-results", "start"),
    linkedExtensions: [repoRoot],
    settings: {
      "nb2prod.pythonInterpreter": python,
      // Edits stay in the editor until the user saves them (and Undo keeps working).
      "files.autoSave": "off",
    },
  });
  const watcher = spawn(process.execPath, [join(repoRoot, "esbuild.mjs"), "--watch"], { cwd: repoRoot, stdio: "inherit" });
  const url = workbenchUrl(server, join(repoRoot, "examples"));
  console.log(
    `\nnb2prod is running in VS Code (code-server ${server.url}), ready in ${Math.round((Date.now() - started) / 1000)} s.\n` +
      `Open this URL in a browser on this machine:\n\n  ${url}\n\n` +
      `Python for Verify and Run Pipeline: ${python}\nLogs: test-results/start/code-server.log. Press Ctrl-C to stop.\n`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping code-server...");
    watcher.kill("SIGTERM");
    await server.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
