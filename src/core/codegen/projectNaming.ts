// Names the CLI and the editor both derive from a notebook's path, so a project generated
// from either is the same project.
import { basename, extname, relative } from "node:path";

/** `notebooks/Diabetes Regression.ipynb` → `Diabetes Regression`: the project's folder name. */
export function notebookStem(notebookPath: string): string {
  return basename(notebookPath, extname(notebookPath));
}

/** `Diabetes Regression` → `diabetes-regression`: the distribution name in pyproject.toml. */
export function projectNameFor(notebookPath: string): string {
  const name = notebookStem(notebookPath).replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase();
  return name === "" ? "pipeline" : name;
}

/** The notebook's path as seen from the project folder, with forward slashes (for the equivalence test). */
export function notebookPathFromProject(projectDir: string, notebookPath: string): string {
  return relative(projectDir, notebookPath).split("\\").join("/");
}
