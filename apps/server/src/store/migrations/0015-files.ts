import type { Migration } from "kysely/migration";

/**
 * Files users upload and models generate. `user_id` and `conversation_id` carry no foreign keys on purpose: the
 * bytes live outside the database, so a row must outlive its owner's deletion until the `files.sweep` job has
 * removed its blob, then the row.
 */
export const filesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("files")
      .addColumn("id", "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) => col.notNull())
      .addColumn("conversation_id", "text")
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("content_type", "text", (col) => col.notNull())
      .addColumn("size", "integer", (col) => col.notNull())
      .addColumn("storage_key", "text", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("text_content", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("expires_at", "text")
      .execute();
    await db.schema.createIndex("files_user_id_index").on("files").column("user_id").execute();
    await db.schema.createIndex("files_conversation_id_index").on("files").column("conversation_id").execute();
    await db.schema
      .createIndex("files_status_expires_at_index")
      .on("files")
      .columns(["status", "expires_at"])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("files").execute();
  },
};
