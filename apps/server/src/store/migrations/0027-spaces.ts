import type { Migration } from "kysely/migration";

/**
 * Spaces: a named group of people and conversations. The owner is the space's `user_id`, never a member row; members
 * are editors or viewers, and reach every conversation of the space by that role. Deleting a space's owner deletes
 * the space, and the conversations other people kept in it leave it (`space_id` becomes null) rather than go with it.
 */
export const spacesMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("spaces")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("spaces_user_id_index").on("spaces").column("user_id").execute();
    await db.schema
      .createTable("space_members")
      .addColumn("space_id", "text", (col) => col.notNull().references("spaces.id").onDelete("cascade"))
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("role", "text", (col) => col.notNull())
      .addColumn("added_by", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("space_members_primary_key", ["space_id", "user_id"])
      .execute();
    // A member's spaces, and so their conversations, are read by user.
    await db.schema.createIndex("space_members_user_id_index").on("space_members").column("user_id").execute();
    await db.schema
      .alterTable("conversations")
      .addColumn("space_id", "text", (col) => col.references("spaces.id").onDelete("set null"))
      .execute();
    await db.schema.createIndex("conversations_space_id_index").on("conversations").column("space_id").execute();
  },
  async down(db) {
    await db.schema.dropIndex("conversations_space_id_index").execute();
    await db.schema.alterTable("conversations").dropColumn("space_id").execute();
    await db.schema.dropTable("space_members").execute();
    await db.schema.dropTable("spaces").execute();
  },
};
