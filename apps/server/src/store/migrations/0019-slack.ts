import type { Migration } from "kysely/migration";

/**
 * Slack: one conversation per Slack thread, and every event answered, keyed by Slack's `event_id` so that a retried
 * delivery of the same event is recognised and not answered twice.
 */
export const slackMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("slack_threads")
      .addColumn("team_id", "text", (col) => col.notNull())
      .addColumn("channel", "text", (col) => col.notNull())
      .addColumn("thread_ts", "text", (col) => col.notNull())
      .addColumn("conversation_id", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("slack_threads_pkey", ["team_id", "channel", "thread_ts"])
      .execute();

    await db.schema
      .createTable("slack_events")
      .addColumn("event_id", "text", (col) => col.primaryKey().notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
  },
};
