import type { Migration } from "kysely/migration";

/**
 * Triggers (webhook, schedule, poll) and their runs. `secret` is a sealed envelope (secrets port), never the
 * secret. A run's `dedupe_key` (the webhook id, the schedule tick, the polled content's digest) is unique per
 * trigger, so a replayed webhook or a tick two processes saw makes one run.
 */
export const triggersMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("triggers")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("prompt", "text", (col) => col.notNull())
      .addColumn("model", "text")
      .addColumn("conversation_id", "text")
      .addColumn("schedule", "text")
      .addColumn("timezone", "text")
      .addColumn("url", "text")
      .addColumn("interval_seconds", "integer")
      .addColumn("secret", "text")
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("poll_digest", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("triggers_user_id_index").on("triggers").column("user_id").execute();

    await db.schema
      .createTable("trigger_runs")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("trigger_id", "text", (col) => col.notNull().references("triggers.id").onDelete("cascade"))
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("dedupe_key", "text")
      .addColumn("input", "text", (col) => col.notNull())
      .addColumn("conversation_id", "text")
      .addColumn("message_id", "text")
      .addColumn("error", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("started_at", "text")
      .addColumn("finished_at", "text")
      .addUniqueConstraint("trigger_runs_trigger_id_dedupe_key_unique", ["trigger_id", "dedupe_key"])
      .execute();
    await db.schema
      .createIndex("trigger_runs_trigger_id_created_at_index")
      .on("trigger_runs")
      .columns(["trigger_id", "created_at"])
      .execute();
  },
};
