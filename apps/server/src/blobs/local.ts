import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { newId } from "../ids/new-id.ts";
import { limitBytes } from "./byte-limit.ts";
import type { BlobInfo, BlobStore } from "./types.ts";

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,511}$/;

/**
 * Blobs as files under `root` (DATA_DIR/files): each object is its bytes and a `.meta.json` beside them. A put
 * writes to a temporary name and renames it into place, so a reader never sees half an object.
 */
export function createLocalBlobStore({ root }: { root: string }): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    // Keys come from the server, never from users; this stops a wrong one from leaving the folder all the same.
    if (!KEY_PATTERN.test(key) || key.includes("..") || !path.startsWith(base + sep)) {
      throw new Error(`Invalid blob key: ${key}`);
    }
    return path;
  };
  const readInfo = async (path: string): Promise<BlobInfo | undefined> => {
    try {
      const [meta, stats] = await Promise.all([readFile(`${path}.meta.json`, "utf8"), stat(path)]);
      return { size: stats.size, contentType: (JSON.parse(meta) as { contentType: string }).contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  };

  return {
    kind: "local",
    async put({ key, body, contentType, maxBytes }) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${newId()}.partial`);
      try {
        await pipeline(limitBytes(body, maxBytes), createWriteStream(temporary));
        await writeFile(`${path}.meta.json`, JSON.stringify({ contentType }));
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { size: (await stat(path)).size, contentType };
    },
    async get({ key, range }) {
      const path = pathOf(key);
      const info = await readInfo(path);
      if (!info) return undefined;
      return { ...info, body: createReadStream(path, range ? { start: range.start, end: range.end } : {}) };
    },
    head: async ({ key }) => readInfo(pathOf(key)),
    async delete({ key }) {
      const path = pathOf(key);
      await rm(path, { force: true });
      await rm(`${path}.meta.json`, { force: true });
    },
    async close() {},
  };
}
