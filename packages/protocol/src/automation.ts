import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";
import { baseUrlSchema } from "./keys.ts";

export const TRIGGER_KINDS = ["webhook", "schedule", "poll"] as const;
export const triggerKindSchema = z.enum(TRIGGER_KINDS);
export type TriggerKind = z.infer<typeof triggerKindSchema>;

export const TRIGGER_RUN_STATUSES = ["queued", "running", "complete", "error"] as const;
export const triggerRunStatusSchema = z.enum(TRIGGER_RUN_STATUSES);
export type TriggerRunStatus = z.infer<typeof triggerRunStatusSchema>;

/** The shortest poll interval: a poll is a fetch of someone else's server. */
export const POLL_MIN_INTERVAL_SECONDS = 30;
/** The largest webhook body a trigger accepts. */
export const TRIGGER_BODY_MAX_BYTES = 64 * 1024;

export const triggerSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: triggerKindSchema,
  prompt: z.string(),
  model: z.string().nullable(),
  conversationId: z.string().nullable(),
  schedule: z.string().nullable(),
  timezone: z.string().nullable(),
  url: z.string().nullable(),
  intervalSeconds: z.number().int().nullable(),
  /** `active` triggers run; `paused` ones refuse webhooks and skip their ticks. */
  status: z.enum(["active", "paused"]),
  /** Where a webhook trigger is called (`POST`), relative to the server. */
  hookPath: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Trigger = z.infer<typeof triggerSchema>;

const triggerFieldsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  prompt: z.string().trim().min(1).max(20_000),
  model: z.string().min(1).max(200).optional(),
  conversationId: idSchema.optional(),
  schedule: z.string().trim().min(1).max(100).optional(),
  timezone: z.string().trim().min(1).max(100).optional(),
  url: baseUrlSchema.optional(),
  intervalSeconds: z
    .number()
    .int()
    .min(POLL_MIN_INTERVAL_SECONDS)
    .max(7 * 24 * 3600)
    .optional(),
});

export const createTriggerBodySchema = triggerFieldsSchema
  .extend({ kind: triggerKindSchema })
  .refine((body) => body.kind !== "schedule" || body.schedule !== undefined, {
    message: "a schedule trigger needs its schedule (5-field cron)",
    path: ["schedule"],
  })
  .refine((body) => body.kind !== "poll" || (body.url !== undefined && body.intervalSeconds !== undefined), {
    message: "a poll trigger needs its url and intervalSeconds",
    path: ["url"],
  });
export type CreateTriggerBody = z.infer<typeof createTriggerBodySchema>;

export const updateTriggerBodySchema = triggerFieldsSchema
  .partial()
  .extend({ status: z.enum(["active", "paused"]).optional() });
export type UpdateTriggerBody = z.infer<typeof updateTriggerBodySchema>;

export const triggerRunSchema = z.object({
  id: idSchema,
  triggerId: idSchema,
  status: triggerRunStatusSchema,
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  error: z.string().nullable(),
  createdAt: timestampSchema,
});
export type TriggerRun = z.infer<typeof triggerRunSchema>;

export const triggerResponseSchema = z.object({ trigger: triggerSchema });
/** `secret` (webhook triggers) is shown this once. */
export const createTriggerResponseSchema = z.object({ trigger: triggerSchema, secret: z.string().optional() });
export const triggersResponseSchema = z.object({ triggers: z.array(triggerSchema) });
export const triggerRunsResponseSchema = z.object({ runs: z.array(triggerRunSchema) });
export const hookAcceptedResponseSchema = z.object({ runId: idSchema });

/** The events an outbound webhook may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  "message.completed",
  "message.created",
  "conversation.created",
  "trigger.run.completed",
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

export const webhookSchema = z.object({
  id: idSchema,
  url: z.string(),
  events: z.array(webhookEventTypeSchema),
  createdAt: timestampSchema,
});
export type Webhook = z.infer<typeof webhookSchema>;

export const createWebhookBodySchema = z.object({
  url: baseUrlSchema,
  events: z.array(webhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

export const webhookDeliverySchema = z.object({
  id: idSchema,
  webhookId: idSchema,
  event: webhookEventTypeSchema,
  /** `pending` until the receiver answers 2xx (`delivered`) or 24 h of retries run out (`failed`). */
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  nextAttemptAt: timestampSchema.nullable(),
  deliveredAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** `secret` (`whsec_…`) signs every delivery and is shown this once. */
export const createWebhookResponseSchema = z.object({ webhook: webhookSchema, secret: z.string() });
export const webhooksResponseSchema = z.object({ webhooks: z.array(webhookSchema) });
export const webhookDeliveriesResponseSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
export const webhookDeliveryResponseSchema = z.object({ delivery: webhookDeliverySchema });
