import { describe, expect, it } from "vitest";
import { createTestPostgresDatabase } from "../store/postgres-test-database.ts";
import { openJobQueue } from "./index.ts";
import { runJobQueueContract } from "./job-queue.contract.ts";
import { openPostgresJobQueue } from "./postgres.ts";
import { openPostgresTestDatabase } from "./test-databases.ts";

const database = await createTestPostgresDatabase();

if ("skip" in database) {
  console.log(`postgres job queue tests skipped: ${database.skip}`);
  describe.skip(`JobQueue contract: postgres (skipped: ${database.skip})`, () => {});
} else {
  runJobQueueContract({
    name: "postgres",
    unitMs: 1_000,
    async open({ onEvent }) {
      const db = await openPostgresTestDatabase({ url: database.url });
      // Expired jobs and queue counts are looked at every second rather than every minute.
      const queue = await openPostgresJobQueue({
        url: database.url,
        db,
        onEvent,
        boss: { superviseIntervalSeconds: 1, monitorIntervalSeconds: 1, max: 4 },
      });
      return {
        queue,
        db,
        async close() {
          await queue.stop({ graceMs: 0 });
          await db.destroy();
        },
      };
    },
    cleanup: () => database.drop(),
  });

  describe("openJobQueue", () => {
    it("opens pg-boss for a Postgres database", async () => {
      const own = await createTestPostgresDatabase();
      if ("skip" in own) throw new Error(`Postgres became unreachable: ${own.skip}`);
      const db = await openPostgresTestDatabase({ url: own.url });
      try {
        const queue = await openJobQueue({ database: { kind: "postgres", url: own.url }, db });
        expect(queue.kind).toBe("postgres");
        await queue.stop({ graceMs: 0 });
      } finally {
        await db.destroy();
        await own.drop();
      }
    });
  });
}
