// What `npm start` and `npm test` need from the operating system, checked by probing for
// the tool itself (so any machine that has it passes) and installed from Debian with
// apt-get when we run as root. Otherwise one line says which command to run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM_PATH } from "./browser.mjs";
import { cacheRoot, missingBuildTools, vscodeIsInstalled } from "./ensureVscode.mjs";
import { runWithProgress } from "./progress.mjs";
import { pythonEnvIsInstalled } from "./pythonEnv.mjs";

function succeeds(command, args) {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return result.error === undefined && result.status === 0;
}

/**
 * The Debian packages missing for `purpose`: "start" (code-server's build tools until it
 * is installed, venv support until the Python environment is) or "test" (the same, plus
 * Chromium for the real-VS-Code layer and git for the generated projects' lineage).
 */
export function missingDebianPackages(purpose) {
  const missing = [];
  if (!vscodeIsInstalled() && missingBuildTools().length > 0) missing.push("libkrb5-dev", "build-essential", "pkg-config");
  const python = process.env.NB2PROD_PYTHON ?? "python3";
  if (!pythonEnvIsInstalled() && !succeeds(python, ["-c", "import ensurepip, venv"])) missing.push("python3-venv");
  if (purpose === "test") {
    if (!existsSync(CHROMIUM_PATH)) missing.push("chromium");
    if (!succeeds("git", ["--version"])) missing.push("git");
  }
  return missing;
}

/** Installs what is missing when running as root; otherwise throws with the command to run. */
export async function ensureDebianPackages(purpose) {
  const missing = missingDebianPackages(purpose);
  if (missing.length === 0) {
    console.log("      nothing missing");
    return;
  }
  const command = `apt-get install -y --no-install-recommends ${missing.join(" ")}`;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || !succeeds("apt-get", ["--version"])) {
    throw new Error(`Missing system packages: ${missing.join(", ")}. Run: sudo ${command}`);
  }
  console.log(`      ${command}`);
  const logFile = join(cacheRoot(), "logs", "apt-get.log");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await runWithProgress("apt-get update", "apt-get", ["update", "-qq"], { env, logFile });
  await runWithProgress("apt-get install", "apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { env, logFile });
}
