import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJobQueueContract } from "./job-queue.contract.ts";
import { createSqliteJobQueue } from "./sqlite.ts";
import { openSqliteTestDatabase } from "./test-databases.ts";

const directory = await mkdtemp(join(tmpdir(), "slipstream-jobs-"));
const path = join(directory, "jobs.db");

runJobQueueContract({
  name: "sqlite",
  unitMs: 100,
  async open({ onEvent }) {
    const db = await openSqliteTestDatabase({ path });
    const queue = createSqliteJobQueue({ db, onEvent });
    return {
      queue,
      db,
      async close() {
        await queue.stop({ graceMs: 0 });
        await db.destroy();
      },
    };
  },
  cleanup: () => rm(directory, { recursive: true, force: true }),
});
