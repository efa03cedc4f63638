import type { Migration } from "kysely/migration";

/** The lease sweep of every instance looks for replies still `streaming` and not written lately; without this it scans every message. */
export const sweepIndexMigration: Migration = {
  async up(db) {
    await db.schema
      .createIndex("messages_status_updated_at_index")
      .on("messages")
      .columns(["status", "updated_at"])
      .execute();
  },
};
