// The real FileSystem, on node:fs. Atomic writes follow the usual recipe: write a
// temporary file in the target's folder (a rename is only atomic within one file
// system), fsync it, rename it over the target, then fsync the folder so the rename
// itself survives a crash.
import { randomBytes } from "node:crypto";
import { open, readdir, readFile, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { FileNotFoundError } from "./ports";
import type { FileSystem } from "./ports";

function hasCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && "code" in error && codes.includes(String(error.code));
}

const isMissing = (error: unknown): boolean => hasCode(error, "ENOENT", "ENOTDIR");

export class NodeFileSystem implements FileSystem {
  async readText(path: string): Promise<string> {
    return (await this.readBytes(path)).toString("utf8");
  }

  async size(path: string): Promise<number> {
    try {
      return (await stat(path)).size;
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(path, { cause: error });
      throw error;
    }
  }

  async readBytes(path: string): Promise<Buffer> {
    try {
      // A pipe, socket or device would block or never end: only regular files are read.
      if (!(await stat(path)).isFile()) throw new Error("it is not a regular file (a folder, a pipe or a device)");
      return await readFile(path);
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(path, { cause: error });
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async listDir(path: string): Promise<string[]> {
    try {
      return (await readdir(path)).sort();
    } catch (error) {
      if (isMissing(error)) throw new FileNotFoundError(path, { cause: error });
      throw error;
    }
  }

  async realPath(path: string): Promise<string> {
    const missing: string[] = [];
    let existing = resolve(path);
    for (;;) {
      try {
        return join(await realpath(existing), ...missing.reverse());
      } catch (error) {
        const parent = dirname(existing);
        if (!isMissing(error) || parent === existing) throw error;
        missing.push(basename(existing));
        existing = parent;
      }
    }
  }

  async writeTextAtomic(path: string, text: string): Promise<void> {
    const target = await resolveLink(path);
    const mode = await modeOf(target);
    const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString("hex")}.tmp`);
    try {
      await writeAndSync(temp, text, mode);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncFolder(dirname(target));
  }
}

/** Writing through a symlink must replace the file it points to, not the link itself. */
async function resolveLink(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (isMissing(error)) return path;
    throw error;
  }
}

async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function writeAndSync(path: string, text: string, mode: number | undefined): Promise<void> {
  // "wx": never follow or reuse a file that happens to have the temporary name.
  const handle = await open(path, "wx", mode ?? 0o666);
  try {
    await handle.writeFile(text, "utf8");
    // open() applies the umask; chmod gives the new file exactly the old one's mode.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a folder; the rename is done either way.
  }
}
