// Starts one code-server (the real VS Code, served to a browser) on 127.0.0.1 with its
// own throw-away profile, waits until it answers, and stops it by its PID.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureVscode, outerNpmScriptVariablesRemoved } from "./ensureVscode.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * @param {{ logDir: string, env?: Record<string,string>, smokeTestDriver?: boolean, extensionsToInstall?: string[], linkedExtensions?: string[], settings?: object }} options
 * `linkedExtensions`: extension folders loaded in place (a link in the extensions folder),
 * as an installed extension, so a reload picks up a rebuild without the smoke-test driver.
 */
export async function startCodeServer(options) {
  const paths = await ensureVscode({ quiet: true });
  const root = mkdtempSync(join(tmpdir(), "nb2prod-code-server-"));
  const userDataDir = join(root, "user-data");
  const extensionsDir = join(root, "extensions");
  const configFile = join(root, "config.yaml");
  for (const dir of [userDataDir, extensionsDir, join(root, "xdg-config"), join(root, "xdg-data"), join(userDataDir, "User")]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(configFile, "");
  for (const folder of options.linkedExtensions ?? []) {
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    symlinkSync(folder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), "dir");
  }
  writeFileSync(
    join(userDataDir, "User", "settings.json"),
    JSON.stringify(
      {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "telemetry.telemetryLevel": "off",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "update.mode": "none",
        "security.workspace.trust.enabled": false,
        "chat.disableAIFeatures": true,
        "window.commandCenter": false,
        ...(options.settings ?? {}),
      },
      null,
      2,
    ),
  );
  mkdirSync(options.logDir, { recursive: true });
  const env = {
    ...outerNpmScriptVariablesRemoved(process.env),
    ...(options.env ?? {}),
    PATH: `${join(paths.nodeDir, "bin")}:${process.env.PATH ?? ""}`,
    XDG_CONFIG_HOME: join(root, "xdg-config"),
    XDG_DATA_HOME: join(root, "xdg-data"),
  };
  const baseArgs = [paths.codeServerEntry, "--config", configFile, "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];

  for (const vsix of options.extensionsToInstall ?? []) {
    await runToEnd(paths.nodeBin, [...baseArgs, "--install-extension", vsix], env, join(options.logDir, "install-extension.log"));
  }

  const port = await freePort();
  const args = [
    ...baseArgs,
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    ...(options.smokeTestDriver ? ["--vscode-option", "enable-smoke-test-driver"] : []),
  ];
  const log = createWriteStream(join(options.logDir, "code-server.log"));
  const child = spawn(paths.nodeBin, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, 120_000);
  } catch (error) {
    stopProcessGroup(child);
    throw error;
  }
  return {
    url,
    port,
    userDataDir,
    root,
    stop: () => stopProcessGroup(child),
  };
}

function runToEnd(command, args, env, logFile) {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: "a" });
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.slice(-2).join(" ")} failed (exit ${code}); see ${logFile}`)),
    );
  });
}

function stopProcessGroup(child) {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      resolve();
    }, 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
