import type { Logger } from "pino";
import { z } from "zod";
import { defineJob } from "../jobs/index.ts";
import type { Metrics } from "../metrics/index.ts";
import { UnsafeUrlError } from "../providers/outbound-safety.ts";
import type { SecretBox } from "../secrets/index.ts";
import type { Store, WebhookDeliveryRecord, WebhookRecord } from "../store/index.ts";
import { nextDeliveryAttempt } from "./delivery-backoff.ts";
import { secretContext, signedHeaders } from "./webhook-signing.ts";

/** A receiver gets this long to answer one delivery. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const ERROR_MAX_CHARS = 300;

/**
 * Sends one webhook's pending deliveries, oldest first, one at a time: a delivery that fails holds back the ones
 * after it until it succeeds or its 24 hours run out, so a receiver gets them in order. A failed attempt is
 * recorded with its next time; the sweep job enqueues this job again then.
 */
export function createWebhookDeliveryJob({
  store,
  secrets,
  safeFetch,
  retryBaseMs,
  logger,
  metrics,
}: {
  metrics: Pick<Metrics, "webhookDeliveries">;
  store: Store;
  secrets: SecretBox;
  safeFetch: typeof fetch;
  retryBaseMs: number;
  logger: Pick<Logger, "warn">;
}) {
  async function attempt(webhook: WebhookRecord, delivery: WebhookDeliveryRecord, signal: AbortSignal) {
    const secret = secrets.open({ sealed: webhook.secret, context: secretContext("webhook", webhook.id) });
    const headers = signedHeaders({ secret, id: delivery.id, body: delivery.payload, at: new Date() });
    try {
      const response = await safeFetch(webhook.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Slipstream-Webhooks", ...headers },
        body: delivery.payload,
        signal: AbortSignal.any([signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      return { status: response.status, ok: response.ok, error: response.ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: null, ok: false, error: message.slice(0, ERROR_MAX_CHARS), unsafe: isUnsafeUrl(error) };
    }
  }

  return defineJob({
    name: "webhook.deliver",
    schema: z.object({ webhookId: z.string() }),
    // A failed delivery is rescheduled by its own backoff (delivery-backoff.ts), not by retrying this job.
    options: { retryLimit: 2, expireInMs: 10 * 60_000 },
    async perform({ webhookId }, { signal }) {
      const webhook = await store.webhooks.findWebhookById({ id: webhookId });
      if (!webhook) return;
      for (;;) {
        if (signal.aborted) return;
        const delivery = await store.webhooks.findNextPendingDelivery({ webhookId });
        if (!delivery) return;
        const now = new Date();
        if (delivery.nextAttemptAt !== null && new Date(delivery.nextAttemptAt) > now) return;
        const result = await attempt(webhook, delivery, signal);
        const attempts = delivery.attempts + 1;
        if (result.ok) {
          await store.webhooks.updateDelivery({
            id: delivery.id,
            patch: {
              status: "delivered",
              attempts,
              responseStatus: result.status,
              error: null,
              nextAttemptAt: null,
              deliveredAt: new Date().toISOString(),
            },
          });
          metrics.webhookDeliveries.inc({ outcome: "delivered" });
          continue;
        }
        const next = result.unsafe
          ? null
          : nextDeliveryAttempt({
              attempts,
              createdAt: new Date(delivery.createdAt),
              now: new Date(),
              baseMs: retryBaseMs,
            });
        await store.webhooks.updateDelivery({
          id: delivery.id,
          patch: {
            status: next === null ? "failed" : "pending",
            attempts,
            responseStatus: result.status,
            error: result.error,
            nextAttemptAt: next?.toISOString() ?? null,
          },
        });
        metrics.webhookDeliveries.inc({ outcome: next === null ? "failed" : "retrying" });
        logger.warn({ webhookId, deliveryId: delivery.id, attempts, status: result.status }, "webhook delivery failed");
        if (next !== null) return;
      }
    },
  });
}
export type WebhookDeliveryJob = ReturnType<typeof createWebhookDeliveryJob>;

/** The safe dispatcher refuses at connect time, so fetch reports the refusal as the cause of its own error. */
function isUnsafeUrl(error: unknown): boolean {
  return error instanceof UnsafeUrlError || (error instanceof Error && error.cause instanceof UnsafeUrlError);
}
