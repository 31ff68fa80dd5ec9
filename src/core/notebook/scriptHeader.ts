// The header Jupytext writes at the top of a text notebook, which is not a cell:
// an optional `#!` line, an optional coding line, and an optional YAML block
// between `# ---` lines (the notebook's Jupyter metadata).

const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*[-_.a-zA-Z0-9]+/;
const YAML_FENCE = /^# ?---\s*$/;

/** How many lines at the top of `lines` form the header (and the blank line after it). */
export function skipScriptHeader(lines: readonly string[]): number {
  let start = 0;
  if (lines[start]?.startsWith("#!") === true) start += 1;
  if (CODING.test(lines[start] ?? "")) start += 1;
  if (!YAML_FENCE.test(lines[start] ?? "")) return start;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (YAML_FENCE.test(line)) return lines[index + 1]?.trim() === "" ? index + 2 : index + 1;
    // Every line of the block is commented; anything else means this was no header.
    if (!line.startsWith("#")) return start;
  }
  return start;
}
