// Builds the production bundles and packs them into a VSIX with @vscode/vsce
// (`--no-dependencies`: everything the extension needs is bundled in dist/).
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const repoRoot = resolve(import.meta.dirname, "..", "..");

export async function packageVsix({ quiet = false } = {}) {
  const { version, name } = (await import(pathToFileURL(join(repoRoot, "package.json")).href, { with: { type: "json" } })).default;
  const out = join(repoRoot, `${name}-${version}.vsix`);
  const vsce = join(repoRoot, "node_modules", "@vscode", "vsce", "vsce");
  const result = spawnSync(process.execPath, [vsce, "package", "--no-dependencies", "--out", out], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`vsce package failed:\n${result.stdout}\n${result.stderr}`);
  }
  const bytes = statSync(out).size;
  if (!quiet) {
    process.stdout.write(result.stdout);
    console.log(`VSIX: ${out} (${(bytes / 1024).toFixed(0)} KiB)`);
  }
  return { path: out, bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  packageVsix().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
