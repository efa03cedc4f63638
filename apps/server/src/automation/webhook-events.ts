import type { ConversationEvent, WebhookEventType } from "@slipstream/protocol";
import { newId } from "../ids/new-id.ts";
import type { JobDefinition, JobQueue, StoreKysely } from "../jobs/index.ts";
import type { ConversationEventRecord, StoreTransaction, WebhookRecord } from "../store/index.ts";

export type WebhookEvent = { userId: string; type: WebhookEventType; data: Record<string, unknown> };

/**
 * Queues the deliveries of an event to its owner's subscribed webhooks, in the transaction of the change it
 * reports: the event and its deliveries commit together, so none is lost and none is sent for a rolled-back change.
 */
export function createWebhookEvents({
  jobs,
  deliverJob,
}: {
  jobs: JobQueue;
  deliverJob: () => JobDefinition<{ webhookId: string }>;
}) {
  /** A turn records several events for one owner in one transaction: their webhooks are read once for all. */
  const webhooksInTransaction = new WeakMap<StoreTransaction, Map<string, Promise<WebhookRecord[]>>>();
  function webhooksOf(tx: StoreTransaction, userId: string) {
    const byUser = webhooksInTransaction.get(tx) ?? new Map<string, Promise<WebhookRecord[]>>();
    webhooksInTransaction.set(tx, byUser);
    const webhooks = byUser.get(userId) ?? tx.webhooks.listWebhooksByUserId({ userId });
    byUser.set(userId, webhooks);
    return webhooks;
  }

  async function queue(tx: StoreTransaction, { userId, type, data }: WebhookEvent): Promise<void> {
    const webhooks = await webhooksOf(tx, userId);
    const now = new Date().toISOString();
    for (const webhook of webhooks.filter((candidate) => candidate.events.includes(type))) {
      const id = newId();
      await tx.webhooks.createDelivery({
        id,
        webhookId: webhook.id,
        event: type,
        payload: JSON.stringify({ type, timestamp: now, data }),
        status: "pending",
        attempts: 0,
        responseStatus: null,
        error: null,
        nextAttemptAt: now,
        deliveredAt: null,
        createdAt: now,
      });
      // One delivery job per webhook at a time keeps its deliveries in order; the pending one will take this too.
      await jobs.enqueue(
        deliverJob(),
        { webhookId: webhook.id },
        { tx: tx.handle as StoreKysely, singletonKey: webhook.id },
      );
    }
  }

  return {
    queue,
    /** The outbox's hook: conversation events that webhooks can subscribe to. */
    async onConversationEvent(tx: StoreTransaction, record: ConversationEventRecord): Promise<void> {
      const event = record.payload as ConversationEvent;
      const mapped = toWebhookEvent(event);
      if (mapped)
        await queue(tx, {
          userId: record.userId,
          type: mapped,
          data: { conversationId: record.conversationId, ...event },
        });
    },
  };
}
export type WebhookEvents = ReturnType<typeof createWebhookEvents>;

function toWebhookEvent(event: ConversationEvent): WebhookEventType | undefined {
  if (event.type === "conversation.created") return "conversation.created";
  if (event.type === "message.created") return "message.created";
  if (event.type === "message.updated" && event.message.role === "assistant" && event.message.status === "complete") {
    return "message.completed";
  }
  return undefined;
}
