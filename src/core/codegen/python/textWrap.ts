// Wraps prose (docstrings, comments) at word boundaries.
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter((part) => part !== "")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  if (current !== "") lines.push(current);
  return lines;
}

/** Text safe inside a triple-quoted docstring. */
export function docstringText(text: string): string {
  return (
    text
      .replace(/\\/g, "\\\\")
      // A quote that another quote or the closing quotes follow could end the docstring.
      .replace(/"(?="|$)/g, '\\"')
      // Python source cannot hold NUL; other controls (but tab and newline) are shown escaped.
      // eslint-disable-next-line no-control-regex -- control characters are what it escapes
      .replace(/[\u0000-\u0008\u000b-\u001f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`)
  );
}
