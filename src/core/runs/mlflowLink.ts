// Where a tracked run is shown in MLflow's UI: a team server's own address, or a local
// store (SQLite, files) that needs `mlflow ui` started on it first.

export type MlflowStore =
  | { readonly kind: "server"; readonly baseUrl: string }
  | { readonly kind: "local"; readonly backendStoreUri: string }
  | { readonly kind: "unsupported"; readonly reason: string };

/** What kind of store a run's tracking URI names (the URI as the run recorded it, without credentials). */
export function mlflowStore(trackingUri: string): MlflowStore {
  let parsed: URL;
  try {
    parsed = new URL(trackingUri);
  } catch {
    // A plain path is a file store.
    return trackingUri.startsWith("/") ? { kind: "local", backendStoreUri: trackingUri } : { kind: "unsupported", reason: `"${trackingUri}" is not a tracking URI nb2prod can open` };
  }
  if (parsed.protocol === "http:" || parsed.protocol === "https:") {
    parsed.username = "";
    parsed.password = "";
    parsed.hash = "";
    parsed.search = "";
    return { kind: "server", baseUrl: parsed.toString().replace(/\/+$/, "") };
  }
  if (parsed.protocol === "sqlite:" || parsed.protocol === "file:") return { kind: "local", backendStoreUri: trackingUri };
  return { kind: "unsupported", reason: `MLflow stores of kind "${parsed.protocol.replace(/:$/, "")}" (${trackingUri}) open in their own UI, not from nb2prod` };
}

/** The UI's page of one run, under the UI's base URL. */
export function mlflowRunUrl(baseUrl: string, experimentId: string, runId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
}
