import * as assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { NodeProcessRunner } from "../../../src/core/nodeProcessRunner";

const node = process.execPath;
const runner = new NodeProcessRunner();

/** A killed process whose parent is gone may stay a zombie (state Z) when PID 1 does not reap it: that is dead too. */
function isAlive(pid: number): boolean {
  if (existsSync("/proc")) {
    if (!existsSync(`/proc/${pid}/stat`)) return false;
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").charAt(0);
    return state !== "Z";
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("NodeProcessRunner", () => {
  it("returns the exit code and output, in the given folder with the added environment", async () => {
    const script = "console.log(process.cwd()); console.error(process.env.NB2PROD_TEST); process.exit(3)";
    const result = await runner.run(node, ["-e", script], { cwd: tmpdir(), env: { NB2PROD_TEST: "added" } });
    assert.deepEqual([result.exitCode, result.stdout.trim(), result.stderr.trim(), result.timedOut], [3, tmpdir(), "added", false]);
    assert.equal(result.startError, undefined);
  });

  it("reports a program that does not exist as a start error, not an exception", async () => {
    const result = await runner.run("/nope/python3", ["-c", "pass"]);
    assert.equal(result.exitCode, undefined);
    assert.equal(result.startError?.code, "ENOENT");
  });

  it("keeps only the end of a long output", async () => {
    const result = await runner.run(node, ["-e", "for (let i = 0; i < 20000; i++) console.log('line ' + i)"]);
    assert.equal(result.exitCode, 0);
    assert.ok(result.stdout.length <= 64 * 1024, `kept ${result.stdout.length} chars`);
    assert.match(result.stdout, /line 19999\n$/);
  });

  it("kills the program and the processes it started at the timeout", { skip: process.platform === "win32" }, async () => {
    const script = [
      "const { spawn } = require('node:child_process');",
      "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
      "console.log(child.pid);",
      "setInterval(() => {}, 1000);",
    ].join("\n");
    const started = Date.now();
    const result = await runner.run(node, ["-e", script], { timeoutMs: 1500 });
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, undefined);
    assert.ok(Date.now() - started < 10_000);
    const grandchild = Number(result.stdout.trim());
    assert.ok(grandchild > 0, `no pid in ${JSON.stringify(result.stdout)}`);
    await sleep(200);
    assert.equal(isAlive(grandchild), false, "the grandchild survived the timeout");
  });

  it("kills the program when the caller's signal aborts, and starts nothing once it has", { skip: process.platform === "win32" }, async () => {
    const controller = new AbortController();
    const running = runner.run(node, ["-e", "console.log(process.pid); setInterval(() => {}, 1000)"], { signal: controller.signal });
    await sleep(300);
    controller.abort();
    const result = await running;
    assert.deepEqual([result.cancelled, result.exitCode, result.timedOut], [true, undefined, false]);
    const pid = Number(result.stdout.trim());
    if (pid > 0) assert.equal(isAlive(pid), false, "the program survived the abort");

    const afterwards = await runner.run(node, ["-e", "console.log('ran')"], { signal: controller.signal });
    assert.deepEqual([afterwards.cancelled, afterwards.stdout], [true, ""]);
  });
});
