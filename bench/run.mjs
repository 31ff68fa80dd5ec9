// `npm run bench [name]`: bundles each bench/*.bench.ts with esbuild (the same way the
// extension is bundled, wasm loaded from dist/) and runs it. Benchmarks print numbers;
// nothing here asserts a timing.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";

const repoRoot = resolve(import.meta.dirname, "..");
const only = process.argv[2];
const benches = readdirSync(join(repoRoot, "bench"))
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => only === undefined || name.startsWith(only));
if (benches.length === 0) {
  console.error(`No benchmark matches "${only ?? ""}". Available: ${readdirSync(join(repoRoot, "bench")).filter((n) => n.endsWith(".bench.ts")).join(", ")}`);
  process.exit(2);
}
let failed = false;
for (const name of benches) {
  // Bundled into dist/ so the bench finds the .wasm files next to it, like the CLI does.
  const outfile = join(repoRoot, "dist", "bench", name.replace(/\.ts$/, ".js"));
  await build({
    entryPoints: [join(repoRoot, "bench", name)],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    logLevel: "warning",
    define: { "import.meta.url": "importMetaUrl" },
    mainFields: ["module", "main"],
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  // Timings mean little on a busy machine: each benchmark starts with the load it ran under.
  const load = loadavg().map((value) => value.toFixed(2)).join(", ");
  console.log(`\n## ${name}\nload average (1, 5, 15 min): ${load} on ${cpus().length} cores`);
  const result = spawnSync(process.execPath, ["--expose-gc", outfile], { cwd: repoRoot, stdio: "inherit", env: { ...process.env, NB2PROD_WASM_DIR: join(repoRoot, "dist") } });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
