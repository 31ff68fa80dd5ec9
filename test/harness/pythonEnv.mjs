// Creates the Python environment of the tests: a venv in a cache folder outside the
// repository, named after the hash of test/python/requirements.txt, with every pinned
// package of that file installed from PyPI. Reused when present; a changed file gives a
// new venv. Run as a script, it prints the venv's python (progress goes to stderr), so
// `PY=$(node test/harness/pythonEnv.mjs)` works in shell scripts.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cacheRoot } from "./ensureVscode.mjs";

export const PYTHON_VERSION = "3.11";
export const REQUIREMENTS = resolve(dirname(fileURLToPath(import.meta.url)), "..", "python", "requirements.txt");

export function pythonEnvPaths() {
  const hash = createHash("sha256").update(readFileSync(REQUIREMENTS)).digest("hex").slice(0, 12);
  const venvDir = resolve(cacheRoot(), "python", `venv-${hash}`);
  const bin = process.platform === "win32" ? join(venvDir, "Scripts", "python.exe") : join(venvDir, "bin", "python");
  return { venvDir, python: bin, doneMarker: join(venvDir, ".nb2prod-installed"), lockDir: `${venvDir}.lock` };
}

/** The interpreter the venv is made from: `python3`, or NB2PROD_PYTHON when set. */
function basePython() {
  return process.env.NB2PROD_PYTHON ?? "python3";
}

function run(cmd, args, quiet) {
  // Not quiet: the child's output goes to stderr, keeping stdout for the python path.
  const result = spawnSync(cmd, args, {
    stdio: quiet ? ["ignore", "pipe", "pipe"] : ["ignore", 2, 2],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  return { ok: result.status === 0, error: result.error, output };
}

function fail(message, output = "") {
  const tail = output.trim().split("\n").slice(-30).join("\n");
  throw new Error(tail === "" ? message : `${message}\n${tail}`);
}

function checkBasePython() {
  const probe = run(basePython(), ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], true);
  if (probe.error?.code === "ENOENT") {
    fail(`${basePython()} was not found. Run: apt-get install -y python3 python3-venv`);
  }
  const version = probe.output.trim();
  if (!probe.ok || version !== PYTHON_VERSION) {
    fail(
      `The pinned test environment needs Python ${PYTHON_VERSION} (its wheels are cp311), but ` +
        `${basePython()} is ${version || "not runnable"}. Set NB2PROD_PYTHON to a Python ${PYTHON_VERSION}.`,
      probe.ok ? "" : probe.output,
    );
  }
}

function createVenv(venvDir) {
  rmSync(venvDir, { recursive: true, force: true });
  mkdirSync(dirname(venvDir), { recursive: true });
  const created = run(basePython(), ["-m", "venv", venvDir], true);
  if (created.ok) return;
  if (/ensurepip|python3(\.\d+)?-venv/.test(created.output)) {
    fail("Creating a venv failed because ensurepip is missing. Run: apt-get install -y python3-venv", created.output);
  }
  fail(`${basePython()} -m venv ${venvDir} failed`, created.output);
}

function installRequirements(python, quiet) {
  // Wheels only: a missing wheel must fail fast, not start compiling scipy for an hour.
  // No pip cache: the venv itself is the cache, and a stale or foreign-owned pip cache
  // cannot break the install.
  const pipFlags = ["--disable-pip-version-check", "--no-cache-dir", "--no-input", "--only-binary=:all:"];
  const install = run(python, ["-m", "pip", "install", ...pipFlags, ...(quiet ? ["-q"] : []), "-r", REQUIREMENTS], quiet);
  if (!install.ok) fail(`pip install -r ${REQUIREMENTS} failed`, install.output);
  const check = run(python, ["-m", "pip", "check", "--disable-pip-version-check"], true);
  if (!check.ok) fail("pip check found broken requirements in the test venv", check.output);
}

function isInstalled(paths) {
  // The marker is written last, so its presence means the install finished; the probe
  // catches a venv whose base interpreter has since gone away.
  return existsSync(paths.doneMarker) && run(paths.python, ["-c", ""], true).ok;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockIsStale(lockDir) {
  try {
    const pid = Number(readFileSync(join(lockDir, "pid"), "utf8"));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if (error?.code === "EPERM") return false;
    if (error?.code === "ESRCH") return true;
    // No pid file yet: its owner is between mkdir and write, unless that was long ago.
    return existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 60_000;
  }
}

/** Test files run in parallel; a lock folder keeps two of them from installing at once. */
function withLock(lockDir, fn) {
  mkdirSync(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error?.code !== "EEXIST") throw error;
      if (lockIsStale(lockDir)) rmSync(lockDir, { recursive: true, force: true });
      else sleep(2000);
    }
  }
  try {
    writeFileSync(join(lockDir, "pid"), String(process.pid));
    return fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function install(paths, quiet) {
  checkBasePython();
  console.error(`Installing the Python test environment into ${paths.venvDir} (a few minutes, once)...`);
  const started = Date.now();
  createVenv(paths.venvDir);
  installRequirements(paths.python, quiet);
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(paths.doneMarker, JSON.stringify({ installedAt: new Date().toISOString(), seconds }) + "\n");
  console.error(`Python test environment installed in ${seconds} s`);
}

/** Whether the venv of the current requirements is installed and runs. */
export function pythonEnvIsInstalled() {
  return isInstalled(pythonEnvPaths());
}

/** Returns `{ python, venvDir }`: absolute paths of the venv's interpreter and folder. */
export function ensurePythonEnv({ quiet = false } = {}) {
  const paths = pythonEnvPaths();
  const result = () => ({ python: paths.python, venvDir: paths.venvDir });
  if (isInstalled(paths)) {
    if (!quiet) console.error(`Python test environment found in ${paths.venvDir}`);
    return result();
  }
  return withLock(paths.lockDir, () => {
    if (!isInstalled(paths)) install(paths, quiet);
    return result();
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    console.log(ensurePythonEnv().python);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
