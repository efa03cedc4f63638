import type { Migration } from "kysely/migration";

/** Ids and timestamps are text in both dialects: ids are UUIDv7 strings, timestamps ISO-8601 UTC. */
export const initialMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("email", "text", (col) => col.notNull().unique())
      .addColumn("name", "text")
      .addColumn("password_hash", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("expires_at", "text", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("sessions_user_id_index").on("sessions").column("user_id").execute();

    await db.schema
      .createTable("conversations")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("title", "text", (col) => col.notNull())
      .addColumn("model", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("conversations_user_id_updated_at_index")
      .on("conversations")
      .columns(["user_id", "updated_at"])
      .execute();

    await db.schema
      .createTable("messages")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("conversation_id", "text", (col) => col.notNull().references("conversations.id").onDelete("cascade"))
      .addColumn("parent_id", "text", (col) => col.references("messages.id").onDelete("cascade"))
      .addColumn("role", "text", (col) => col.notNull())
      .addColumn("content", "text", (col) => col.notNull())
      .addColumn("model", "text")
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("error", "text")
      .addColumn("stream_id", "text", (col) => col.unique())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();
    // (conversation_id, id) also serves the id-ordered listing of a conversation.
    await db.schema
      .createIndex("messages_conversation_id_index")
      .on("messages")
      .columns(["conversation_id", "id"])
      .execute();
    // Without it, every cascaded message delete would scan the table for children on Postgres.
    await db.schema.createIndex("messages_parent_id_index").on("messages").column("parent_id").execute();
  },
};
