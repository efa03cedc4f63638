import { randomBytes } from "node:crypto";
import type { SharedConversation } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import { notFound } from "../errors.ts";
import type { Outbox } from "../events/outbox.ts";
import type { Principal } from "../identity/principal.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { Store } from "../store/index.ts";
import { copiedMessage, modelToContinueWith, writeConversationCopy } from "./conversation-copies.ts";

/** 24 random bytes: a link nobody guesses, and no id of the conversation in it. */
const newShareId = () => randomBytes(24).toString("base64url");

/** Share links: a read-only copy of a conversation as it was when shared, for anyone with the link. */
export function createShareService({
  store,
  access,
  outbox,
  models,
}: {
  store: Store;
  access: AccessPolicy;
  outbox: Outbox;
  models: ModelRegistry;
}) {
  /** The copy a link shows: settings and account ids left out, authors by name. */
  async function copyOf(conversationId: string): Promise<Omit<SharedConversation, "share">> {
    const conversation = await store.conversations.findConversationById({ id: conversationId });
    if (!conversation) throw notFound("Conversation");
    const messages = await store.messages.listMessagesByConversationId({ conversationId });
    const authorIds = new Set(
      messages.map((message) => message.authorId ?? (message.role === "user" ? conversation.userId : null)),
    );
    const names = new Map<string, string>();
    for (const id of authorIds) {
      if (!id) continue;
      const user = await store.users.findUserById({ id });
      if (user) names.set(id, user.name || "Someone");
    }
    return {
      conversation: { title: conversation.title, model: conversation.model, createdAt: conversation.createdAt },
      messages: messages.map(({ id, parentId, role, content, parts, model, status, authorId, createdAt }) => ({
        id,
        parentId,
        role,
        content,
        parts: parts.length > 0 ? parts : [{ type: "text", text: content }],
        model,
        status,
        author: role === "user" ? (names.get(authorId ?? conversation.userId) ?? null) : null,
        createdAt,
      })),
    };
  }

  /** What a link shows, to anyone holding it; a revoked or unknown link is not found. */
  async function readShare({ id }: { id: string }): Promise<SharedConversation> {
    const share = await store.shares.findShareById({ id });
    if (!share) throw notFound("Share");
    return {
      share: { id: share.id, createdAt: share.createdAt },
      ...(share.snapshot as Omit<SharedConversation, "share">),
    };
  }

  return {
    async createShare({ principal, conversationId }: { principal: Principal; conversationId: string }) {
      await access.requireAccess({ principal, action: "conversation.manage", conversationId });
      return store.shares.createShare({
        id: newShareId(),
        conversationId,
        createdBy: principal.userId,
        snapshot: await copyOf(conversationId),
        createdAt: new Date().toISOString(),
      });
    },

    async listShares({ principal, conversationId }: { principal: Principal; conversationId: string }) {
      await access.requireAccess({ principal, action: "conversation.manage", conversationId });
      return store.shares.listSharesByConversationId({ conversationId });
    },

    /** Revokes a link: only its conversation's owner may; to anyone else it does not exist. */
    async revokeShare({ principal, id }: { principal: Principal; id: string }) {
      const share = await store.shares.findShareById({ id });
      if (!share) throw notFound("Share");
      await access
        .requireAccess({ principal, action: "conversation.manage", conversationId: share.conversationId })
        .catch((error: unknown) => {
          throw (error as { code?: string }).code === "forbidden" ? notFound("Share") : error;
        });
      await store.shares.deleteShare({ id });
    },

    readShare,

    /**
     * "Continue as a copy": a new conversation of the principal with the link's messages, branches kept, to go on
     * with. Files of the sharer stay theirs: their parts are dropped with a note.
     */
    async copyShare({ principal, id }: { principal: Principal; id: string }) {
      const shared = await readShare({ id });
      const model = await modelToContinueWith(models, shared.conversation.model, principal);
      const now = new Date().toISOString();
      return outbox.transaction((tx, record) =>
        writeConversationCopy({
          tx,
          record,
          userId: principal.userId,
          copy: {
            title: shared.conversation.title,
            model,
            createdAt: now,
            updatedAt: now,
            messages: shared.messages.map(copiedMessage),
          },
        }),
      );
    },
  };
}
export type ShareService = ReturnType<typeof createShareService>;
