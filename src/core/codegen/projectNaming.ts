// Names the CLI and the editor both derive from a notebook's path, so a project generated
// from either is the same project.
import { basename, extname } from "node:path";

/** `notebooks/Diabetes Regression.ipynb` → `Diabetes Regression`: the project's folder name. */
export function notebookStem(notebookPath: string): string {
  return basename(notebookPath, extname(notebookPath));
}

/** `Diabetes Regression` → `diabetes-regression`: the distribution name in pyproject.toml. */
export function projectNameFor(notebookPath: string): string {
  const name = notebookStem(notebookPath).replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase();
  return name === "" ? "pipeline" : name;
}
