import type { CreateTriggerBody, UpdateTriggerBody } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import { badRequest, notFound } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { JobQueue } from "../jobs/index.ts";
import { assertValidSchedule } from "../jobs/schedule-ticks.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { SecretBox } from "../secrets/index.ts";
import type { Store, TriggerRecord } from "../store/index.ts";
import type { TriggerTickJob } from "./trigger-tick.job.ts";
import { newSigningSecret, secretContext } from "./webhook-signing.ts";

const RUNS_SHOWN = 50;

/** A user's triggers: created, changed, paused and deleted, with their schedules kept in step in the job queue. */
export function createTriggersService({
  store,
  access,
  models,
  secrets,
  jobs,
  tickJob,
}: {
  store: Store;
  access: AccessPolicy;
  models: ModelRegistry;
  secrets: SecretBox;
  jobs: JobQueue;
  tickJob: TriggerTickJob;
}) {
  async function requireOwn(principal: Principal, id: string): Promise<TriggerRecord> {
    const trigger = await store.triggers.findTriggerById({ id });
    if (!trigger || trigger.userId !== principal.userId) throw notFound("Trigger");
    return trigger;
  }

  async function checkTargets(principal: Principal, fields: { model?: string; conversationId?: string }) {
    if (fields.model !== undefined) await models.getModel(fields.model, principal);
    if (fields.conversationId !== undefined) {
      await access.requireAccess({ principal, action: "conversation.send", conversationId: fields.conversationId });
    }
  }

  /** Schedules and polls tick in the job queue while active; a paused or changed one starts again from now. */
  async function syncSchedule(trigger: TriggerRecord) {
    const key = trigger.id;
    if (trigger.kind === "webhook" || trigger.status !== "active") return jobs.unschedule(tickJob.name, { key });
    const when =
      trigger.kind === "schedule"
        ? { cron: trigger.schedule as string, timezone: trigger.timezone ?? "UTC" }
        : { everyMs: (trigger.intervalSeconds as number) * 1000 };
    await jobs.schedule(tickJob, { triggerId: trigger.id }, when, { key });
  }

  function validateSchedule(schedule: string | null, timezone: string | null) {
    if (schedule === null) return;
    if (schedule.trim().split(/\s+/).length !== 5) throw badRequest("schedule must be a 5-field cron expression.");
    try {
      assertValidSchedule({ cron: schedule, timezone: timezone ?? "UTC" });
    } catch (error) {
      throw badRequest(error instanceof Error ? error.message : "Invalid schedule.");
    }
  }

  return {
    listTriggers: ({ principal }: { principal: Principal }) =>
      store.triggers.listTriggersByUserId({ userId: principal.userId }),

    getTrigger: ({ principal, id }: { principal: Principal; id: string }) => requireOwn(principal, id),

    /** Returns the webhook secret (`whsec_…`) this once; only its sealed envelope is kept. */
    async createTrigger({ principal, ...body }: CreateTriggerBody & { principal: Principal }) {
      await checkTargets(principal, body);
      const schedule = body.kind === "schedule" ? (body.schedule ?? null) : null;
      const timezone = body.kind === "schedule" ? (body.timezone ?? "UTC") : null;
      validateSchedule(schedule, timezone);
      const id = newId();
      const secret = body.kind === "webhook" ? newSigningSecret() : undefined;
      const now = new Date().toISOString();
      const trigger = await store.triggers.createTrigger({
        id,
        userId: principal.userId,
        name: body.name,
        kind: body.kind,
        prompt: body.prompt,
        model: body.model ?? null,
        conversationId: body.conversationId ?? null,
        schedule,
        timezone,
        url: body.kind === "poll" ? (body.url ?? null) : null,
        intervalSeconds: body.kind === "poll" ? (body.intervalSeconds ?? null) : null,
        secret: secret ? secrets.seal({ plaintext: secret, context: secretContext("trigger", id) }) : null,
        status: "active",
        pollDigest: null,
        createdAt: now,
        updatedAt: now,
      });
      await syncSchedule(trigger);
      return { trigger, secret };
    },

    async updateTrigger({ principal, id, patch }: { principal: Principal; id: string; patch: UpdateTriggerBody }) {
      const existing = await requireOwn(principal, id);
      await checkTargets(principal, patch);
      const forKind = {
        schedule: existing.kind === "schedule" ? patch.schedule : undefined,
        timezone: existing.kind === "schedule" ? patch.timezone : undefined,
        url: existing.kind === "poll" ? patch.url : undefined,
        intervalSeconds: existing.kind === "poll" ? patch.intervalSeconds : undefined,
      };
      validateSchedule(forKind.schedule ?? existing.schedule, forKind.timezone ?? existing.timezone);
      const updated = await store.triggers.updateTrigger({
        id,
        userId: principal.userId,
        patch: {
          ...Object.fromEntries(
            Object.entries({
              name: patch.name,
              prompt: patch.prompt,
              model: patch.model,
              conversationId: patch.conversationId,
              status: patch.status,
              ...forKind,
            }).filter(([, value]) => value !== undefined),
          ),
          updatedAt: new Date().toISOString(),
        },
      });
      if (!updated) throw notFound("Trigger");
      await syncSchedule(updated);
      return updated;
    },

    async deleteTrigger({ principal, id }: { principal: Principal; id: string }) {
      const trigger = await requireOwn(principal, id);
      await jobs.unschedule(tickJob.name, { key: trigger.id });
      await store.triggers.deleteTrigger({ id, userId: principal.userId });
    },

    async listRuns({ principal, id }: { principal: Principal; id: string }) {
      await requireOwn(principal, id);
      return store.triggerRuns.listRunsByTriggerId({ triggerId: id, limit: RUNS_SHOWN });
    },
  };
}
export type TriggersService = ReturnType<typeof createTriggersService>;
