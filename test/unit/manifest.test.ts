// Pins the extension manifest: what VS Code reads before any of our code runs.
import * as assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
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
    menus: Record<string, { command?: string; submenu?: string; when?: string; group?: string }[]>;
    submenus?: { id: string; label: string }[];
    walkthroughs?: { id: string; title: string; steps: { id: string; title: string; description: string; media: { markdown?: string } }[] }[];
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
    const submenus = new Set((manifest.contributes.submenus ?? []).map((entry) => entry.id));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) {
        if (entry.submenu !== undefined) assert.ok(submenus.has(entry.submenu), `${menu} references submenu ${entry.submenu}`);
        else assert.ok(entry.command !== undefined && ids.has(entry.command), `${menu} references ${String(entry.command)}`);
      }
    }
    // Every submenu is labelled and used.
    for (const submenu of manifest.contributes.submenus ?? []) {
      assert.ok(submenu.label.length > 0 && (manifest.contributes.menus[submenu.id] ?? []).length > 0, submenu.id);
    }
    for (const entry of manifest.contributes.menus.commandPalette ?? []) assert.ok(entry.when, entry.command);
    for (const menu of ["commandPalette", "notebook/cell/title", "notebook/toolbar", "view/title", "view/item/context"]) {
      assert.ok((manifest.contributes.menus[menu] ?? []).length > 0, `no ${menu} entries`);
    }
  });

  it("the cell menu's nb2prod entries sit in a submenu labelled nb2prod", () => {
    const cellMenu = manifest.contributes.menus["notebook/cell/title"] ?? [];
    const submenu = cellMenu.find((entry) => entry.submenu !== undefined);
    assert.equal(manifest.contributes.submenus?.find((entry) => entry.id === submenu?.submenu)?.label, "nb2prod");
    // Outside the submenu only toolbar buttons (inline group).
    for (const entry of cellMenu) if (entry.command !== undefined) assert.match(entry.group ?? "", /^inline/);
  });

  it("has a walkthrough whose steps each run a command and have their media in the package", () => {
    const [walkthrough] = manifest.contributes.walkthroughs ?? [];
    assert.ok(walkthrough !== undefined && walkthrough.steps.length >= 5);
    const ids = new Set(manifest.contributes.commands.map((entry) => entry.command));
    for (const step of walkthrough.steps) {
      const commands = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1] ?? "");
      assert.ok(commands.length > 0, `${step.id} runs no command`);
      for (const command of commands) assert.ok(ids.has(command) || !command.startsWith("nb2prod.") || command.endsWith(".focus"), `${step.id}: ${command}`);
      assert.ok(step.media.markdown !== undefined && existsSync(join(root, step.media.markdown)), `${step.id}: ${String(step.media.markdown)}`);
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
