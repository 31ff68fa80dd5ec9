// Reads and checks <project>/nb2prod.json.
import { join } from "node:path";
import { FileNotFoundError } from "../ports";
import type { FileSystem } from "../ports";
import { MANIFEST_FILE, projectManifestSchema } from "./projectManifest";
import type { ProjectManifest } from "./projectManifest";
import { VerifySetupError } from "./verifySetupError";

const REGENERATE = "Generate the project again with nb2prod generate.";

async function manifestText(fs: FileSystem, path: string): Promise<string> {
  try {
    return await fs.readText(path);
  } catch (error) {
    if (error instanceof FileNotFoundError) {
      throw new VerifySetupError(`${path} does not exist, so this is not a project nb2prod generated`, "Pass --project the folder that nb2prod generate wrote.", { cause: error });
    }
    throw error;
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new VerifySetupError(`${path} is not valid JSON`, REGENERATE, { cause: error });
  }
}

export async function readProjectManifest(fs: FileSystem, projectDir: string): Promise<ProjectManifest> {
  const path = join(projectDir, MANIFEST_FILE);
  const parsed = projectManifestSchema.safeParse(parseJson(await manifestText(fs, path), path));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.map(String).join(".")}`;
  throw new VerifySetupError(`${path} is not a valid nb2prod manifest${where}: ${issue?.message ?? "unknown problem"}`, REGENERATE);
}
