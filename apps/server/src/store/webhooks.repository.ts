import type { Kysely, Selectable } from "kysely";
import type { WebhookRecord, WebhooksRepository } from "./automation-types.ts";
import type { Database, WebhooksTable } from "./database.ts";

export function createWebhooksRepository({ db }: { db: Kysely<Database> }): WebhooksRepository {
  return {
    async createWebhook(webhook) {
      await db
        .insertInto("webhooks")
        .values({ ...webhook, events: JSON.stringify(webhook.events) })
        .execute();
      return webhook;
    },

    async findWebhookById({ id }) {
      const row = await db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toWebhook(row);
    },

    async listWebhooksByUserId({ userId }) {
      const rows = await db
        .selectFrom("webhooks")
        .selectAll()
        .where("userId", "=", userId)
        .orderBy("createdAt")
        .orderBy("id")
        .execute();
      return rows.map(toWebhook);
    },

    async deleteWebhook({ id, userId }) {
      const result = await db
        .deleteFrom("webhooks")
        .where("id", "=", id)
        .where("userId", "=", userId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async createDelivery(delivery) {
      await db.insertInto("webhookDeliveries").values(delivery).execute();
    },

    findDeliveryById: ({ id }) =>
      db.selectFrom("webhookDeliveries").selectAll().where("id", "=", id).executeTakeFirst(),

    listDeliveries: ({ webhookId, limit }) =>
      db
        .selectFrom("webhookDeliveries")
        .selectAll()
        .where("webhookId", "=", webhookId)
        .orderBy("id", "desc")
        .limit(limit)
        .execute(),

    findNextPendingDelivery: ({ webhookId }) =>
      db
        .selectFrom("webhookDeliveries")
        .selectAll()
        .where("webhookId", "=", webhookId)
        .where("status", "=", "pending")
        .orderBy("id")
        .limit(1)
        .executeTakeFirst(),

    async listWebhookIdsWithDueDeliveries({ now, limit }) {
      const rows = await db
        .selectFrom("webhookDeliveries")
        .select("webhookId")
        .distinct()
        .where("status", "=", "pending")
        .where("nextAttemptAt", "<=", now)
        .limit(limit)
        .execute();
      return rows.map((row) => row.webhookId);
    },

    updateDelivery: ({ id, patch }) =>
      db.updateTable("webhookDeliveries").set(patch).where("id", "=", id).returningAll().executeTakeFirst(),
  };
}

function toWebhook(row: Selectable<WebhooksTable>): WebhookRecord {
  return { ...row, events: JSON.parse(row.events) as string[] };
}
