// Which names and literals look like credentials (data; extend here). A name is split
// into words (snake_case and camelCase) so that `tokenizer` or `token_path` are not secrets.

const SECRET_WORDS: ReadonlySet<string> = new Set(["password", "passwd", "pwd", "secret", "token", "apikey", "credential", "credentials", "passphrase", "authorization"]);
const KEY_QUALIFIERS: ReadonlySet<string> = new Set(["api", "access", "secret", "private", "auth", "client", "signing"]);
/** Words that make the value a description of a secret rather than the secret itself. */
const NOT_A_VALUE: ReadonlySet<string> = new Set(["path", "file", "dir", "url", "uri", "name", "len", "length", "count", "size", "type", "id", "prefix", "suffix", "field", "column", "col", "header", "env", "var", "prompt", "label"]);

/**
 * Shapes of well-known credentials anywhere in a literal, whatever the variable is called:
 * cloud and service keys, an HTTP authorization value, a URL with a password in it.
 */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/,
  /\bgithub_pat_[A-Za-z0-9_]{30,}/,
  /\bsk-[A-Za-z0-9_-]{20,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /\bhf_[A-Za-z0-9]{30,}/,
  /\bAIza[0-9A-Za-z_-]{35}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^(?:Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{16,}$/i,
  // scheme://user:password@host, the password not empty and not a placeholder like {password}.
  /^[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:(?![{<$%])[^\s/@]+@/i,
];

/** `dbPassword2` → db, password2: the words of a name. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "");
}

export function isSecretName(name: string): boolean {
  // A trailing number does not change what a word says: `password2`, `token_v2`.
  const parts = words(name).map((word) => word.replace(/(?<=[a-z])\d+$/, ""));
  if (parts.some((part) => NOT_A_VALUE.has(part))) return false;
  if (parts.some((part) => SECRET_WORDS.has(part))) return true;
  return parts.some((part, index) => part === "key" && index > 0 && KEY_QUALIFIERS.has(parts[index - 1] ?? ""));
}

/**
 * A cheap test before parsing a cell again: whether any word or shape above occurs in
 * `text` at all (a name, a key, a URL). False means the cell holds no credential.
 */
export function mayHoldCredential(text: string): boolean {
  const lower = text.toLowerCase();
  return [...SECRET_WORDS, "key", "bearer", "://"].some((word) => lower.includes(word)) || SECRET_PATTERNS.some((pattern) => pattern.test(text));
}

export function looksLikeCredential(value: string): boolean {
  return SECRET_PATTERNS.some((pattern) => pattern.test(value));
}

/** `api_key` → `API_KEY`: the environment variable the pipeline reads instead. */
export function environmentName(name: string): string {
  const upper = words(name).join("_").toUpperCase();
  if (upper === "") return "SECRET";
  return /^[0-9]/.test(upper) ? `SECRET_${upper}` : upper;
}
