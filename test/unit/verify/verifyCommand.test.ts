import * as assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseVerifyArgs, verifyCommand } from "../../../src/cli/commands/verifyCommand";
import { EXIT_FAILURE, UsageError } from "../../../src/cli/cliTypes";
import { projectDir, smallNotebookDir } from "./verifyTestFiles";

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await verifyCommand.run(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

const notebook = join(smallNotebookDir, "small.ipynb");

const WRONG_USAGE: readonly (readonly [string[], RegExp])[] = [
  [[], /^verify needs the notebook to verify$/],
  [["a.ipynb"], /^verify needs --project <dir>/],
  [["a.ipynb", "b.ipynb", "--project", "p"], /^unexpected argument "b\.ipynb"$/],
  [["a.ipynb", "--project", "p", "--jsn"], /^Unknown option '--jsn'\.?$/],
  [["a.ipynb", "--project"], /^Option '--project <value>' argument missing$/],
  [["a.ipynb", "--project", "p", "--timeout", "soon"], /^--timeout needs a positive number of seconds, not "soon"$/],
  [["a.ipynb", "--project", "p", "--timeout", "0"], /^--timeout needs a positive number of seconds, not "0"$/],
];

describe("nb2prod verify: arguments", () => {
  for (const [args, expected] of WRONG_USAGE) {
    it(`wrong usage ${JSON.stringify(args)} is a one-line usage error`, async () => {
      await assert.rejects(verifyCommand.run(args, { out: () => undefined, err: () => undefined }), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, expected);
        assert.equal(error.message.includes("\n"), false);
        return true;
      });
    });
  }

  it("resolves paths, and defaults to python3 and a 15 minute timeout", () => {
    const { request, json } = parseVerifyArgs(["nb.ipynb", "--project", "out/p"]);
    assert.equal(request.notebookPath, join(process.cwd(), "nb.ipynb"));
    assert.equal(request.projectDir, join(process.cwd(), "out", "p"));
    assert.deepEqual([request.python, request.timeoutMs, json], [process.platform === "win32" ? "python" : "python3", 900_000, false]);
    assert.deepEqual(parseVerifyArgs(["nb.ipynb", "--project", "p", "--python", "/v/bin/python", "--timeout", "1.5", "--json"]).request.timeoutMs, 1500);
  });

  it("says in one line what to do when the interpreter does not exist, and exits 1", async () => {
    const result = await capture([notebook, "--project", projectDir("equal"), "--python", "/nope/python"]);
    assert.equal(result.code, EXIT_FAILURE);
    assert.equal(result.out, "");
    assert.match(result.err, /^nb2prod: Cannot run the Python interpreter "\/nope\/python" \(no such file or command\)\. Pass the path of a Python 3\.9\+ interpreter .*--python <exe>.*\n$/);
  });

  it("says what to do when the project folder has no manifest, and exits 1", async () => {
    const result = await capture([notebook, "--project", smallNotebookDir, "--python", "/nope/python"]);
    assert.equal(result.code, EXIT_FAILURE);
    assert.match(result.err, /^nb2prod: .*nb2prod\.json does not exist, so this is not a project nb2prod generated\. Pass --project the folder that nb2prod generate wrote\.\n$/);
  });

  it("says so when the notebook does not exist, and exits 1", async () => {
    const result = await capture([join(smallNotebookDir, "nope.ipynb"), "--project", projectDir("equal")]);
    assert.equal(result.code, EXIT_FAILURE);
    assert.match(result.err, /^nb2prod: Cannot read .*nope\.ipynb: the file does not exist\./);
  });
});
