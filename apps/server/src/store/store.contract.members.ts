import { describe, expect, it } from "vitest";
import type { Store } from "./index.ts";
import { at, newConversation, newMessage, newUser } from "./store.contract.fixtures.ts";

/** The members part of `runStoreContract`: shared conversations and message authors. */
export function describeMembersContract(store: () => Store): void {
  describe("conversation members", () => {
    it("adds, changes, lists and removes members, and lists shared conversations with the member's role", async () => {
      const owner = await store().users.createUser(newUser());
      const editor = await store().users.createUser(newUser({ name: "Grace" }));
      const viewer = await store().users.createUser(newUser());
      const older = await store().conversations.createConversation(
        newConversation({ userId: owner.id, updatedAt: at() }),
      );
      const newer = await store().conversations.createConversation(
        newConversation({ userId: editor.id, updatedAt: at({ ms: 1_000 }) }),
      );
      const member = { conversationId: older.id, userId: editor.id, role: "viewer" as const, addedBy: owner.id };
      expect(await store().members.upsertMember({ ...member, createdAt: at() })).toEqual({
        ...member,
        createdAt: at(),
      });
      await store().members.upsertMember({ ...member, role: "editor", createdAt: at({ ms: 5 }) });
      await store().members.upsertMember({
        conversationId: older.id,
        userId: viewer.id,
        role: "viewer",
        addedBy: owner.id,
        createdAt: at({ ms: 10 }),
      });
      expect(await store().members.findMember({ conversationId: older.id, userId: editor.id })).toEqual({
        ...member,
        role: "editor",
        createdAt: at(),
      });
      expect(
        (await store().members.listMembers({ conversationId: older.id })).map(({ userId, role, email, name }) => ({
          userId,
          role,
          email,
          name,
        })),
      ).toEqual([
        { userId: editor.id, role: "editor", email: editor.email, name: "Grace" },
        { userId: viewer.id, role: "viewer", email: viewer.email, name: viewer.name },
      ]);
      expect(
        (await store().conversations.listReadableConversations({ userId: editor.id })).map(({ id, role, shared }) => ({
          id,
          role,
          shared,
        })),
      ).toEqual([
        { id: newer.id, role: "owner", shared: false },
        { id: older.id, role: "editor", shared: true },
      ]);
      expect(await store().members.removeMember({ conversationId: older.id, userId: editor.id })).toBe(true);
      expect(await store().members.removeMember({ conversationId: older.id, userId: editor.id })).toBe(false);
      expect(await store().members.findMember({ conversationId: older.id, userId: editor.id })).toBeUndefined();
      expect(
        (await store().conversations.listReadableConversations({ userId: editor.id })).map(({ id }) => id),
      ).toEqual([newer.id]);
    });

    it("keeps a user message's author", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: owner.id }));
      const written = await store().messages.createMessage(
        newMessage({ conversationId: conversation.id, authorId: owner.id }),
      );
      expect(written.authorId).toBe(owner.id);
      expect((await store().messages.findMessageById({ id: written.id }))?.authorId).toBe(owner.id);
      const reply = await store().messages.createMessage(
        newMessage({ conversationId: conversation.id, role: "assistant" }),
      );
      expect(reply.authorId).toBeNull();
    });
  });
}
