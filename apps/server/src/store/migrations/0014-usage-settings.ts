import type { Migration } from "kysely/migration";

/**
 * What every generation used and cost, per-user limit overrides, which models are offered to whom, and the
 * settings of a conversation (system prompt, model parameters; its tools came in 0012). JSON columns are text in both
 * dialects.
 */
export const usageSettingsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("usage_records")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("model", "text", (col) => col.notNull())
      .addColumn("input_tokens", "integer", (col) => col.notNull())
      .addColumn("output_tokens", "integer", (col) => col.notNull())
      .addColumn("cost_usd", "double precision")
      .addColumn("estimated", "integer", (col) => col.notNull())
      .addColumn("source", "text", (col) => col.notNull())
      .addColumn("message_id", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("usage_records_user_id_created_at_index")
      .on("usage_records")
      .columns(["user_id", "created_at"])
      .execute();
    await db.schema.createIndex("usage_records_created_at_index").on("usage_records").column("created_at").execute();

    await db.schema
      .createTable("model_access")
      .addColumn("model_id", "text", (col) => col.primaryKey().notNull())
      .addColumn("enabled", "integer", (col) => col.notNull())
      .addColumn("roles", "text")
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();

    await db.schema
      .createTable("user_limits")
      .addColumn("user_id", "text", (col) => col.primaryKey().notNull().references("users.id").onDelete("cascade"))
      .addColumn("overrides", "text", (col) => col.notNull())
      .addColumn("updated_at", "text", (col) => col.notNull())
      .execute();
    await db.schema.alterTable("messages").addColumn("usage", "text").execute();
    await db.schema
      .alterTable("conversations")
      .addColumn("system_prompt", "text", (col) => col.notNull().defaultTo(""))
      .execute();
    await db.schema
      .alterTable("conversations")
      .addColumn("params", "text", (col) => col.notNull().defaultTo("{}"))
      .execute();
  },
};
