import type { CreateConversationBody, UpdateConversationBody } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import { notFound } from "../errors.ts";
import { conversationEvents } from "../events/conversation-events.ts";
import type { Outbox } from "../events/outbox.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { Store } from "../store/index.ts";
import { readCursor, writeCursor } from "./conversation-cursor.ts";
import { DEFAULT_TITLE } from "./titles.ts";

/** Conversations: who may see and change each one is the access policy's to say. */
export function createConversationService({
  store,
  models,
  access,
  outbox,
  pageMax = 100,
}: {
  store: Store;
  models: ModelRegistry;
  access: AccessPolicy;
  outbox: Outbox;
  /** The most conversations one page of the list holds (CONVERSATIONS_PAGE_MAX). */
  pageMax?: number;
}) {
  return {
    /**
     * One page of the conversations the principal owns or was given a role in, directly or through a space (with
     * their strongest role), newest first, of at most `limit` (capped at `pageMax`); `cursor` is a previous page's
     * `nextCursor`. With `spaceId`, only that space's (which the principal must be in).
     */
    async listConversations({
      principal,
      limit,
      cursor,
      spaceId,
    }: {
      principal: Principal;
      limit?: number;
      cursor?: string;
      spaceId?: string;
    }) {
      if (spaceId !== undefined) await access.requireSpaceAccess({ principal, action: "space.read", spaceId });
      const size = Math.min(limit ?? pageMax, pageMax);
      const page = await store.conversations.listReadableConversations({
        userId: principal.userId,
        spaceId,
        limit: size + 1,
        after: cursor === undefined ? undefined : readCursor(cursor),
      });
      const conversations = page.slice(0, size);
      const last = conversations.at(-1);
      return { conversations, nextCursor: page.length > size && last ? writeCursor(last) : null };
    },

    /**
     * `id` is for callers that derive one (a `useChat` chat id); otherwise a new UUIDv7. In a space, the principal
     * must be its editor or owner.
     */
    async createConversation({
      principal,
      title,
      model,
      spaceId,
      systemPrompt,
      params,
      tools = [],
      id = newId(),
    }: CreateConversationBody & { principal: Principal; id?: string }) {
      if (spaceId !== undefined) await access.requireSpaceAccess({ principal, action: "space.contribute", spaceId });
      const modelId = model ?? (await models.defaultModelId(principal));
      await models.resolveModel(modelId, principal);
      const now = new Date().toISOString();
      return outbox.transaction(async (tx, record) => {
        const conversation = await tx.conversations.createConversation({
          id,
          userId: principal.userId,
          title: title ?? DEFAULT_TITLE,
          model: modelId,
          version: 0,
          systemPrompt,
          params,
          tools,
          spaceId: spaceId ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await record({ conversationId: conversation.id, event: conversationEvents.created(conversation) });
        return conversation;
      });
    },

    async getConversation({ principal, id }: { principal: Principal; id: string }) {
      return (await access.requireAccess({ principal, action: "conversation.read", conversationId: id })).conversation;
    },

    /** Moving it into a space needs that space's editor or owner role; out of one (`spaceId: null`), managing it. */
    async updateConversation({
      principal,
      id,
      ...patch
    }: UpdateConversationBody & { principal: Principal; id: string }) {
      await access.requireAccess({ principal, action: "conversation.manage", conversationId: id });
      if (patch.model) await models.resolveModel(patch.model, principal);
      if (patch.spaceId)
        await access.requireSpaceAccess({ principal, action: "space.contribute", spaceId: patch.spaceId });
      return outbox.transaction(async (tx, record) => {
        const conversation = await tx.conversations.updateConversation({
          id,
          patch: { ...patch, updatedAt: new Date().toISOString() },
        });
        if (!conversation) throw notFound("Conversation");
        await record({ conversationId: id, event: conversationEvents.updated(conversation) });
        return conversation;
      });
    },

    async deleteConversation({ principal, id }: { principal: Principal; id: string }) {
      await access.requireAccess({ principal, action: "conversation.manage", conversationId: id });
      await outbox.transaction(async (tx, record) => {
        await record({ conversationId: id, event: conversationEvents.deleted() });
        await tx.conversations.deleteConversation({ id });
      });
    },
  };
}
export type ConversationService = ReturnType<typeof createConversationService>;
