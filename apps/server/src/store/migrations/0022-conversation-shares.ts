import type { Migration } from "kysely/migration";

/**
 * Share links: a read-only copy of a conversation as it was when shared (branches kept), readable by anyone with
 * its unguessable id. Revoking deletes the row; deleting the conversation deletes its links.
 */
export const conversationSharesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("conversation_shares")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("conversation_id", "text", (col) => col.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("created_by", "text", (col) => col.notNull())
      .addColumn("snapshot", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("conversation_shares_conversation_id_index")
      .on("conversation_shares")
      .column("conversation_id")
      .execute();
  },
  async down(db) {
    await db.schema.dropTable("conversation_shares").execute();
  },
};
