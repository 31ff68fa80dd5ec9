// Scratch folders under the system's temporary folder (os.tmpdir()).
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ScratchDir, ScratchSpace } from "./scratchSpace";

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");
}

class NodeScratchDir implements ScratchDir {
  constructor(readonly path: string) {}

  async write(relativePath: string, text: string): Promise<void> {
    const target = join(this.path, relativePath);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text, "utf8");
  }

  async read(relativePath: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.path, relativePath), "utf8");
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async remove(): Promise<void> {
    await rm(this.path, { recursive: true, force: true, maxRetries: 3 });
  }
}

export class NodeScratchSpace implements ScratchSpace {
  constructor(private readonly prefix = "nb2prod-verify-") {}

  async create(): Promise<ScratchDir> {
    return new NodeScratchDir(await mkdtemp(join(tmpdir(), this.prefix)));
  }
}
