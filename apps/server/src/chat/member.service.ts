import type { AddMemberBody, MemberRole } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import { conversationEvents } from "../events/conversation-events.ts";
import type { Outbox } from "../events/outbox.ts";
import type { Principal } from "../identity/principal.ts";
import type { MemberWithUser, Store } from "../store/index.ts";
import { presentMember, presentOwner } from "./presenters.ts";

type Target = { principal: Principal; conversationId: string; userId: string };

/** Who shares a conversation: the owner invites people by email as editors or viewers, changes and removes them. */
export function createMemberService({ store, access, outbox }: { store: Store; access: AccessPolicy; outbox: Outbox }) {
  async function withUser(tx: Pick<Store, "members">, conversationId: string, userId: string): Promise<MemberWithUser> {
    const member = (await tx.members.listMembers({ conversationId })).find((entry) => entry.userId === userId);
    if (!member) throw notFound("Member");
    return member;
  }

  async function setRole({
    conversationId,
    userId,
    role,
    addedBy,
    isNew,
  }: {
    conversationId: string;
    userId: string;
    role: MemberRole;
    addedBy: string;
    isNew: boolean;
  }) {
    return outbox.transaction(async (tx, record) => {
      await tx.members.upsertMember({ conversationId, userId, role, addedBy, createdAt: new Date().toISOString() });
      const member = await withUser(tx, conversationId, userId);
      const event = isNew ? conversationEvents.memberAdded(member) : conversationEvents.memberUpdated(member);
      await record({ conversationId, event });
      return presentMember(member);
    });
  }

  return {
    /** The owner first, then the members in the order they were added; any member may read it. */
    async listMembers({ principal, conversationId }: { principal: Principal; conversationId: string }) {
      const { conversation } = await access.requireAccess({ principal, action: "conversation.read", conversationId });
      const owner = await store.users.findUserById({ id: conversation.userId });
      const members = await store.members.listMembers({ conversationId });
      return [...(owner ? [presentOwner(owner, conversation)] : []), ...members.map(presentMember)];
    },

    /** Gives an existing account a role; someone already a member gets the new role. */
    async addMember({
      principal,
      conversationId,
      email,
      role,
    }: AddMemberBody & { principal: Principal; conversationId: string }) {
      const { conversation } = await access.requireAccess({ principal, action: "conversation.manage", conversationId });
      const user = await store.users.findUserByEmail({ email });
      if (!user) throw notFound("Account with that email");
      if (user.id === conversation.userId) throw conflict("The owner already has every role in this conversation.");
      const existing = await store.members.findMember({ conversationId, userId: user.id });
      if (existing?.role === role) return presentMember(await withUser(store, conversationId, user.id));
      return setRole({ conversationId, userId: user.id, role, addedBy: principal.userId, isNew: !existing });
    },

    async updateMember({ principal, conversationId, userId, role }: Target & { role: MemberRole }) {
      await access.requireAccess({ principal, action: "conversation.manage", conversationId });
      const existing = await store.members.findMember({ conversationId, userId });
      if (!existing) throw notFound("Member");
      return setRole({ conversationId, userId, role, addedBy: existing.addedBy, isNew: false });
    },

    /** The owner removes anyone; a member removes themselves (leaves). The owner cannot leave: they delete instead. */
    async removeMember({ principal, conversationId, userId }: Target) {
      const leaving = userId === principal.userId;
      const { role } = await access.requireAccess({
        principal,
        action: leaving ? "conversation.read" : "conversation.manage",
        conversationId,
      });
      if (leaving && role === "owner") {
        throw badRequest("The owner cannot leave a conversation; delete it, or keep it.");
      }
      await outbox.transaction(async (tx, record) => {
        if (!(await tx.members.removeMember({ conversationId, userId }))) throw notFound("Member");
        await record({ conversationId, event: conversationEvents.memberRemoved(userId) });
      });
    },
  };
}
export type MemberService = ReturnType<typeof createMemberService>;
