// What becomes of each IPython magic and shell escape in generated code (data; extend
// here). `!pip install` lines become dependencies; statement magics (`%time stmt`) were
// already replaced by their statement; notebook display settings vanish; anything else
// is flagged in the code and in the warnings, never silently dropped.
import type { MagicRecord } from "../../../analysis/cellAnalysis";
import type { Dependency } from "../../dependencies/dependencies";
import { pipInstallRequirements } from "../../dependencies/dependencies";

/** Magics with no effect on what the pipeline computes. */
const SILENT_LINE_MAGICS: ReadonlySet<string> = new Set([
  "matplotlib", "config", "load_ext", "reload_ext", "autoreload", "aimport", "time", "timeit", "prun", "memit",
  "who", "whos", "who_ls", "pinfo", "pinfo2", "psearch", "history", "lsmagic", "magic", "page", "pdef", "pdoc", "psource",
  "xmode", "pdb", "debug", "tb", "notebook", "colors", "pprint", "doctest_mode",
]);
const SILENT_CELL_MAGICS: ReadonlySet<string> = new Set(["time", "timeit", "capture", "prun", "memit", "debug", "snakeviz"]);
const INSTALLERS: ReadonlySet<string> = new Set(["pip", "pip3", "conda", "mamba"]);

export interface MagicOutcome {
  readonly requirements: readonly Dependency[];
  /** A comment to leave where the magic stood, for magics nb2prod could not convert. */
  readonly note?: string;
}

export function handleMagic(magic: MagicRecord): MagicOutcome {
  if (INSTALLERS.has(magic.name) && /\binstall\b/.test(magic.text)) {
    const requirements = pipInstallRequirements(magic.text.replace(/^(?:conda|mamba)\s+install\b/, "pip install"));
    return { requirements };
  }
  if (magic.kind === "line-magic" && SILENT_LINE_MAGICS.has(magic.name)) return { requirements: [] };
  if (magic.kind === "cell-magic" && SILENT_CELL_MAGICS.has(magic.name)) return { requirements: [] };
  const written = `${magic.kind === "shell" ? "!" : magic.kind === "cell-magic" ? "%%" : "%"}${magic.text}`;
  return { requirements: [], note: `nb2prod: not converted, runs only in the notebook: ${written}` };
}
