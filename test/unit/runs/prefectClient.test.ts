// The Prefect pieces that need no server: which API the user configured (environment,
// then the active profile of profiles.toml), the REST client's checks of what a server
// answers, flow run links, and pairing recorded runs with flow runs.
import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { matchFlowRuns, PrefectApiClient, PrefectApiError, prefectFlowRunUrl } from "../../../src/core/runs/prefectApi";
import type { PrefectFlowRun } from "../../../src/core/runs/prefectApi";
import { configuredPrefectApi, profileApiUrl } from "../../../src/core/runs/prefectProfile";

const PROFILES = `active = "cloud"

[profiles.ephemeral]
PREFECT_SERVER_ALLOW_EPHEMERAL_MODE = "true"

[profiles.cloud]
PREFECT_API_URL = "https://api.prefect.cloud/api/accounts/a1/workspaces/w1"
PREFECT_API_KEY = "pnu_secret"

[profiles."team server"]
PREFECT_API_URL = 'http://prefect.internal:4200/api' # the team's
`;

describe("the Prefect API the user configured", () => {
  it("reads the active profile's URL and key, or the one PREFECT_PROFILE names", () => {
    assert.deepEqual(profileApiUrl(PROFILES), { profile: "cloud", apiUrl: "https://api.prefect.cloud/api/accounts/a1/workspaces/w1", apiKey: "pnu_secret" });
    assert.deepEqual(profileApiUrl(PROFILES, "team server"), { profile: "team server", apiUrl: "http://prefect.internal:4200/api" });
    assert.equal(profileApiUrl(PROFILES, "ephemeral"), undefined);
    assert.equal(profileApiUrl('active = "ephemeral"\n'), undefined);
    assert.equal(profileApiUrl(""), undefined);
  });

  it("takes PREFECT_API_URL from the environment first, else the profiles file in PREFECT_HOME", () => {
    const home = mkdtempSync(join(tmpdir(), "nb2prod-profiles-"));
    assert.equal(configuredPrefectApi({ PREFECT_HOME: home }), undefined, "no profiles file: nothing configured");
    writeFileSync(join(home, "profiles.toml"), PROFILES);
    assert.deepEqual(configuredPrefectApi({ PREFECT_HOME: home }), {
      apiUrl: "https://api.prefect.cloud/api/accounts/a1/workspaces/w1",
      source: `the Prefect profile "cloud" (${join(home, "profiles.toml")})`,
      apiKey: "pnu_secret",
    });
    assert.deepEqual(configuredPrefectApi({ PREFECT_HOME: home, PREFECT_API_URL: "http://127.0.0.1:4200/api" }), { apiUrl: "http://127.0.0.1:4200/api", source: "PREFECT_API_URL" });
    assert.equal(configuredPrefectApi({ PREFECT_HOME: home, PREFECT_PROFILE: "ephemeral" }), undefined);
  });
});

function fakeFetch(answers: Record<string, unknown>, seen: { path: string; body: unknown; auth: string | null }[] = []): typeof fetch {
  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url).pathname.replace(/^\/api/, "");
    const headers = new Headers(init?.headers);
    seen.push({ path, body: JSON.parse(typeof init?.body === "string" ? init.body : "null") as unknown, auth: headers.get("authorization") });
    const answer = answers[path];
    return Promise.resolve(answer === undefined ? new Response("not found", { status: 404 }) : Response.json(answer));
  };
}

describe("the Prefect REST client", () => {
  it("lists flow runs with their flows' names, asking only for the named flows, with the API key", async () => {
    const seen: { path: string; body: unknown; auth: string | null }[] = [];
    const client = new PrefectApiClient({
      apiUrl: "http://127.0.0.1:4200/api/",
      apiKey: "pnu_x",
      fetch: fakeFetch(
        {
          "/flow_runs/filter": [{ id: "r1", name: "calm-fox", flow_id: "f1", state_type: "RUNNING", state_name: "Retrying", start_time: "2026-12-04T10:00:00Z", total_run_time: 0, deployment_id: null }],
          "/flows/filter": [{ id: "f1", name: "diabetes" }],
        },
        seen,
      ),
    });
    const runs = await client.flowRuns({ flowNames: ["diabetes"], limit: 5 });
    assert.deepEqual(runs.map((run) => [run.name, run.flowName, run.state, run.stateName, run.deploymentId]), [["calm-fox", "diabetes", "RUNNING", "Retrying", undefined]]);
    assert.deepEqual(seen[0], { path: "/flow_runs/filter", body: { sort: "EXPECTED_START_TIME_DESC", limit: 5, flows: { name: { any_: ["diabetes"] } } }, auth: "Bearer pnu_x" });
    assert.equal(seen.length, 2);
  });

  it("says clearly when a server answers something else, or refuses to cancel", async () => {
    const odd = new PrefectApiClient({ apiUrl: "http://x/api", fetch: fakeFetch({ "/flow_runs/filter": [{ id: "r1" }] }) });
    await assert.rejects(odd.flowRuns(), (error: unknown) => error instanceof PrefectApiError && /not what nb2prod expects \(0\.name/.test(error.message));
    const missing = new PrefectApiClient({ apiUrl: "http://x/api", fetch: fakeFetch({}) });
    await assert.rejects(missing.flowRuns(), /answered 404 to \/flow_runs\/filter/);
    const refusing = new PrefectApiClient({ apiUrl: "http://x/api", fetch: fakeFetch({ "/flow_runs/r1/set_state": { status: "REJECT", state: null, details: { reason: "already finished" } } }) });
    await assert.rejects(refusing.cancelFlowRun("r1"), /refused to cancel flow run r1 \(REJECT: already finished\)/);
  });

  it("retries while the server is busy (503, as a server on a busy SQLite database answers), as Prefect's own client does", async () => {
    let calls = 0;
    const busyTwice: typeof fetch = () => {
      calls += 1;
      return Promise.resolve(calls <= 2 ? new Response('{"exception_message":"Service Unavailable"}', { status: 503 }) : Response.json([]));
    };
    assert.deepEqual(await new PrefectApiClient({ apiUrl: "http://x/api", fetch: busyTwice }).flowRuns(), []);
    assert.equal(calls, 3);
    let busyCalls = 0;
    const alwaysBusy: typeof fetch = () => {
      busyCalls += 1;
      return Promise.resolve(new Response("busy", { status: 503 }));
    };
    await assert.rejects(new PrefectApiClient({ apiUrl: "http://x/api", fetch: alwaysBusy }).flowRuns(), /answered 503 to \/flow_runs\/filter/);
    assert.equal(busyCalls, 5, "four retries, then the answer is reported");
  });

  it("links a flow run to the Prefect UI of a server or of Prefect Cloud", () => {
    assert.equal(prefectFlowRunUrl("http://127.0.0.1:4200/api", "r 1"), "http://127.0.0.1:4200/runs/flow-run/r%201");
    assert.equal(prefectFlowRunUrl("https://api.prefect.cloud/api/accounts/a1/workspaces/w1", "r1"), "https://app.prefect.cloud/account/a1/workspace/w1/runs/flow-run/r1");
  });

  it("pairs recorded runs with their flow runs; the others stay the server's own", () => {
    const flowRun = (id: string): PrefectFlowRun => ({ id, name: id, flowName: "f", state: "COMPLETED", stateName: undefined, startTime: undefined, endTime: undefined, expectedStartTime: undefined, totalRunTimeSeconds: undefined, deploymentId: undefined, workPoolName: undefined });
    const matched = matchFlowRuns([{ runId: "a", flowRunId: "1" }, { runId: "b", flowRunId: undefined }, { runId: "c", flowRunId: "9" }], [flowRun("1"), flowRun("2")]);
    assert.deepEqual([...matched.byRunId.keys()], ["a"]);
    assert.deepEqual(matched.unmatched.map((run) => run.id), ["2"]);
  });
});
