import type { Migration } from "kysely/migration";

/** A conversation's enabled tools, by id, as JSON text (the same in both dialects). */
export const conversationToolsMigration: Migration = {
  async up(db) {
    await db.schema
      .alterTable("conversations")
      .addColumn("tools", "text", (col) => col.notNull().defaultTo("[]"))
      .execute();
  },
};
