// Pins the extension manifest: what VS Code reads before any of our code runs.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CommandId } from "../../src/extension/commandIds";

const root = join(__dirname, "..", "..", "..");

interface Manifest {
  name: string;
  main: string;
  bin: Record<string, string>;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string; description?: string } };
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    configuration: { properties: Record<string, { type: string; markdownDescription?: string; description?: string }> };
    snippets: { language: string; path: string }[];
  };
}

const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Manifest;

describe("package.json manifest", () => {
  it("declares exactly the commands of CommandId, each with category nb2prod and an icon", () => {
    const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
    assert.deepEqual(contributed, Object.values(CommandId).sort());
    for (const entry of manifest.contributes.commands) {
      assert.equal(entry.category, "nb2prod", entry.command);
      assert.ok(entry.icon, `${entry.command} has no icon`);
    }
  });

  it("menus only reference contributed commands, and palette entries have when-clauses", () => {
    const ids = new Set(manifest.contributes.commands.map((entry) => entry.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(ids.has(entry.command), `${menu} references ${entry.command}`);
    }
    for (const entry of manifest.contributes.menus.commandPalette ?? []) assert.ok(entry.when, entry.command);
    for (const menu of ["commandPalette", "notebook/cell/title", "notebook/toolbar", "view/title", "view/item/context"]) {
      assert.ok((manifest.contributes.menus[menu] ?? []).length > 0, `no ${menu} entries`);
    }
  });

  it("activates only on what needs it, never on *", () => {
    assert.ok(!manifest.activationEvents.includes("*"));
    assert.ok(manifest.activationEvents.includes("onNotebook:jupyter-notebook"));
  });

  it("declares limited support for untrusted workspaces, with a reason", () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, "limited");
    assert.ok((manifest.capabilities.untrustedWorkspaces.description ?? "").length > 20);
  });

  it("keeps @types/vscode no newer than the engines.vscode floor", () => {
    const engine = /^\^(\d+)\.(\d+)/.exec(manifest.engines.vscode);
    const types = /(\d+)\.(\d+)/.exec(manifest.devDependencies["@types/vscode"] ?? "");
    assert.ok(engine && types);
    assert.deepEqual([types[1], types[2]], [engine[1], engine[2]]);
  });

  it("has an activity-bar container with Pipeline, Runs and Lineage views, each with welcome text", () => {
    assert.equal(manifest.contributes.viewsContainers.activitybar[0]?.id, "nb2prod");
    const views = (manifest.contributes.views.nb2prod ?? []).map((view) => view.id);
    assert.deepEqual(views, ["nb2prod.pipeline", "nb2prod.runs", "nb2prod.lineage"]);
    for (const view of views) {
      assert.ok(manifest.contributes.viewsWelcome.some((welcome) => welcome.view === view), `${view} has no welcome text`);
    }
  });

  it("documents every setting", () => {
    const properties = Object.entries(manifest.contributes.configuration.properties);
    assert.deepEqual(properties.map(([key]) => key).sort(), ["nb2prod.outputFolder", "nb2prod.pythonInterpreter"]);
    for (const [key, property] of properties) assert.ok((property.markdownDescription ?? property.description ?? "").length > 20, key);
  });

  it("ships valid snippets: step marker, Prefect task and flow, pytest test", () => {
    const snippets = JSON.parse(readFileSync(join(root, manifest.contributes.snippets[0]?.path ?? ""), "utf8")) as Record<string, { prefix: string; body: string[] }>;
    const prefixes = Object.values(snippets).map((snippet) => snippet.prefix);
    for (const prefix of ["nb2prod-step", "prefect-task", "prefect-flow", "pytest-test"]) assert.ok(prefixes.includes(prefix), prefix);
  });
});
