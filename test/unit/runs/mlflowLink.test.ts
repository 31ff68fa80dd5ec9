import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mlflowRunUrl, mlflowStore } from "../../../src/core/runs/mlflowLink";

describe("mlflowStore", () => {
  it("opens a team server at its own address, never with credentials", () => {
    assert.deepEqual(mlflowStore("https://user:secret@mlflow.example.com:5000/"), { kind: "server", baseUrl: "https://mlflow.example.com:5000" });
    assert.deepEqual(mlflowStore("http://127.0.0.1:5000"), { kind: "server", baseUrl: "http://127.0.0.1:5000" });
  });

  it("starts mlflow ui on a local SQLite or file store", () => {
    assert.deepEqual(mlflowStore("sqlite:////work/project/.nb2prod/mlflow.db"), { kind: "local", backendStoreUri: "sqlite:////work/project/.nb2prod/mlflow.db" });
    assert.deepEqual(mlflowStore("file:///work/mlruns"), { kind: "local", backendStoreUri: "file:///work/mlruns" });
    assert.deepEqual(mlflowStore("/work/mlruns"), { kind: "local", backendStoreUri: "/work/mlruns" });
  });

  it("says why it cannot open other stores", () => {
    const store = mlflowStore("databricks");
    assert.equal(store.kind, "unsupported");
    const managed = mlflowStore("databricks://profile");
    assert.ok(managed.kind === "unsupported");
    assert.match(managed.reason, /databricks/);
  });
});

describe("mlflowRunUrl", () => {
  it("links the run's page, ids encoded", () => {
    assert.equal(mlflowRunUrl("http://127.0.0.1:5001/", "1", "abc123"), "http://127.0.0.1:5001/#/experiments/1/runs/abc123");
    assert.equal(mlflowRunUrl("http://h", "a/b", "c d"), "http://h/#/experiments/a%2Fb/runs/c%20d");
  });
});
