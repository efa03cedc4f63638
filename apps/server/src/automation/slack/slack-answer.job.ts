import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import { z } from "zod";
import type { ConversationService } from "../../chat/conversation.service.ts";
import type { MessageService } from "../../chat/message.service.ts";
import { isDomainError } from "../../errors.ts";
import type { Principal } from "../../identity/principal.ts";
import { defineJob } from "../../jobs/index.ts";
import type { Store } from "../../store/index.ts";
import type { StreamLog } from "../../streams/index.ts";
import { automationPrincipal } from "../automation-principal.ts";

/** Slack allows about one edit of a message per second. */
export const SLACK_EDIT_INTERVAL_MS = 1_000;
const PLACEHOLDER = "…";
const TITLE_LENGTH = 60;

/**
 * Answers one Slack message in its thread: the thread's conversation (made on its first message) gets the text
 * as a turn of the Slack account, the answer is posted at once and edited as it streams, and ends as the saved
 * reply's exact text. A failure is posted as one short line.
 */
export function createSlackAnswerJob({
  store,
  conversations,
  messages,
  streams,
  slack,
  userEmail,
  model,
  logger,
}: {
  store: Store;
  conversations: ConversationService;
  messages: MessageService;
  streams: StreamLog;
  slack: WebClient;
  userEmail: string;
  model?: string;
  logger: Pick<Logger, "warn">;
}) {
  async function threadConversation(
    principal: Principal,
    thread: { teamId: string; channel: string; threadTs: string },
    text: string,
  ) {
    const known = await store.slack.findThread(thread);
    if (known) return known.conversationId;
    const conversation = await conversations.createConversation({
      principal,
      title: `Slack: ${text.slice(0, TITLE_LENGTH)}`,
      model,
    });
    const kept = await store.slack.createThread({
      ...thread,
      conversationId: conversation.id,
      createdAt: new Date().toISOString(),
    });
    return kept.conversationId;
  }

  async function answer(
    { teamId, channel, threadTs, text }: { teamId: string; channel: string; threadTs: string; text: string },
    post: { ts?: string },
  ) {
    const user = await store.users.findUserByEmail({ email: userEmail });
    if (!user) throw new Error(`SLACK_USER_EMAIL names no account (${userEmail}).`);
    const principal = await automationPrincipal({ store, userId: user.id });
    const conversationId = await threadConversation(principal, { teamId, channel, threadTs }, text);
    const turn = await messages.sendMessage({ principal, conversationId, content: text, model });
    const posted = await slack.chat.postMessage({ channel, thread_ts: threadTs, text: PLACEHOLDER });
    post.ts = posted.ts;
    const ts = posted.ts as string;

    let shown = PLACEHOLDER;
    let sofar = "";
    let lastEdit = Date.now();
    for await (const { part } of streams.read({ streamId: turn.streamId, after: 0 })) {
      if (part.type !== "text-delta") continue;
      sofar += String((part as { delta: string }).delta);
      if (Date.now() - lastEdit >= SLACK_EDIT_INTERVAL_MS && sofar !== shown) {
        await slack.chat.update({ channel, ts, text: sofar });
        shown = sofar;
        lastEdit = Date.now();
      }
    }
    await turn.finished;
    const saved = await store.messages.findMessageById({ id: turn.reply.id });
    const final =
      saved?.status === "complete"
        ? saved.content
        : `Sorry, I could not answer: ${saved?.error ?? "the reply did not finish"}.`;
    await slack.chat.update({ channel, ts, text: final || " " });
  }

  return defineJob({
    name: "slack.answer",
    schema: z.object({ teamId: z.string(), channel: z.string(), threadTs: z.string(), text: z.string() }),
    // Each event is answered at most once: a retry could post a second answer in the thread.
    options: { retryLimit: 0 },
    async perform(payload) {
      const post: { ts?: string } = {};
      try {
        await answer(payload, post);
      } catch (error) {
        logger.warn({ err: error, channel: payload.channel }, "Slack answer failed");
        const reason = isDomainError(error) && error.expose ? error.message : "something went wrong on our side.";
        const text = `Sorry, I could not answer: ${reason}`;
        if (post.ts) await slack.chat.update({ channel: payload.channel, ts: post.ts, text });
        else await slack.chat.postMessage({ channel: payload.channel, thread_ts: payload.threadTs, text });
      }
    },
  });
}
export type SlackAnswerJob = ReturnType<typeof createSlackAnswerJob>;
