import type {
  AddMemberBody,
  ConversationEvent,
  CreateSpaceBody,
  MemberRole,
  UpdateSpaceBody,
} from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import { conversationEvents } from "../events/conversation-events.ts";
import type { Outbox, RecordEvent } from "../events/outbox.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { SpaceMemberWithUser, Store, StoreTransaction } from "../store/index.ts";
import { presentMember, presentOwner } from "./presenters.ts";

type Target = { principal: Principal; spaceId: string; userId: string };

/**
 * Spaces: a named group of people whose conversations they all reach by their space role. The creator owns it and
 * alone renames it, deletes it and manages its members; editors also start conversations in it, viewers read them.
 * A change of a space is recorded as a domain event on each of its conversations, in the transaction of the change,
 * so whoever follows those conversations learns of it the way they learn of anything else.
 */
export function createSpaceService({ store, access, outbox }: { store: Store; access: AccessPolicy; outbox: Outbox }) {
  async function recordOnEach(
    tx: StoreTransaction,
    record: RecordEvent,
    spaceId: string,
    event: ConversationEvent,
  ): Promise<void> {
    for (const conversationId of await tx.spaces.listSpaceConversationIds({ spaceId })) {
      await record({ conversationId, event });
    }
  }

  async function withUser(tx: Pick<Store, "spaces">, spaceId: string, userId: string): Promise<SpaceMemberWithUser> {
    const member = (await tx.spaces.listSpaceMembers({ spaceId })).find((entry) => entry.userId === userId);
    if (!member) throw notFound("Member");
    return member;
  }

  async function setRole({
    spaceId,
    userId,
    role,
    addedBy,
    isNew,
  }: {
    spaceId: string;
    userId: string;
    role: MemberRole;
    addedBy: string;
    isNew: boolean;
  }) {
    return outbox.transaction(async (tx, record) => {
      await tx.spaces.upsertSpaceMember({ spaceId, userId, role, addedBy, createdAt: new Date().toISOString() });
      const member = await withUser(tx, spaceId, userId);
      const event = isNew ? conversationEvents.spaceMemberAdded(member) : conversationEvents.spaceMemberUpdated(member);
      await recordOnEach(tx, record, spaceId, event);
      return presentMember(member);
    });
  }

  return {
    /** The spaces the principal owns or is a member of, with their role, oldest first. */
    listSpaces: ({ principal }: { principal: Principal }) =>
      store.spaces.listSpacesOfUser({ userId: principal.userId }),

    async createSpace({ principal, name }: CreateSpaceBody & { principal: Principal }) {
      const now = new Date().toISOString();
      const space = await store.spaces.createSpace({
        id: newId(),
        userId: principal.userId,
        name,
        createdAt: now,
        updatedAt: now,
      });
      return { ...space, role: "owner" as const };
    },

    async getSpace({ principal, spaceId }: { principal: Principal; spaceId: string }) {
      const { space, role } = await access.requireSpaceAccess({ principal, action: "space.read", spaceId });
      return { ...space, role };
    },

    async renameSpace({ principal, spaceId, name }: UpdateSpaceBody & { principal: Principal; spaceId: string }) {
      const { role } = await access.requireSpaceAccess({ principal, action: "space.manage", spaceId });
      return outbox.transaction(async (tx, record) => {
        const space = await tx.spaces.updateSpace({
          id: spaceId,
          patch: { name, updatedAt: new Date().toISOString() },
        });
        if (!space) throw notFound("Space");
        await recordOnEach(tx, record, spaceId, conversationEvents.spaceRenamed(space));
        return { ...space, role };
      });
    },

    /**
     * Refused while the space holds conversations: they may be other people's (any editor starts them), and deleting
     * a space must not delete someone else's work. Their owners move them out, or delete them, first.
     */
    async deleteSpace({ principal, spaceId }: { principal: Principal; spaceId: string }) {
      await access.requireSpaceAccess({ principal, action: "space.manage", spaceId });
      await store.transaction(async (tx) => {
        const conversations = await tx.spaces.listSpaceConversationIds({ spaceId });
        if (conversations.length > 0) {
          throw conflict(
            `This space still holds ${conversations.length} conversation(s); move them out or delete them first.`,
          );
        }
        if (!(await tx.spaces.deleteSpace({ id: spaceId }))) throw notFound("Space");
      });
    },

    /** The owner first, then the members in the order they were added; anyone in the space may read it. */
    async listMembers({ principal, spaceId }: { principal: Principal; spaceId: string }) {
      const { space } = await access.requireSpaceAccess({ principal, action: "space.read", spaceId });
      const owner = await store.users.findUserById({ id: space.userId });
      const members = await store.spaces.listSpaceMembers({ spaceId });
      return [...(owner ? [presentOwner(owner, space)] : []), ...members.map(presentMember)];
    },

    /** Gives an existing account a role in the space; someone already a member gets the new role. */
    async addMember({ principal, spaceId, email, role }: AddMemberBody & { principal: Principal; spaceId: string }) {
      const { space } = await access.requireSpaceAccess({ principal, action: "space.manage", spaceId });
      const user = await store.users.findUserByEmail({ email });
      if (!user) throw notFound("Account with that email");
      if (user.id === space.userId) throw conflict("The owner already has every role in this space.");
      const existing = await store.spaces.findSpaceMember({ spaceId, userId: user.id });
      if (existing?.role === role) return presentMember(await withUser(store, spaceId, user.id));
      return setRole({ spaceId, userId: user.id, role, addedBy: principal.userId, isNew: !existing });
    },

    async updateMember({ principal, spaceId, userId, role }: Target & { role: MemberRole }) {
      await access.requireSpaceAccess({ principal, action: "space.manage", spaceId });
      const existing = await store.spaces.findSpaceMember({ spaceId, userId });
      if (!existing) throw notFound("Member");
      return setRole({ spaceId, userId, role, addedBy: existing.addedBy, isNew: false });
    },

    /** The owner removes anyone; a member removes themselves (leaves). The owner cannot leave: they delete instead. */
    async removeMember({ principal, spaceId, userId }: Target) {
      const leaving = userId === principal.userId;
      const { role } = await access.requireSpaceAccess({
        principal,
        action: leaving ? "space.read" : "space.manage",
        spaceId,
      });
      if (leaving && role === "owner") throw badRequest("The owner cannot leave a space; delete it, or keep it.");
      await outbox.transaction(async (tx, record) => {
        if (!(await tx.spaces.removeSpaceMember({ spaceId, userId }))) throw notFound("Member");
        await recordOnEach(tx, record, spaceId, conversationEvents.spaceMemberRemoved({ spaceId, userId }));
      });
    },
  };
}
export type SpaceService = ReturnType<typeof createSpaceService>;
