import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import type { Store } from "./index.ts";
import { at, newUser } from "./store.contract.fixtures.ts";
import type { TriggerRecord, TriggerRunRecord, WebhookDeliveryRecord } from "./types.ts";

const newTrigger = (userId: string): TriggerRecord => ({
  id: uuidv7(),
  userId,
  name: "Hook",
  kind: "webhook",
  prompt: "Summarise {{body}}",
  model: null,
  conversationId: null,
  schedule: null,
  timezone: null,
  url: null,
  intervalSeconds: null,
  secret: "v1.sealed",
  status: "active",
  pollDigest: null,
  createdAt: at(),
  updatedAt: at(),
});

const newRun = (triggerId: string, dedupeKey: string | null, ms = 0): TriggerRunRecord => ({
  id: uuidv7(),
  triggerId,
  status: "queued",
  dedupeKey,
  input: { body: { a: [1, 2] } },
  conversationId: null,
  messageId: null,
  error: null,
  createdAt: at({ ms }),
  startedAt: null,
  finishedAt: null,
});

const newDelivery = (webhookId: string, overrides: Partial<WebhookDeliveryRecord> = {}): WebhookDeliveryRecord => ({
  id: uuidv7(),
  webhookId,
  event: "message.completed",
  payload: '{"type":"message.completed"}',
  status: "pending",
  attempts: 0,
  responseStatus: null,
  error: null,
  nextAttemptAt: at(),
  deliveredAt: null,
  createdAt: at(),
  ...overrides,
});

/** Triggers, their runs, outbound webhooks and the Slack app's rows: the automation part of `runStoreContract`. */
export function describeAutomationContract(store: () => Store): void {
  describe("automation", () => {
    it("keeps triggers per owner, and one run per trigger and dedupe key", async () => {
      const [owner, other] = await Promise.all([
        store().users.createUser(newUser()),
        store().users.createUser(newUser()),
      ]);
      const trigger = await store().triggers.createTrigger(newTrigger(owner.id));
      expect(await store().triggers.listTriggersByUserId({ userId: owner.id })).toEqual([trigger]);
      expect(
        await store().triggers.updateTrigger({ id: trigger.id, userId: other.id, patch: { status: "paused" } }),
      ).toBeUndefined();
      expect(
        await store().triggers.updateTrigger({ id: trigger.id, userId: owner.id, patch: { status: "paused" } }),
      ).toEqual({
        ...trigger,
        status: "paused",
      });

      const first = await store().triggerRuns.createRun(newRun(trigger.id, "hook:1"));
      expect(first?.input).toEqual({ body: { a: [1, 2] } });
      expect(await store().triggerRuns.createRun(newRun(trigger.id, "hook:1"))).toBeUndefined();
      expect(await store().triggerRuns.findRunByDedupeKey({ triggerId: trigger.id, dedupeKey: "hook:1" })).toEqual(
        first,
      );
      const second = await store().triggerRuns.createRun(newRun(trigger.id, null, 5));
      const third = await store().triggerRuns.createRun(newRun(trigger.id, null, 10));
      const done = await store().triggerRuns.updateRun({
        id: third?.id ?? "",
        patch: { status: "complete", finishedAt: at({ ms: 20 }) },
      });
      expect(done).toMatchObject({ status: "complete", finishedAt: at({ ms: 20 }) });
      const listed = await store().triggerRuns.listRunsByTriggerId({ triggerId: trigger.id, limit: 10 });
      expect(listed.map((run) => run.id)).toEqual([third?.id, second?.id, first?.id]);

      expect(await store().triggers.deleteTrigger({ id: trigger.id, userId: other.id })).toBe(false);
      expect(await store().triggers.deleteTrigger({ id: trigger.id, userId: owner.id })).toBe(true);
      expect(await store().triggerRuns.findRunById({ id: first?.id ?? "" })).toBeUndefined();
    });

    it("hands out a webhook's pending deliveries oldest first, and lists the webhooks with due ones", async () => {
      const owner = await store().users.createUser(newUser());
      const webhook = await store().webhooks.createWebhook({
        id: uuidv7(),
        userId: owner.id,
        url: "https://example.com/hook",
        events: ["message.completed"],
        secret: "v1.sealed",
        createdAt: at(),
      });
      expect(await store().webhooks.findWebhookById({ id: webhook.id })).toEqual(webhook);
      const older = newDelivery(webhook.id);
      const newer = newDelivery(webhook.id, { nextAttemptAt: at({ ms: 60_000 }) });
      await store().webhooks.createDelivery(older);
      await store().webhooks.createDelivery(newer);
      expect(await store().webhooks.findNextPendingDelivery({ webhookId: webhook.id })).toEqual(older);
      expect(await store().webhooks.listWebhookIdsWithDueDeliveries({ now: at({ ms: 1 }), limit: 1000 })).toContain(
        webhook.id,
      );
      await store().webhooks.updateDelivery({
        id: older.id,
        patch: { status: "delivered", attempts: 1, deliveredAt: at() },
      });
      expect(await store().webhooks.findNextPendingDelivery({ webhookId: webhook.id })).toEqual(newer);
      expect(await store().webhooks.listWebhookIdsWithDueDeliveries({ now: at({ ms: 1 }), limit: 1000 })).not.toContain(
        webhook.id,
      );
      expect(
        (await store().webhooks.listDeliveries({ webhookId: webhook.id, limit: 10 })).map((one) => one.id),
      ).toEqual([newer.id, older.id]);
      expect(await store().webhooks.deleteWebhook({ id: webhook.id, userId: owner.id })).toBe(true);
      expect(await store().webhooks.findDeliveryById({ id: newer.id })).toBeUndefined();
    });

    it("records each Slack event once, and keeps the first conversation of a thread", async () => {
      const eventId = `Ev${uuidv7()}`;
      expect(await store().slack.recordEvent({ eventId, now: at() })).toBe(true);
      expect(await store().slack.recordEvent({ eventId, now: at() })).toBe(false);
      const thread = { teamId: "T1", channel: "C1", threadTs: uuidv7() };
      const kept = await store().slack.createThread({ ...thread, conversationId: "first", createdAt: at() });
      expect(await store().slack.createThread({ ...thread, conversationId: "second", createdAt: at() })).toEqual(kept);
      expect(await store().slack.findThread(thread)).toMatchObject({ conversationId: "first" });
    });
  });
}
