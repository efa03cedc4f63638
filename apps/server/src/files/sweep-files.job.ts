import type { Logger } from "pino";
import { z } from "zod";
import type { BlobStore } from "../blobs/index.ts";
import { defineJob } from "../jobs/index.ts";
import type { Store } from "../store/index.ts";

/** One sweep removes at most this many files; the next tick takes the rest. */
const SWEEP_BATCH = 200;

/** Removes orphaned files (see `listOrphanedFiles`), their blob first and then their row, so none is lost track of. */
export async function sweepFiles({
  store,
  blobs,
  now = new Date(),
}: {
  store: Pick<Store, "files">;
  blobs: BlobStore;
  now?: Date;
}): Promise<number> {
  const orphans = await store.files.listOrphanedFiles({ now: now.toISOString(), limit: SWEEP_BATCH });
  for (const file of orphans) {
    await blobs.delete({ key: file.storageKey });
    await store.files.deleteFile({ id: file.id });
  }
  return orphans.length;
}

/**
 * Uploads never completed, files deleted halfway, and the files of deleted conversations and accounts: their
 * bytes are removed from storage by this job, on the jobs port, once per tick across the fleet.
 */
export function createSweepFilesJob({
  store,
  blobs,
  logger,
}: {
  store: Pick<Store, "files">;
  blobs: BlobStore;
  logger: Pick<Logger, "info">;
}) {
  return defineJob({
    name: "files.sweep",
    schema: z.object({}),
    // A missed sweep is made up by the next tick.
    options: { retryLimit: 0 },
    async perform() {
      const removed = await sweepFiles({ store, blobs });
      if (removed > 0) logger.info({ removed }, "removed orphaned files");
    },
  });
}
