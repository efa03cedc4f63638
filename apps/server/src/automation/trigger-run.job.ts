import { ERROR_STATUS } from "@slipstream/protocol";
import { z } from "zod";
import type { ConversationService } from "../chat/conversation.service.ts";
import type { MessageService } from "../chat/message.service.ts";
import { isDomainError } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import { DEFAULT_JOB_OPTIONS, defineJob } from "../jobs/index.ts";
import type { MessageRecord, Store, TriggerRecord, TriggerRunRecord } from "../store/index.ts";
import { automationPrincipal } from "./automation-principal.ts";
import { presentRun } from "./presenters.ts";
import { fillPrompt } from "./trigger-prompt.ts";
import type { WebhookEvents } from "./webhook-events.ts";

const RETRY_LIMIT = DEFAULT_JOB_OPTIONS.retryLimit;

/**
 * Runs one trigger run: sends the filled prompt into the trigger's conversation (or a new one) as the trigger's
 * owner, waits for the reply, and records how it ended. Safe to run again after a crash: a run whose reply was
 * saved is only recorded; one whose reply was interrupted generates it again.
 */
export function createTriggerRunJob({
  store,
  conversations,
  messages,
  webhookEvents,
  timeoutMs,
}: {
  store: Store;
  conversations: ConversationService;
  messages: MessageService;
  webhookEvents: WebhookEvents;
  /** The lease of one attempt: a killed worker's run is taken over after this. */
  timeoutMs: number;
}) {
  async function finish(run: TriggerRunRecord, outcome: { reply?: MessageRecord; error?: string }) {
    const ok = outcome.reply?.status === "complete";
    const error = ok ? null : (outcome.error ?? outcome.reply?.error ?? `The reply ended ${outcome.reply?.status}.`);
    await store.transaction(async (tx) => {
      const finished = await tx.triggerRuns.updateRun({
        id: run.id,
        patch: { status: ok ? "complete" : "error", error, finishedAt: new Date().toISOString() },
      });
      const trigger = finished && (await tx.triggers.findTriggerById({ id: finished.triggerId }));
      if (!finished || !trigger) return;
      await webhookEvents.queue(tx, {
        userId: trigger.userId,
        type: "trigger.run.completed",
        data: { triggerId: trigger.id, run: presentRun(finished) },
      });
    });
  }

  async function startTurn(run: TriggerRunRecord, trigger: TriggerRecord, principal: Principal) {
    const model = trigger.model ?? undefined;
    if (run.messageId && run.conversationId) {
      const previous = await store.messages.findMessageById({ id: run.messageId });
      if (previous?.status === "streaming") throw new Error("The run's reply is still being generated elsewhere.");
      if (previous && previous.status !== "interrupted") return { done: previous };
      // Its worker died mid-reply: generate the reply to the same question again.
      if (previous?.parentId) {
        return {
          turn: await messages.sendMessage({
            principal,
            conversationId: run.conversationId,
            parentId: previous.parentId,
            model,
          }),
        };
      }
    }
    const conversationId =
      trigger.conversationId ?? (await conversations.createConversation({ principal, title: trigger.name, model })).id;
    const content = fillPrompt({ template: trigger.prompt, input: run.input });
    return { turn: await messages.sendMessage({ principal, conversationId, content, model }) };
  }

  return defineJob({
    name: "trigger.run",
    schema: z.object({ runId: z.string() }),
    options: { expireInMs: timeoutMs, retryLimit: RETRY_LIMIT },
    async perform({ runId }, { attempt }) {
      const run = await store.triggerRuns.findRunById({ id: runId });
      if (!run || run.status === "complete" || run.status === "error") return;
      const trigger = await store.triggers.findTriggerById({ id: run.triggerId });
      if (!trigger) return;
      try {
        const principal = await automationPrincipal({ store, userId: trigger.userId });
        const started = await startTurn(run, trigger, principal);
        if (started.done) return await finish(run, { reply: started.done });
        const { turn } = started;
        await store.triggerRuns.updateRun({
          id: run.id,
          patch: {
            status: "running",
            startedAt: run.startedAt ?? new Date().toISOString(),
            conversationId: turn.reply.conversationId,
            messageId: turn.reply.id,
          },
        });
        await turn.finished;
        const reply = await store.messages.findMessageById({ id: turn.reply.id });
        await finish(run, reply ? { reply } : { error: "The reply was deleted with its conversation." });
      } catch (error) {
        // Refusals (a deleted conversation, a limit, a disabled account) will not pass on a retry; outages may.
        const refused = isDomainError(error) && ERROR_STATUS[error.code] < 500 && error.code !== "rate_limited";
        if (refused || attempt > RETRY_LIMIT) {
          const shown = isDomainError(error) && error.expose ? error.message : "The run failed on our side.";
          return finish(run, { error: shown });
        }
        throw error;
      }
    },
  });
}
export type TriggerRunJob = ReturnType<typeof createTriggerRunJob>;
