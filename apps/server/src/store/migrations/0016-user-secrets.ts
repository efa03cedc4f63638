import type { Migration } from "kysely/migration";

/**
 * Users' named secrets (MCP credentials filled into `{{user.secret.NAME}}` headers), sealed by the secrets port:
 * `secret` is an envelope, never the value.
 */
export const userSecretsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("user_secrets")
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("hint", "text", (col) => col.notNull())
      .addColumn("secret", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .addPrimaryKeyConstraint("user_secrets_pkey", ["user_id", "name"])
      .execute();
  },
};
