// Which names and literals look like credentials (data; extend here). A name is split
// into words (snake_case and camelCase) so that `tokenizer` or `token_path` are not secrets.

const SECRET_WORDS: ReadonlySet<string> = new Set(["password", "passwd", "pwd", "secret", "token", "apikey", "credential", "credentials", "passphrase"]);
const KEY_QUALIFIERS: ReadonlySet<string> = new Set(["api", "access", "secret", "private", "auth", "client", "signing"]);
/** Words that make the value a description of a secret rather than the secret itself. */
const NOT_A_VALUE: ReadonlySet<string> = new Set(["path", "file", "dir", "url", "uri", "name", "len", "length", "count", "size", "type", "id", "prefix", "suffix", "field", "column", "col", "header", "env", "var", "prompt", "label"]);

/** Literal shapes of well-known credentials, whatever the variable is called. */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /^AKIA[0-9A-Z]{16}$/,
  /^gh[pousr]_[A-Za-z0-9]{30,}$/,
  /^sk-[A-Za-z0-9_-]{20,}$/,
  /^xox[abpr]-[A-Za-z0-9-]{10,}$/,
  /^hf_[A-Za-z0-9]{30,}$/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

export function isSecretName(name: string): boolean {
  const parts = words(name);
  if (parts.some((part) => NOT_A_VALUE.has(part))) return false;
  if (parts.some((part) => SECRET_WORDS.has(part))) return true;
  return parts.some((part, index) => part === "key" && index > 0 && KEY_QUALIFIERS.has(parts[index - 1] ?? ""));
}

export function looksLikeCredential(value: string): boolean {
  return SECRET_PATTERNS.some((pattern) => pattern.test(value));
}

/** `api_key` → `API_KEY`: the environment variable the pipeline reads instead. */
export function environmentName(name: string): string {
  const upper = words(name).join("_").toUpperCase();
  return upper === "" ? "SECRET" : upper;
}
