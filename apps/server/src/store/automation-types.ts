import type {
  SlackThreadsTable,
  Timestamp,
  TriggerRunsTable,
  TriggersTable,
  WebhookDeliveriesTable,
  WebhooksTable,
} from "./database.ts";

export type TriggerRecord = TriggersTable;
export type TriggerRunRecord = Omit<TriggerRunsTable, "input"> & { input: Record<string, unknown> };
export type WebhookRecord = Omit<WebhooksTable, "events"> & { events: string[] };
export type WebhookDeliveryRecord = WebhookDeliveriesTable;
export type SlackThreadRecord = SlackThreadsTable;

export type TriggerPatch = Partial<
  Pick<
    TriggerRecord,
    | "name"
    | "prompt"
    | "model"
    | "conversationId"
    | "schedule"
    | "timezone"
    | "url"
    | "intervalSeconds"
    | "status"
    | "pollDigest"
    | "updatedAt"
  >
>;

export interface TriggersRepository {
  createTrigger(trigger: TriggerRecord): Promise<TriggerRecord>;
  findTriggerById(input: { id: string }): Promise<TriggerRecord | undefined>;
  listTriggersByUserId(input: { userId: string }): Promise<TriggerRecord[]>;
  /** Only the owner's: undefined for another user's trigger. */
  updateTrigger(input: { id: string; userId: string; patch: TriggerPatch }): Promise<TriggerRecord | undefined>;
  deleteTrigger(input: { id: string; userId: string }): Promise<boolean>;
}

export type RunPatch = Partial<
  Pick<TriggerRunRecord, "status" | "conversationId" | "messageId" | "error" | "startedAt" | "finishedAt">
>;

export interface TriggerRunsRepository {
  /** Undefined when the trigger already has a run with this `dedupeKey`. */
  createRun(run: TriggerRunRecord): Promise<TriggerRunRecord | undefined>;
  findRunById(input: { id: string }): Promise<TriggerRunRecord | undefined>;
  findRunByDedupeKey(input: { triggerId: string; dedupeKey: string }): Promise<TriggerRunRecord | undefined>;
  /** Newest first. */
  listRunsByTriggerId(input: { triggerId: string; limit: number }): Promise<TriggerRunRecord[]>;
  updateRun(input: { id: string; patch: RunPatch }): Promise<TriggerRunRecord | undefined>;
}

export interface WebhooksRepository {
  createWebhook(webhook: WebhookRecord): Promise<WebhookRecord>;
  findWebhookById(input: { id: string }): Promise<WebhookRecord | undefined>;
  listWebhooksByUserId(input: { userId: string }): Promise<WebhookRecord[]>;
  deleteWebhook(input: { id: string; userId: string }): Promise<boolean>;
  createDelivery(delivery: WebhookDeliveryRecord): Promise<void>;
  findDeliveryById(input: { id: string }): Promise<WebhookDeliveryRecord | undefined>;
  /** Newest first. */
  listDeliveries(input: { webhookId: string; limit: number }): Promise<WebhookDeliveryRecord[]>;
  /** The webhook's oldest pending delivery: deliveries go out one at a time, in order. */
  findNextPendingDelivery(input: { webhookId: string }): Promise<WebhookDeliveryRecord | undefined>;
  /** Webhooks with a pending delivery due by `now`. */
  listWebhookIdsWithDueDeliveries(input: { now: Timestamp; limit: number }): Promise<string[]>;
  updateDelivery(input: {
    id: string;
    patch: Partial<
      Pick<WebhookDeliveryRecord, "status" | "attempts" | "responseStatus" | "error" | "nextAttemptAt" | "deliveredAt">
    >;
  }): Promise<WebhookDeliveryRecord | undefined>;
}

export interface SlackRepository {
  /** False when this event id was already recorded: Slack retried it. */
  recordEvent(input: { eventId: string; now: Timestamp }): Promise<boolean>;
  findThread(input: { teamId: string; channel: string; threadTs: string }): Promise<SlackThreadRecord | undefined>;
  /** Keeps the first conversation when two answers raced to create one; returns the one kept. */
  createThread(thread: SlackThreadRecord): Promise<SlackThreadRecord>;
}
