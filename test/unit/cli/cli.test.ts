import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { EXIT_USAGE, runCli } from "../../../src/cli/cli";

function capture(argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe("nb2prod CLI", () => {
  it("--help prints usage and exits 0", () => {
    const result = capture(["--help"]);
    assert.equal(result.code, 0);
    assert.match(result.out, /Usage:\n {2}nb2prod <command>/);
    assert.equal(result.err, "");
  });

  it("--version prints the package version", () => {
    const result = capture(["--version"]);
    assert.equal(result.code, 0);
    assert.match(result.out, /^\d+\.\d+\.\d+\n$/);
  });

  for (const argv of [["--frobnicate"], ["frobnicate"], ["--help", "extra"]]) {
    it(`wrong usage ${JSON.stringify(argv)} prints one line and exits 2`, () => {
      const result = capture(argv);
      assert.equal(result.code, EXIT_USAGE);
      assert.equal(result.out, "");
      assert.equal(result.err.trimEnd().split("\n").length, 1);
      assert.match(result.err, /^nb2prod: .+Run "nb2prod --help" for usage\.\n$/);
    });
  }

  it("the bundled bin runs as a program", () => {
    const bin = join(__dirname, "..", "..", "..", "..", "dist", "cli.js");
    const result = spawnSync(process.execPath, [bin, "--nope"], { encoding: "utf8" });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown option "--nope"/);
  });
});
