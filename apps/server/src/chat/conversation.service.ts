import type { CreateConversationBody, UpdateConversationBody } from "@slipstream/protocol";
import { v7 as uuidv7 } from "uuid";
import type { Bus, BusEvents } from "../bus/index.ts";
import { notFound } from "../errors.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { ConversationRecord, Store } from "../store/index.ts";
import { presentConversation } from "./presenters.ts";
import { DEFAULT_TITLE } from "./titles.ts";

/** A user's conversations. Every lookup is scoped to its owner: someone else's id is simply not found. */
export function createConversationService({ store, models, bus }: { store: Store; models: ModelRegistry; bus: Bus }) {
  async function publishChange(conversation: ConversationRecord, action: BusEvents["conversation.changed"]["action"]) {
    await bus.publish("conversation.changed", {
      userId: conversation.userId,
      conversationId: conversation.id,
      action,
      conversation: action === "deleted" ? undefined : presentConversation(conversation),
    });
  }

  return {
    listConversations({ userId }: { userId: string }) {
      return store.conversations.listConversationsByUserId({ userId });
    },

    async createConversation({ userId, title, model }: CreateConversationBody & { userId: string }) {
      const modelId = model ?? (await models.defaultModelId());
      if (model) await models.getModel(model);
      const now = new Date().toISOString();
      const conversation = await store.conversations.createConversation({
        id: uuidv7(),
        userId,
        title: title ?? DEFAULT_TITLE,
        model: modelId,
        createdAt: now,
        updatedAt: now,
      });
      await publishChange(conversation, "created");
      return conversation;
    },

    async getConversation({ id, userId }: { id: string; userId: string }) {
      const conversation = await store.conversations.findConversationById({ id, userId });
      if (!conversation) throw notFound("Conversation");
      return conversation;
    },

    async updateConversation({ id, userId, ...patch }: UpdateConversationBody & { id: string; userId: string }) {
      if (patch.model) await models.getModel(patch.model);
      const conversation = await store.conversations.updateConversation({
        id,
        userId,
        patch: { ...patch, updatedAt: new Date().toISOString() },
      });
      if (!conversation) throw notFound("Conversation");
      await publishChange(conversation, "updated");
      return conversation;
    },

    /** Tells every device that a conversation changed outside this service (a new message retitled it). */
    announceUpdate(conversation: ConversationRecord) {
      return publishChange(conversation, "updated");
    },

    async deleteConversation({ id, userId }: { id: string; userId: string }) {
      const conversation = await store.conversations.findConversationById({ id, userId });
      if (!conversation || !(await store.conversations.deleteConversation({ id, userId }))) {
        throw notFound("Conversation");
      }
      await publishChange(conversation, "deleted");
    },
  };
}
export type ConversationService = ReturnType<typeof createConversationService>;
