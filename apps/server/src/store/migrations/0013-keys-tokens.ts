import type { Migration } from "kysely/migration";

/**
 * Users' own provider keys and the providers administrators connect at run time, both sealed by the secrets port
 * (`secret` is an envelope, never a key), and personal API tokens, kept only as a hash of their secret.
 */
export const keysTokensMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("provider_keys")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("provider", "text", (col) => col.notNull())
      .addColumn("model_provider", "text", (col) => col.notNull())
      .addColumn("label", "text", (col) => col.notNull())
      .addColumn("base_url", "text")
      .addColumn("hint", "text", (col) => col.notNull())
      .addColumn("secret", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("last_used_at", "text")
      .addUniqueConstraint("provider_keys_user_id_model_provider_unique", ["user_id", "model_provider"])
      .execute();

    await db.schema
      .createTable("provider_connections")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("kind", "text", (col) => col.notNull())
      .addColumn("name", "text", (col) => col.notNull().unique())
      .addColumn("base_url", "text")
      .addColumn("hint", "text")
      .addColumn("secret", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("prefix", "text", (col) => col.notNull())
      .addColumn("token_hash", "text", (col) => col.notNull().unique())
      .addColumn("created_at", "text", (col) => col.notNull())
      .addColumn("expires_at", "text")
      .addColumn("last_used_at", "text")
      .execute();
    await db.schema.createIndex("api_tokens_user_id_index").on("api_tokens").column("user_id").execute();
  },
};
