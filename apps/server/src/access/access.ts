import { strongestRole } from "@slipstream/protocol";
import { forbidden, isDomainError, notFound } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import type { ConversationRecord, FileRecord, MessageRecord, SpaceRecord, Store } from "../store/index.ts";
import {
  type AdminAction,
  CONVERSATION_POLICIES,
  type ConversationAction,
  type ConversationRole,
  FILE_POLICIES,
  type FileAction,
  SPACE_POLICIES,
  type SpaceAction,
} from "./policies.ts";

/**
 * Authorization, in one place: who may take which action on which conversation or space. The owner is the
 * conversation's (or space's) creator; members have the role the owner gave them, and a space's people have their
 * space role in each of its conversations: someone's role in a conversation is the strongest they hold. Someone with
 * no role is told the thing does not exist (404), so ids reveal nothing; someone with a role too small gets 403.
 */
export function createAccessPolicy({
  store,
}: {
  store: Pick<Store, "conversations" | "messages" | "members" | "files" | "spaces">;
}) {
  async function spaceRoleOf(
    principal: Principal,
    space: Pick<SpaceRecord, "id" | "userId">,
  ): Promise<ConversationRole | undefined> {
    if (space.userId === principal.userId) return "owner";
    return (await store.spaces.findSpaceMember({ spaceId: space.id, userId: principal.userId }))?.role;
  }

  async function roleOf(
    principal: Principal,
    conversation: Pick<ConversationRecord, "id" | "userId" | "spaceId">,
  ): Promise<ConversationRole | undefined> {
    if (conversation.userId === principal.userId) return "owner";
    const [member, space] = await Promise.all([
      store.members.findMember({ conversationId: conversation.id, userId: principal.userId }),
      conversation.spaceId ? store.spaces.findSpaceById({ id: conversation.spaceId }) : undefined,
    ]);
    return strongestRole([member?.role, space && (await spaceRoleOf(principal, space))]);
  }

  async function check(
    principal: Principal,
    action: ConversationAction,
    conversation: ConversationRecord | undefined,
    missing = "Conversation",
  ) {
    const role = conversation && (await roleOf(principal, conversation));
    if (!conversation || !role) throw notFound(missing);
    if (!allows(role, action)) {
      throw forbidden(`Your role in this conversation (${role}) does not allow that.`);
    }
    return { conversation, role };
  }

  return {
    /** The conversation and the principal's role in it, when they may take `action` on it; a domain error otherwise. */
    async requireAccess({
      principal,
      action,
      conversationId,
    }: {
      principal: Principal;
      action: ConversationAction;
      conversationId: string;
    }): Promise<{ conversation: ConversationRecord; role: ConversationRole }> {
      return check(principal, action, await store.conversations.findConversationById({ id: conversationId }));
    },

    /**
     * Whether `principal` may take `action` on the conversation now. Only the policy's refusal answers false: a failure
     * to find out (the database away) rejects, so that a caller never takes an outage for a lost role.
     */
    async mayAccess({
      principal,
      action,
      conversationId,
    }: {
      principal: Principal;
      action: ConversationAction;
      conversationId: string;
    }): Promise<boolean> {
      try {
        await check(principal, action, await store.conversations.findConversationById({ id: conversationId }));
        return true;
      } catch (error) {
        if (isDomainError(error) && (error.code === "not_found" || error.code === "forbidden")) return false;
        throw error;
      }
    },

    /** The reply that owns a stream and its conversation, when `principal` may take `action` on that conversation. */
    async requireStreamAccess({
      principal,
      action,
      streamId,
    }: {
      principal: Principal;
      action: ConversationAction;
      streamId: string;
    }): Promise<{ reply: MessageRecord; conversation: ConversationRecord; role: ConversationRole }> {
      const reply = await store.messages.findMessageByStreamId({ streamId });
      if (!reply) throw notFound("Stream");
      const conversation = await store.conversations.findConversationById({ id: reply.conversationId });
      return { reply, ...(await check(principal, action, conversation, "Stream")) };
    },

    /**
     * A ready file, when `principal` may take `action` on it: its owner may, and (for reading) whoever may read the
     * conversation it belongs to. Anyone else is told it does not exist.
     */
    async requireFileAccess({
      principal,
      action,
      fileId,
    }: {
      principal: Principal;
      action: FileAction;
      fileId: string;
    }): Promise<FileRecord> {
      const file = await store.files.findFileById({ id: fileId });
      if (file?.status !== "ready") throw notFound("File");
      if (file.userId === principal.userId) return file;
      for (const grant of FILE_POLICIES[action] as readonly string[]) {
        if (grant === "owner" || !file.conversationId) continue;
        const conversation = await store.conversations.findConversationById({ id: file.conversationId });
        const role = conversation && (await roleOf(principal, conversation));
        if (role && (CONVERSATION_POLICIES[grant as ConversationAction] as readonly string[]).includes(role))
          return file;
      }
      throw notFound("File");
    },

    /** The space and the principal's role in it, when they may take `action` on it; a domain error otherwise. */
    async requireSpaceAccess({
      principal,
      action,
      spaceId,
    }: {
      principal: Principal;
      action: SpaceAction;
      spaceId: string;
    }): Promise<{ space: SpaceRecord; role: ConversationRole }> {
      const space = await store.spaces.findSpaceById({ id: spaceId });
      const role = space && (await spaceRoleOf(principal, space));
      if (!space || !role) throw notFound("Space");
      if (!(SPACE_POLICIES[action] as readonly ConversationRole[]).includes(role)) {
        throw forbidden(`Your role in this space (${role}) does not allow that.`);
      }
      return { space, role };
    },

    /** The principal's role in a conversation now, or undefined (for live feeds deciding who receives an event). */
    roleOf,

    requireAdmin({ principal }: { principal: Principal; action: AdminAction }): void {
      if (principal.role !== "admin") throw forbidden("Only administrators may do that.");
    },
  };
}
export type AccessPolicy = ReturnType<typeof createAccessPolicy>;

/** Whether `role` may take `action`. */
export function allows(role: ConversationRole, action: ConversationAction): boolean {
  return (CONVERSATION_POLICIES[action] as readonly ConversationRole[]).includes(role);
}
