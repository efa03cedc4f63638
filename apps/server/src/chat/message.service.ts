import type { SendMessageBody, StreamEvent } from "@slipstream/protocol";
import { v7 as uuidv7 } from "uuid";
import type { Bus } from "../bus/index.ts";
import { AppError, badRequest, notFound, serviceUnavailable } from "../errors.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { MessageRecord, Store } from "../store/index.ts";
import type { StreamLog } from "../streams/index.ts";
import type { ConversationService } from "./conversation.service.ts";
import { presentMessage } from "./presenters.ts";
import { DEFAULT_TITLE, titleFromMessage } from "./titles.ts";
import type { TurnRunner } from "./turn-runner.ts";

type Send = SendMessageBody & { userId: string; conversationId: string };

const STREAM_UNAVAILABLE = "Streaming is unavailable right now, so no reply was started. Try again shortly.";

/** Messages of a conversation as a tree, turns that start generations, and access to their streams. */
export function createMessageService({
  store,
  streams,
  bus,
  models,
  conversations,
  runner,
}: {
  store: Store;
  streams: StreamLog;
  bus: Bus;
  models: ModelRegistry;
  conversations: ConversationService;
  runner: TurnRunner;
}) {
  async function publish(userId: string, message: MessageRecord) {
    await bus.publish("message.changed", {
      userId,
      conversationId: message.conversationId,
      message: presentMessage(message),
    });
  }

  /** Checks that the stream belongs to the user; someone else's stream is not found. */
  async function findStream({ userId, streamId }: { userId: string; streamId: string }) {
    const reply = await store.messages.findMessageByStreamId({ streamId });
    if (!reply || reply.userId !== userId) throw notFound("Stream");
    return reply;
  }

  /** A user message with content continues from `parentId` (or the newest message); without content it regenerates. */
  async function planTurn(input: Send, conversationId: string) {
    // `parentId: null` starts a new root (an edit of the first message); leaving it out continues the newest.
    const parent =
      input.parentId === undefined
        ? await store.messages.findLatestMessage({ conversationId })
        : input.parentId === null
          ? undefined
          : await store.messages.findMessageById({ id: input.parentId });
    if (input.parentId && parent?.conversationId !== conversationId) throw notFound("Parent message");
    if (input.content !== undefined) return { parent, content: input.content };
    if (parent?.role !== "user") {
      throw badRequest("Send content, or the parentId of a user message to regenerate its reply.");
    }
    return { parent, content: undefined };
  }

  return {
    async listMessages({ userId, conversationId }: { userId: string; conversationId: string }) {
      await conversations.getConversation({ id: conversationId, userId });
      return store.messages.listMessagesByConversationId({ conversationId });
    },

    /** Persists the user turn and an empty `streaming` reply, then starts the generation on this server. */
    async sendMessage(input: Send) {
      const conversation = await conversations.getConversation({ id: input.conversationId, userId: input.userId });
      const model = input.model ?? conversation.model;
      await models.getModel(model);
      const { parent, content } = await planTurn(input, conversation.id);
      const now = new Date().toISOString();
      const streamId = uuidv7();

      const { userMessage, reply, touched } = await store.transaction(async (tx) => {
        const userMessage =
          content === undefined
            ? (parent as MessageRecord)
            : await tx.messages.createMessage({
                id: uuidv7(),
                conversationId: conversation.id,
                parentId: parent?.id ?? null,
                role: "user",
                content,
                model: null,
                status: "complete",
                error: null,
                streamId: null,
                createdAt: now,
                updatedAt: now,
              });
        const reply = await tx.messages.createMessage({
          id: uuidv7(),
          conversationId: conversation.id,
          parentId: userMessage.id,
          role: "assistant",
          content: "",
          model,
          status: "streaming",
          error: null,
          streamId,
          createdAt: now,
          updatedAt: now,
        });
        const title = conversation.title === DEFAULT_TITLE && content ? titleFromMessage(content) : undefined;
        const touched = await tx.conversations.updateConversation({
          id: conversation.id,
          userId: input.userId,
          patch: { updatedAt: now, model, ...(title ? { title } : {}) },
        });
        return { userMessage, reply, touched };
      });

      try {
        await streams.create({ streamId });
      } catch (error) {
        // Without a log there is no generation: the reply must not sit `streaming` until the sweeper finds it.
        const failed = await store.messages.updateMessage({
          id: reply.id,
          patch: { status: "error", error: STREAM_UNAVAILABLE, updatedAt: new Date().toISOString() },
        });
        if (failed) await publish(input.userId, failed).catch(() => undefined);
        throw serviceUnavailable(STREAM_UNAVAILABLE, error);
      }
      const branch = parent ? await store.messages.listMessagePath({ id: parent.id }) : [];
      const history = content === undefined ? branch : [...branch, userMessage];
      if (touched) await conversations.announceUpdate(touched);
      if (content !== undefined) await publish(input.userId, userMessage);
      await publish(input.userId, reply);
      runner.start({ userId: input.userId, reply: { ...reply, streamId, model }, history });
      return { message: userMessage, reply, streamId };
    },

    /** Every event after `after`, then the live tail, until the generation ends. */
    async openStream({
      userId,
      streamId,
      after,
      signal,
    }: {
      userId: string;
      streamId: string;
      after: number;
      signal?: AbortSignal;
    }): Promise<AsyncIterable<StreamEvent>> {
      await findStream({ userId, streamId });
      if (!(await streams.state({ streamId }))) {
        throw new AppError(
          "stream_expired",
          410,
          "This stream has ended and is no longer kept; read the message from its conversation instead.",
        );
      }
      return streams.read({ streamId, after, signal });
    },

    async cancelStream({ userId, streamId }: { userId: string; streamId: string }) {
      await findStream({ userId, streamId });
      await runner.cancel({ streamId });
    },
  };
}
export type MessageService = ReturnType<typeof createMessageService>;
