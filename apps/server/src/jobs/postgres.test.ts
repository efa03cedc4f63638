import { describe, expect, it } from "vitest";
import { createTestPostgresDatabase } from "../../test/postgres-database.ts";
import { openPostgresStore } from "../store/postgres.ts";
import { openJobQueue } from "./index.ts";
import { runJobQueueContract } from "./job-queue.contract.ts";
import { openPostgresJobQueue } from "./postgres.ts";
import type { StoreKysely } from "./types.ts";

const database = await createTestPostgresDatabase();

if ("skip" in database) {
  console.log(`postgres job queue tests skipped: ${database.skip}`);
  describe.skip(`JobQueue contract: postgres (skipped: ${database.skip})`, () => {});
} else {
  runJobQueueContract({
    name: "postgres",
    unitMs: 1_000,
    async open({ onEvent }) {
      const store = await openPostgresStore({ url: database.url });
      const db = store.handle as StoreKysely;
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
          await store.close();
        },
      };
    },
    cleanup: () => database.drop(),
  });

  describe("openJobQueue", () => {
    it("opens pg-boss for a Postgres database", async () => {
      const own = await createTestPostgresDatabase();
      if ("skip" in own) throw new Error(`Postgres became unreachable: ${own.skip}`);
      const store = await openPostgresStore({ url: own.url });
      try {
        const queue = await openJobQueue({
          database: { kind: "postgres", url: own.url },
          db: store.handle as StoreKysely,
        });
        expect(queue.kind).toBe("postgres");
        await queue.stop({ graceMs: 0 });
      } finally {
        await store.close();
        await own.drop();
      }
    });
  });
}
