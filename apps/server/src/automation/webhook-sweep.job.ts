import { z } from "zod";
import { defineJob, type JobQueue } from "../jobs/index.ts";
import type { Store } from "../store/index.ts";
import type { WebhookDeliveryJob } from "./webhook-delivery.job.ts";

/** How often, across the fleet, deliveries whose retry time came are handed to their webhook's delivery job. */
export const DELIVERY_SWEEP_MS = 5_000;
const SWEEP_BATCH = 500;

export function createWebhookSweepJob({
  store,
  jobs,
  deliverJob,
}: {
  store: Store;
  jobs: JobQueue;
  deliverJob: WebhookDeliveryJob;
}) {
  return defineJob({
    name: "webhook.sweep",
    schema: z.object({}),
    // The next tick is a few seconds away: a failed sweep is simply made up then.
    options: { retryLimit: 0, expireInMs: 60_000 },
    async perform() {
      const due = await store.webhooks.listWebhookIdsWithDueDeliveries({
        now: new Date().toISOString(),
        limit: SWEEP_BATCH,
      });
      for (const webhookId of due) await jobs.enqueue(deliverJob, { webhookId }, { singletonKey: webhookId });
    },
  });
}
