import type { Trigger, TriggerRun, Webhook, WebhookDelivery, WebhookEventType } from "@slipstream/protocol";
import type { TriggerRecord, TriggerRunRecord, WebhookDeliveryRecord, WebhookRecord } from "../store/index.ts";

export function presentTrigger(trigger: TriggerRecord): Trigger {
  const { userId: _owner, secret: _secret, pollDigest: _digest, ...shown } = trigger;
  return { ...shown, hookPath: trigger.kind === "webhook" ? `/hooks/${trigger.id}` : null };
}

export function presentRun(run: TriggerRunRecord): TriggerRun {
  const { dedupeKey: _key, input: _input, ...shown } = run;
  return shown;
}

export function presentWebhook(webhook: WebhookRecord): Webhook {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events as WebhookEventType[],
    createdAt: webhook.createdAt,
  };
}

export function presentDelivery(delivery: WebhookDeliveryRecord): WebhookDelivery {
  const { payload: _payload, event, ...shown } = delivery;
  return { ...shown, event: event as WebhookEventType };
}
