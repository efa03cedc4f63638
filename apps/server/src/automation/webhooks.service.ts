import type { CreateWebhookBody } from "@slipstream/protocol";
import { DomainError, notFound } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { JobQueue } from "../jobs/index.ts";
import { assertSafeUrl, type OutboundPolicy, UnsafeUrlError } from "../providers/outbound-safety.ts";
import type { SecretBox } from "../secrets/index.ts";
import type { Store, WebhookRecord } from "../store/index.ts";
import type { WebhookDeliveryJob } from "./webhook-delivery.job.ts";
import { newSigningSecret, secretContext } from "./webhook-signing.ts";

const DELIVERIES_SHOWN = 100;

/** A user's outbound webhooks: subscribe a URL to events, see its deliveries, send one again. */
export function createWebhooksService({
  store,
  secrets,
  jobs,
  deliverJob,
  outbound,
}: {
  store: Store;
  secrets: SecretBox;
  jobs: JobQueue;
  deliverJob: WebhookDeliveryJob;
  outbound: OutboundPolicy;
}) {
  async function requireOwn(principal: Principal, id: string): Promise<WebhookRecord> {
    const webhook = await store.webhooks.findWebhookById({ id });
    if (!webhook || webhook.userId !== principal.userId) throw notFound("Webhook");
    return webhook;
  }

  return {
    listWebhooks: ({ principal }: { principal: Principal }) =>
      store.webhooks.listWebhooksByUserId({ userId: principal.userId }),

    /** Refuses a URL that resolves to a private address now; every delivery checks again as it connects. */
    async createWebhook({ principal, url, events }: CreateWebhookBody & { principal: Principal }) {
      try {
        await assertSafeUrl(url, outbound);
      } catch (error) {
        if (error instanceof UnsafeUrlError) throw new DomainError("unsafe_url", error.message, { cause: error });
        throw error;
      }
      const id = newId();
      const secret = newSigningSecret();
      const webhook = await store.webhooks.createWebhook({
        id,
        userId: principal.userId,
        url,
        events: [...new Set(events)],
        secret: secrets.seal({ plaintext: secret, context: secretContext("webhook", id) }),
        createdAt: new Date().toISOString(),
      });
      return { webhook, secret };
    },

    async deleteWebhook({ principal, id }: { principal: Principal; id: string }) {
      await requireOwn(principal, id);
      await store.webhooks.deleteWebhook({ id, userId: principal.userId });
    },

    async listDeliveries({ principal, id }: { principal: Principal; id: string }) {
      await requireOwn(principal, id);
      return store.webhooks.listDeliveries({ webhookId: id, limit: DELIVERIES_SHOWN });
    },

    /** Puts one delivery (failed, or waiting for its next attempt) back in line now; it keeps its place in order. */
    async retryDelivery({ principal, id, deliveryId }: { principal: Principal; id: string; deliveryId: string }) {
      await requireOwn(principal, id);
      const delivery = await store.webhooks.findDeliveryById({ id: deliveryId });
      if (!delivery || delivery.webhookId !== id) throw notFound("Delivery");
      const updated = await store.webhooks.updateDelivery({
        id: deliveryId,
        patch: { status: "pending", nextAttemptAt: new Date().toISOString() },
      });
      await jobs.enqueue(deliverJob, { webhookId: id }, { singletonKey: id });
      return updated ?? delivery;
    },
  };
}
export type WebhooksService = ReturnType<typeof createWebhooksService>;
