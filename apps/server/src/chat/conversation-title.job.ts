import { generateText } from "ai";
import { z } from "zod";
import { conversationEvents } from "../events/conversation-events.ts";
import type { Outbox } from "../events/outbox.ts";
import { defineJob } from "../jobs/index.ts";
import { DEMO_MODEL_ID } from "../providers/catalogue.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { Store } from "../store/index.ts";
import { titleFromModel } from "./titles.ts";

const INSTRUCTIONS =
  "Write a title of 3 to 6 words for the conversation below, in its language. Answer with the title only: " +
  "no quotes, no Markdown, no final period.";
/** Enough of the exchange to know what it is about. */
const EXCERPT_LENGTH = 1_000;

export const titlePayloadSchema = z.object({
  conversationId: z.string(),
  /** The first exchange the title sums up. */
  question: z.string(),
  replyId: z.string(),
  /** The first words of the question, standing in until now: a conversation renamed since keeps its name. */
  standIn: z.string(),
});

/**
 * Titles a conversation from its first exchange with a model, as the peers do: `TITLE_MODEL`, else the
 * conversation's own model. The offline demo model only repeats what it is told, so its conversations keep
 * their stand-in.
 */
export function createConversationTitleJob({
  store,
  models,
  outbox,
  titleModel,
}: {
  store: Store;
  models: ModelRegistry;
  outbox: Outbox;
  titleModel?: string;
}) {
  return defineJob({
    name: "conversation.title",
    schema: titlePayloadSchema,
    options: { retryLimit: 2 },
    async perform({ conversationId, question, replyId, standIn }, { signal }) {
      const [conversation, reply] = await Promise.all([
        store.conversations.findConversationById({ id: conversationId }),
        store.messages.findMessageById({ id: replyId }),
      ]);
      if (!conversation || conversation.title !== standIn || !reply) return;
      const modelId = titleModel ?? reply.model ?? conversation.model;
      if (modelId === DEMO_MODEL_ID) return;
      const { text } = await generateText({
        model: await models.getModel(modelId),
        system: INSTRUCTIONS,
        prompt: `User: ${question.slice(0, EXCERPT_LENGTH)}\n\nAssistant: ${reply.content.slice(0, EXCERPT_LENGTH)}`,
        maxOutputTokens: 30,
        maxRetries: 0,
        abortSignal: signal,
      });
      const title = titleFromModel(text);
      if (!title || title === standIn) return;
      await outbox.transaction(async (tx, record) => {
        const retitled = await tx.conversations.retitleConversation({ id: conversationId, from: standIn, to: title });
        if (retitled) await record({ conversationId, event: conversationEvents.updated(retitled) });
      });
    },
  });
}
export type ConversationTitleJob = ReturnType<typeof createConversationTitleJob>;
