// The few calls of Prefect's REST API the Runs view needs: list flow runs (with their
// flows' names), and cancel one. Every answer is checked with zod: a server of another
// version must give a clear error, not a tree of undefined.
import { z } from "zod";

const REQUEST_TIMEOUT_MS = 10_000;
/** Answers Prefect's own client retries: a server whose SQLite database is busy answers 503. */
const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 502, 503]);
const RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000];

/**
 * A POST of JSON to a Prefect API, retried (after 0.25, 0.5, 1, 2 s) while the server
 * answers "busy" (429, 502, 503), as Prefect's own client does; any other answer, and the
 * last busy one, is returned as it is. A server that does not answer throws.
 */
export async function postToPrefect(url: string, body: unknown, headers: Readonly<Record<string, string>> = {}, doFetch: typeof fetch = fetch): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await doFetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const delay = RETRY_DELAYS_MS[attempt];
    if (!RETRIED_STATUSES.has(response.status) || delay === undefined) return response;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Prefect's state types (prefect.client.schemas.objects.StateType). */
export const PREFECT_STATE_TYPES = ["SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "CRASHED", "PAUSED", "CANCELLING"] as const;
export type PrefectStateType = (typeof PREFECT_STATE_TYPES)[number];

/** States a flow run leaves only by being cancelled or finishing: the ones Cancel applies to. */
export const CANCELLABLE_STATES: ReadonlySet<PrefectStateType> = new Set(["SCHEDULED", "PENDING", "RUNNING", "PAUSED"]);

const timestamp = z.string().nullish();

const flowRunSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  flow_id: z.string().min(1),
  state_type: z.enum(PREFECT_STATE_TYPES).nullish(),
  state_name: z.string().nullish(),
  start_time: timestamp,
  end_time: timestamp,
  expected_start_time: timestamp,
  total_run_time: z.number().nullish(),
  deployment_id: z.string().nullish(),
  work_pool_name: z.string().nullish(),
});

const flowSchema = z.looseObject({ id: z.string().min(1), name: z.string() });

const setStateResponseSchema = z.looseObject({
  status: z.string(),
  state: z.looseObject({ type: z.enum(PREFECT_STATE_TYPES), name: z.string().nullish() }).nullish(),
  details: z.looseObject({ reason: z.string().nullish() }).nullish(),
});

export interface PrefectFlowRun {
  readonly id: string;
  readonly name: string;
  readonly flowName: string;
  readonly state: PrefectStateType | undefined;
  /** "Retrying", "Late", "AwaitingRetry"…: finer than the type. */
  readonly stateName: string | undefined;
  readonly startTime: string | undefined;
  readonly endTime: string | undefined;
  readonly expectedStartTime: string | undefined;
  readonly totalRunTimeSeconds: number | undefined;
  readonly deploymentId: string | undefined;
  readonly workPoolName: string | undefined;
}

export class PrefectApiError extends Error {}

export interface PrefectApiClientOptions {
  readonly apiUrl: string;
  /** PREFECT_API_KEY, for Prefect Cloud; never logged. */
  readonly apiKey?: string;
  readonly fetch?: typeof fetch;
}

export class PrefectApiClient {
  private readonly apiUrl: string;

  constructor(private readonly options: PrefectApiClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, "");
  }

  private async post<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.options.apiKey !== undefined && this.options.apiKey !== "") headers.authorization = `Bearer ${this.options.apiKey}`;
    let response: Response;
    try {
      response = await postToPrefect(`${this.apiUrl}${path}`, body, headers, this.options.fetch);
    } catch (error) {
      throw new PrefectApiError(`The Prefect server at ${this.apiUrl} did not answer (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
    }
    const text = await response.text();
    if (!response.ok) throw new PrefectApiError(`The Prefect server answered ${response.status} to ${path}: ${text.slice(0, 300)}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new PrefectApiError(`The Prefect server's answer to ${path} is not JSON.`, { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PrefectApiError(`The Prefect server's answer to ${path} is not what nb2prod expects (${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}); is it Prefect 3?`);
    }
    return parsed.data;
  }

  /** The newest flow runs (by expected start), optionally of the named flows only. */
  async flowRuns(options: { readonly flowNames?: readonly string[]; readonly limit?: number } = {}): Promise<PrefectFlowRun[]> {
    const filter: Record<string, unknown> = { sort: "EXPECTED_START_TIME_DESC", limit: options.limit ?? 50 };
    if (options.flowNames !== undefined) {
      if (options.flowNames.length === 0) return [];
      filter.flows = { name: { any_: [...options.flowNames] } };
    }
    const runs = await this.post("/flow_runs/filter", filter, z.array(flowRunSchema));
    const flowIds = [...new Set(runs.map((run) => run.flow_id))];
    const flows = flowIds.length === 0 ? [] : await this.post("/flows/filter", { flows: { id: { any_: flowIds } } }, z.array(flowSchema));
    const flowNames = new Map(flows.map((flow) => [flow.id, flow.name]));
    return runs.map((run) => ({
      id: run.id,
      name: run.name,
      flowName: flowNames.get(run.flow_id) ?? run.flow_id,
      state: run.state_type ?? undefined,
      stateName: run.state_name ?? undefined,
      startTime: run.start_time ?? undefined,
      endTime: run.end_time ?? undefined,
      expectedStartTime: run.expected_start_time ?? undefined,
      totalRunTimeSeconds: run.total_run_time ?? undefined,
      deploymentId: run.deployment_id ?? undefined,
      workPoolName: run.work_pool_name ?? undefined,
    }));
  }

  /**
   * Asks Prefect to cancel the flow run: CANCELLING, which the worker or runner that owns its
   * process acts on (a run nobody owns yet, scheduled or pending, is cancelled at once).
   * Returns the state the server set.
   */
  async cancelFlowRun(flowRunId: string): Promise<PrefectStateType> {
    const answer = await this.post(`/flow_runs/${encodeURIComponent(flowRunId)}/set_state`, { state: { type: "CANCELLING", name: "Cancelling" } }, setStateResponseSchema);
    // A run without infrastructure (scheduled, pending) is "rejected" into CANCELLED at once.
    const state = answer.state?.type;
    if (state === "CANCELLING" || state === "CANCELLED") return state;
    if (answer.status !== "ACCEPT" || answer.state === undefined || answer.state === null) {
      throw new PrefectApiError(`Prefect refused to cancel flow run ${flowRunId} (${answer.status}${answer.details?.reason ? `: ${answer.details.reason}` : ""}).`);
    }
    return answer.state.type;
  }

  /** Marks a flow run whose process nb2prod ended itself as cancelled. */
  async markCancelled(flowRunId: string): Promise<void> {
    await this.post(`/flow_runs/${encodeURIComponent(flowRunId)}/set_state`, { state: { type: "CANCELLED", name: "Cancelled", message: "Cancelled from the editor (nb2prod)." }, force: true }, setStateResponseSchema);
  }
}

const CLOUD_API = /^https:\/\/api\.prefect\.cloud\/api\/accounts\/([^/]+)\/workspaces\/([^/]+)\/?$/;

/** The flow run's page in the Prefect UI: Prefect Cloud's app, or a server's own UI at its root. */
export function prefectFlowRunUrl(apiUrl: string, flowRunId: string): string {
  const cloud = CLOUD_API.exec(apiUrl);
  const id = encodeURIComponent(flowRunId);
  if (cloud !== null) return `https://app.prefect.cloud/account/${cloud[1] ?? ""}/workspace/${cloud[2] ?? ""}/runs/flow-run/${id}`;
  return `${apiUrl.replace(/\/+$/, "").replace(/\/api$/, "")}/runs/flow-run/${id}`;
}

export interface MatchedFlowRuns {
  /** nb2prod run id → the flow run it recorded as its own (run_started's `prefect.flowRunId`). */
  readonly byRunId: ReadonlyMap<string, PrefectFlowRun>;
  /** Flow runs no recorded run claims: scheduled or pending ones, runs on other machines, runs that failed before recording. */
  readonly unmatched: readonly PrefectFlowRun[];
}

/** Pairs the runs recorded in events files with the server's flow runs, by flow run id. */
export function matchFlowRuns(recorded: readonly { readonly runId: string; readonly flowRunId: string | undefined }[], flowRuns: readonly PrefectFlowRun[]): MatchedFlowRuns {
  const byId = new Map(flowRuns.map((run) => [run.id, run]));
  const byRunId = new Map<string, PrefectFlowRun>();
  for (const run of recorded) {
    const flowRun = run.flowRunId === undefined ? undefined : byId.get(run.flowRunId);
    if (flowRun !== undefined) byRunId.set(run.runId, flowRun);
  }
  const claimed = new Set([...byRunId.values()].map((run) => run.id));
  return { byRunId, unmatched: flowRuns.filter((run) => !claimed.has(run.id)) };
}
