// `npm start`: build, then open the extension in a real VS Code in the browser
// (code-server on 127.0.0.1) with examples/ open. esbuild keeps rebuilding on change;
// reload the browser window to pick up a rebuild. Ctrl-C stops everything.
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { remoteUri, workbenchUrl } from "./browser.mjs";
import { startCodeServer } from "./codeServer.mjs";

const repoRoot = resolve(import.meta.dirname, "..", "..");

function startWatcher() {
  const watcher = spawn(process.execPath, [join(repoRoot, "esbuild.mjs"), "--watch"], { cwd: repoRoot, stdio: "inherit" });
  return watcher;
}

async function main() {
  const build = spawn(process.execPath, [join(repoRoot, "esbuild.mjs")], { cwd: repoRoot, stdio: "inherit" });
  const buildCode = await new Promise((resolvePromise) => build.on("exit", resolvePromise));
  if (buildCode !== 0) throw new Error("the build failed; fix the errors above and run npm start again");

  // code-server honours the extensionDevelopmentPath payload only with the smoke-test
  // driver option; loading the extension from the repository lets a reload pick up rebuilds.
  const server = await startCodeServer({ logDir: join(repoRoot, "test-results", "start"), smokeTestDriver: true });
  const watcher = startWatcher();
  const examples = join(repoRoot, "examples");
  const url = workbenchUrl(server, examples, [["extensionDevelopmentPath", remoteUri(server, repoRoot)]]);
  console.log(`\nnb2prod is running in VS Code (code-server ${server.url}).\nOpen this URL in a browser on this machine:\n\n  ${url}\n\nLogs: test-results/start/code-server.log. Press Ctrl-C to stop.\n`);

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
