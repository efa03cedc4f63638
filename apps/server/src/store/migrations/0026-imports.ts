import type { Migration } from "kysely/migration";

/**
 * Imports of other histories (a Slipstream export, ChatGPT's conversations.json): the job's progress, which
 * conversations it wrote so far (so that a retried job goes on where it stopped), and where its payload waits in
 * the blob store until the job ends. Deleting the user deletes their imports.
 */
export const importsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("imports")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("total", "integer", (col) => col.notNull())
      .addColumn("done", "integer", (col) => col.notNull())
      .addColumn("conversation_ids", "text", (col) => col.notNull())
      .addColumn("error", "text")
      .addColumn("payload_key", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("imports_user_id_index").on("imports").column("user_id").execute();
  },
  async down(db) {
    await db.schema.dropTable("imports").execute();
  },
};
