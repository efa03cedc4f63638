import { spawnSync } from "node:child_process";
import { type FileHandle, mkdtemp, open, rm, rmdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type SmallDisk = {
  /** The mount point: a file system of its own, `sizeMiB` large. */
  dir: string;
  /** Fills every byte left with a file of its own, until the file system answers ENOSPC. */
  fill(): Promise<void>;
  /** Removes that file: the space comes back. */
  free(): Promise<void>;
  unmount(): Promise<void>;
};

const FILLER = ".filler";
const CHUNK = Buffer.alloc(64 * 1024);

async function writeUntilFull(file: FileHandle, chunk: Buffer) {
  for (;;) {
    try {
      await file.write(chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOSPC") return;
      throw error;
    }
  }
}

/**
 * Mounts a size-limited tmpfs for a test that fills a disk. Mounting needs root (or CAP_SYS_ADMIN): elsewhere it
 * returns `{ skip }` with the reason, unless REQUIRE_SERVICES=1 demands it.
 */
export async function mountSmallDisk({ sizeMiB }: { sizeMiB: number }): Promise<SmallDisk | { skip: string }> {
  const dir = await mkdtemp(join(tmpdir(), "slipstream-disk-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMiB}m,mode=0755`, "tmpfs", dir], {
    encoding: "utf8",
  });
  if (mounted.status !== 0) {
    await rmdir(dir);
    const reason = `cannot mount a tmpfs here (${(mounted.error?.message ?? mounted.stderr).trim() || `exit ${mounted.status}`})`;
    if (process.env.REQUIRE_SERVICES === "1") throw new Error(`REQUIRE_SERVICES=1 but ${reason}`);
    return { skip: reason };
  }
  const filler = join(dir, FILLER);
  return {
    dir,
    async fill() {
      const file = await open(filler, "a");
      try {
        // Smaller and smaller writes take the last pages and bytes too.
        for (let size = CHUNK.length; size >= 1; size = Math.floor(size / 2)) {
          await writeUntilFull(file, CHUNK.subarray(0, size));
        }
      } finally {
        await file.close();
      }
    },
    free: () => rm(filler, { force: true }),
    async unmount() {
      const unmounted = spawnSync("umount", [dir], { encoding: "utf8" });
      if (unmounted.status !== 0) throw new Error(`umount ${dir} failed: ${unmounted.stderr}`);
      await rmdir(dir);
    },
  };
}
