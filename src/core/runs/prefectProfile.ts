// The Prefect API a user has chosen themselves: PREFECT_API_URL in the environment, else
// the one in the active profile of Prefect's profiles.toml (what `prefect cloud login` and
// `prefect config set PREFECT_API_URL=...` write). When there is one, nb2prod leaves it
// alone rather than pointing runs at its own local server. Read without Python (starting
// an interpreter to ask Prefect takes seconds); only the two keys involved are parsed.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface ConfiguredPrefectApi {
  readonly apiUrl: string;
  /** PREFECT_API_KEY from the same place (Prefect Cloud), if set; never shown. */
  readonly apiKey?: string;
  /** Where it was found, for messages: "PREFECT_API_URL" or "the Prefect profile "x" (path)". */
  readonly source: string;
}

/** A TOML basic or literal string value (what Prefect writes), else undefined. */
function tomlString(value: string): string | undefined {
  const text = value.trim();
  const basic = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(text);
  if (basic?.[1] !== undefined) {
    return basic[1].replace(/\\(["\\/bfnrt])/g, (_match, escaped: string) => ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" })[escaped] ?? escaped);
  }
  const literal = /^'([^']*)'\s*(#.*)?$/.exec(text);
  return literal?.[1];
}

function tableName(line: string): string | undefined {
  const header = /^\[\s*([^\]]+?)\s*\]\s*(#.*)?$/.exec(line.trim());
  if (header?.[1] === undefined) return undefined;
  return header[1]
    .split(".")
    .map((part) => tomlString(part) ?? part.trim())
    .join(".");
}

/** PREFECT_API_URL of the active profile in the text of a profiles.toml. */
export function profileApiUrl(profilesToml: string, profileOverride?: string): { profile: string; apiUrl: string; apiKey?: string } | undefined {
  let table = "";
  let active = profileOverride;
  const urls = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const line of profilesToml.split(/\r?\n/)) {
    const name = tableName(line);
    if (name !== undefined) {
      table = name;
      continue;
    }
    const pair = /^\s*("?)([A-Za-z0-9_.-]+)\1\s*=(.*)$/.exec(line);
    if (pair?.[2] === undefined || pair[3] === undefined) continue;
    const value = tomlString(pair[3]);
    if (value === undefined) continue;
    if (table === "" && pair[2] === "active" && profileOverride === undefined) active = value;
    if (table.startsWith("profiles.") && pair[2] === "PREFECT_API_URL") urls.set(table.slice("profiles.".length), value);
    if (table.startsWith("profiles.") && pair[2] === "PREFECT_API_KEY") keys.set(table.slice("profiles.".length), value);
  }
  const profile = active ?? "ephemeral";
  const apiUrl = urls.get(profile);
  const apiKey = keys.get(profile);
  if (apiUrl === undefined || apiUrl === "") return undefined;
  return { profile, apiUrl, ...(apiKey === undefined ? {} : { apiKey }) };
}

/** The API the user configured, if any (environment first, then the active profile). */
export function configuredPrefectApi(env: NodeJS.ProcessEnv = process.env): ConfiguredPrefectApi | undefined {
  const fromEnv = env.PREFECT_API_URL?.trim();
  const keyFromEnv = env.PREFECT_API_KEY?.trim();
  if (fromEnv !== undefined && fromEnv !== "") return { apiUrl: fromEnv, source: "PREFECT_API_URL", ...(keyFromEnv ? { apiKey: keyFromEnv } : {}) };
  const home = env.PREFECT_HOME?.trim() || join(homedir(), ".prefect");
  const file = env.PREFECT_PROFILES_PATH?.trim() || join(home, "profiles.toml");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const found = profileApiUrl(text, env.PREFECT_PROFILE?.trim() || undefined);
  if (found === undefined) return undefined;
  const apiKey = keyFromEnv ? keyFromEnv : found.apiKey;
  return { apiUrl: found.apiUrl, source: `the Prefect profile "${found.profile}" (${file})`, ...(apiKey === undefined ? {} : { apiKey }) };
}
