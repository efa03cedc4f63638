import type { Migration } from "kysely/migration";

/**
 * Shared conversations: the people other than the owner who may read (viewer) or also send (editor), and the author
 * of each user message (null on rows written before sharing existed: their author is the owner).
 */
export const conversationMembersMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("conversation_members")
      .addColumn("conversation_id", "text", (col) => col.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("role", "text", (col) => col.notNull())
      .addColumn("added_by", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("conversation_members_primary_key", ["conversation_id", "user_id"])
      .execute();
    // A member's list of conversations is read by user.
    await db.schema
      .createIndex("conversation_members_user_id_index")
      .on("conversation_members")
      .column("user_id")
      .execute();
    await db.schema.alterTable("messages").addColumn("author_id", "text").execute();
  },
  async down(db) {
    await db.schema.alterTable("messages").dropColumn("author_id").execute();
    await db.schema.dropTable("conversation_members").execute();
  },
};
