// Notebook text (cell ids, file names, headings, values) is untrusted input to the files
// nb2prod writes. Each function encodes a value for one place in one syntax, so that no
// value can end a comment, a string or a line, whatever it holds.

/** Characters a header field keeps as they are; everything else is percent-encoded (UTF-8). */
const HEADER_SAFE = /[A-Za-z0-9._~/+@:=-]/;

/**
 * A value for a file header field (`# nb2prod:cells a,b`): one line, no comment
 * terminator, no separator; `decodeHeaderField` gives the value back exactly.
 */
export function encodeHeaderField(value: string): string {
  let encoded = "";
  for (const char of value) {
    encoded += HEADER_SAFE.test(char) ? char : [...Buffer.from(char, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
  }
  return encoded;
}

export function decodeHeaderField(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    // Not written by encodeHeaderField (edited by hand): taken as it is.
    return encoded;
  }
}

/** Control, line-separating and unpaired surrogate characters: never raw in a one-line context. */
// eslint-disable-next-line no-control-regex -- control characters are what it escapes
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeUnsafe(value: string): string {
  return value.replace(UNSAFE_IN_LINE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Text inside a `#` comment: one line (controls shown escaped). */
export function commentText(value: string): string {
  return escapeUnsafe(value);
}

/**
 * Inline code in Markdown: one line, fenced by more backticks than any run in it (a code
 * span shows HTML as text). In a table cell, a pipe is escaped as GFM asks.
 */
export function markdownCode(value: string, inTable = false): string {
  const line = escapeUnsafe(value);
  const text = inTable ? line.replace(/\|/g, "\\|") : line;
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A TOML basic string: JSON's escapes, plus DEL and C1 controls, which TOML also requires escaped; unpaired surrogates become U+FFFD. */
export function tomlString(value: string): string {
  return `"${quotedEscapes(value)}"`;
}

/** A YAML double-quoted scalar: every character YAML does not count as printable is escaped. */
export function yamlString(value: string): string {
  return `"${quotedEscapes(value)}"`;
}

function quotedEscapes(value: string): string {
  const wellFormed = value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  return JSON.stringify(wellFormed)
    .slice(1, -1)
    .replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
