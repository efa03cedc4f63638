import { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { AccessPolicy } from "../access/access.ts";
import type { ConversationService } from "../chat/conversation.service.ts";
import type { MessageService } from "../chat/message.service.ts";
import type { Config } from "../config.ts";
import type { JobDefinition, JobQueue } from "../jobs/index.ts";
import type { Metrics } from "../metrics/index.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { OutboundPolicy } from "../providers/outbound-safety.ts";
import type { SecretBox } from "../secrets/index.ts";
import type { Store } from "../store/index.ts";
import type { StreamLog } from "../streams/index.ts";
import { createSlackAnswerJob } from "./slack/slack-answer.job.ts";
import { createSlackEvents } from "./slack/slack-events.ts";
import { createTriggerRunJob } from "./trigger-run.job.ts";
import { createTriggerRunQueue } from "./trigger-runs.ts";
import { createTriggerTickJob } from "./trigger-tick.job.ts";
import { createTriggersService } from "./triggers.service.ts";
import { createWebhookDeliveryJob } from "./webhook-delivery.job.ts";
import { createWebhookEvents } from "./webhook-events.ts";
import { createWebhookSweepJob, DELIVERY_SWEEP_MS } from "./webhook-sweep.job.ts";
import { createWebhookTriggerIntake } from "./webhook-trigger.ts";
import { createWebhooksService } from "./webhooks.service.ts";

type Ports = {
  store: Store;
  metrics: Pick<Metrics, "webhookDeliveries">;
  jobs: JobQueue;
  secrets: SecretBox;
  safeFetch: typeof fetch;
  outbound: OutboundPolicy;
  logger: Pick<Logger, "warn">;
  settings: Config["automation"];
};

/**
 * Outbound webhooks, built before the outbox so that the outbox can queue deliveries in the transaction of each
 * event it records.
 */
export function createOutboundWebhooks({
  store,
  metrics,
  jobs,
  secrets,
  safeFetch,
  outbound,
  logger,
  settings,
}: Ports) {
  const deliverJob = createWebhookDeliveryJob({
    store,
    metrics,
    secrets,
    safeFetch,
    retryBaseMs: settings.webhookRetryBaseMs,
    logger,
  });
  const sweepJob = createWebhookSweepJob({ store, jobs, deliverJob });
  return {
    events: createWebhookEvents({ jobs, deliverJob: () => deliverJob }),
    service: createWebhooksService({ store, secrets, jobs, deliverJob, outbound }),
    jobs: [deliverJob, sweepJob] as JobDefinition<unknown>[],
    schedule: () => jobs.schedule(sweepJob, {}, { everyMs: DELIVERY_SWEEP_MS }),
  };
}
export type OutboundWebhooks = ReturnType<typeof createOutboundWebhooks>;

/** Triggers, over the chat services: their runs send messages as their owners. */
export function createTriggers({
  store,
  jobs,
  secrets,
  safeFetch,
  settings,
  access,
  models,
  conversations,
  messages,
  webhooks,
}: Omit<Ports, "outbound" | "logger" | "metrics"> & {
  access: AccessPolicy;
  models: ModelRegistry;
  conversations: ConversationService;
  messages: MessageService;
  webhooks: OutboundWebhooks;
}) {
  const runJob = createTriggerRunJob({
    store,
    conversations,
    messages,
    webhookEvents: webhooks.events,
    timeoutMs: settings.triggerRunTimeoutMs,
  });
  const runs = createTriggerRunQueue({ store, jobs, runJob: () => runJob });
  const tickJob = createTriggerTickJob({ store, runs, safeFetch });
  return {
    service: createTriggersService({ store, access, models, secrets, jobs, tickJob }),
    intake: createWebhookTriggerIntake({ store, secrets, runs }),
    jobs: [runJob, tickJob] as JobDefinition<unknown>[],
  };
}
export type Triggers = ReturnType<typeof createTriggers>;

/** The Slack app, when SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_USER_EMAIL are set. */
export function createSlackApp({
  settings,
  store,
  jobs,
  conversations,
  messages,
  streams,
  logger,
}: {
  settings: NonNullable<Config["slack"]>;
  store: Store;
  jobs: JobQueue;
  conversations: ConversationService;
  messages: MessageService;
  streams: StreamLog;
  logger: Pick<Logger, "warn">;
}) {
  const slack = new WebClient(settings.botToken, { slackApiUrl: settings.apiUrl });
  const answerJob = createSlackAnswerJob({
    store,
    conversations,
    messages,
    streams,
    slack,
    userEmail: settings.userEmail,
    model: settings.model,
    logger,
  });
  return {
    events: createSlackEvents({ store, jobs, answerJob, signingSecret: settings.signingSecret }),
    jobs: [answerJob] as JobDefinition<unknown>[],
  };
}
