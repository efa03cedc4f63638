import type { Migration } from "kysely/migration";

/**
 * Outbound webhooks and their deliveries. Deliveries are sent per webhook in `id` order (uuidv7, so creation order);
 * `secret` is a sealed envelope of the signing secret.
 */
export const webhooksMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("webhooks")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("user_id", "text", (col) => col.notNull().references("users.id").onDelete("cascade"))
      .addColumn("url", "text", (col) => col.notNull())
      .addColumn("events", "text", (col) => col.notNull())
      .addColumn("secret", "text", (col) => col.notNull())
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
    await db.schema.createIndex("webhooks_user_id_index").on("webhooks").column("user_id").execute();

    await db.schema
      .createTable("webhook_deliveries")
      .addColumn("id", "text", (col) => col.primaryKey().notNull())
      .addColumn("webhook_id", "text", (col) => col.notNull().references("webhooks.id").onDelete("cascade"))
      .addColumn("event", "text", (col) => col.notNull())
      .addColumn("payload", "text", (col) => col.notNull())
      .addColumn("status", "text", (col) => col.notNull())
      .addColumn("attempts", "integer", (col) => col.notNull())
      .addColumn("response_status", "integer")
      .addColumn("error", "text")
      .addColumn("next_attempt_at", "text")
      .addColumn("delivered_at", "text")
      .addColumn("created_at", "text", (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex("webhook_deliveries_webhook_id_status_index")
      .on("webhook_deliveries")
      .columns(["webhook_id", "status", "id"])
      .execute();
  },
};
