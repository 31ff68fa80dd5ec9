// Short, human-readable forms of what a run records (durations, sizes, hashes), shared by
// the Runs and Lineage views so both say the same thing.

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  if (minutes < 60) return `${minutes} min ${rest} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit] ?? ""}`;
}

/** When a run started, short and in the user's locale; "not started" without a time. */
export function formatStartTime(iso: string | undefined): string {
  if (iso === undefined) return "not started";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}

/** The first 8 hex digits, as git abbreviates commits: enough to tell artifacts apart. */
export function shortHash(sha: string): string {
  return sha.slice(0, 8);
}

/** A metric or param value: numbers rounded for reading, anything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (typeof value === "string") return value;
  // JSON.stringify gives undefined (whatever its type says) for undefined and functions.
  return value === undefined || typeof value === "function" ? String(value) : JSON.stringify(value);
}
