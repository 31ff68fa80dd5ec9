// Jupytext writes IPython magics and shell escapes of code cells as comments
// (`# %matplotlib inline`, `# !pip install x`) so the script stays valid Python, and
// uncomments them when it reads the script back. Do the same, so the analysis sees the
// magics the notebook has. Unlike Jupytext, bare words (`# ls`, `# cd data`) and help
// (`# df?`) stay comments: in a hand-written script they are far more often prose.
import { linesStartingInString } from "./pythonQuotes";

const ESCAPED_MAGIC = /^\s*(# |#)+(%{1,3}[a-zA-Z]|\s*!\s*[A-Za-z.~$\\/{}])/;
const ESCAPED_MAGIC_ASSIGNMENT = /^\s*(# |#)+\s*[a-zA-Z_][a-zA-Z_$0-9]*\s*=\s*(%{1,3}|!)[a-zA-Z]/;
const CONTINUED = /\\\s*$/;

function uncommentOnce(line: string): string {
  const code = line.trimStart();
  const indent = line.slice(0, line.length - code.length);
  if (code.startsWith("# ")) return indent + code.slice(2);
  if (code.startsWith("#")) return indent + code.slice(1);
  return line;
}

export function uncommentMagics(lines: readonly string[]): string[] {
  const quoted = linesStartingInString(lines);
  let continuation = false;
  return lines.map((line, index) => {
    const magic = continuation || ESCAPED_MAGIC.test(line) || ESCAPED_MAGIC_ASSIGNMENT.test(line);
    if (quoted[index] === true || !magic) {
      continuation = false;
      return line;
    }
    // A magic ending in a backslash continues on the next line, escaped the same way.
    continuation = CONTINUED.test(line);
    return uncommentOnce(line);
  });
}
