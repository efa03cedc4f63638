import { sql } from "kysely";
import type { Migration } from "kysely/migration";

/** The outbox of domain events, kept after publishing as each conversation's history (no foreign key: a deleted conversation keeps its last events). */
export const conversationEventsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("conversation_events")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("conversation_id", "text", (col) => col.notNull())
      .addColumn("version", "integer", (col) => col.notNull())
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("type", "text", (col) => col.notNull())
      .addColumn("payload", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("published_at", "text")
      .addColumn("claimed_until", "text")
      .addUniqueConstraint("conversation_events_version_unique", ["conversation_id", "version"])
      .execute();
    // The relay looks only for what is not published yet; published history is read by conversation and version.
    await db.schema
      .createIndex("conversation_events_unpublished_index")
      .on("conversation_events")
      .column("id")
      .where(sql.ref("published_at"), "is", null)
      .execute();
  },
};
