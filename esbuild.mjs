// Bundles the extension, the CLI and the webview scripts, and copies the tree-sitter grammars next to them:
// the bundles load the .wasm files from their own folder at run time.
import { build, context } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const wasmFiles = [
  require.resolve("web-tree-sitter/web-tree-sitter.wasm"),
  require.resolve("tree-sitter-python/tree-sitter-python.wasm"),
];

function copyWasm() {
  mkdirSync("dist", { recursive: true });
  for (const file of wasmFiles) {
    copyFileSync(file, `dist/${file.split("/").pop()}`);
  }
}

// web-tree-sitter calls createRequire(import.meta.url), which a CJS bundle leaves undefined:
// give it the bundle's own file URL.
const importMetaUrlShim = 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;';

const shared = {
  bundle: true,
  define: { "import.meta.url": "importMetaUrl" },
  // jsonc-parser's UMD "main" requires files esbuild cannot follow; its ESM build bundles.
  mainFields: ["module", "main"],
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
};

const builds = [
  { ...shared, entryPoints: ["src/extension/extension.ts"], outfile: "dist/extension.js", external: ["vscode"], banner: { js: importMetaUrlShim } },
  {
    ...shared,
    entryPoints: ["src/cli/main.ts"],
    outfile: "dist/cli.js",
    banner: { js: `#!/usr/bin/env node\n${importMetaUrlShim}` },
  },
  // The pipeline graph webview runs in a browser context: its own bundle (script + the CSS it imports).
  {
    entryPoints: ["src/webview/pipelineGraph/main.ts"],
    outfile: "dist/webview/pipelineGraph.js",
    bundle: true,
    platform: "browser",
    target: "es2022",
    format: "iife",
    sourcemap: !production,
    minify: production,
    logLevel: "warning",
  },
];

copyWasm();
if (watch) {
  for (const options of builds) {
    const ctx = await context(options);
    await ctx.watch();
  }
  console.log("esbuild: watching src/ for changes");
} else {
  await Promise.all(builds.map((options) => build(options)));
}
