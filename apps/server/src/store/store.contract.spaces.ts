import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import type { Store } from "./index.ts";
import { at, newConversation, newMessage, newUser } from "./store.contract.fixtures.ts";
import type { SpaceRecord } from "./types.ts";

const newSpace = ({ userId, ...overrides }: Partial<SpaceRecord> & { userId: string }): SpaceRecord => ({
  id: uuidv7(),
  userId,
  name: "Research",
  createdAt: at(),
  updatedAt: at(),
  ...overrides,
});

/** The spaces part of `runStoreContract`: spaces, their members, and the conversations their people reach. */
export function describeSpacesContract(store: () => Store): void {
  describe("spaces", () => {
    it("creates, renames, lists with the user's role, manages members and deletes a space", async () => {
      const owner = await store().users.createUser(newUser());
      const editor = await store().users.createUser(newUser({ name: "Grace" }));
      const older = await store().spaces.createSpace(newSpace({ userId: owner.id, createdAt: at() }));
      const newer = await store().spaces.createSpace(newSpace({ userId: editor.id, createdAt: at({ ms: 1_000 }) }));
      expect(await store().spaces.findSpaceById({ id: older.id })).toEqual(older);
      const renamed = await store().spaces.updateSpace({
        id: older.id,
        patch: { name: "Lab", updatedAt: at({ ms: 5 }) },
      });
      expect(renamed).toEqual({ ...older, name: "Lab", updatedAt: at({ ms: 5 }) });
      expect(await store().spaces.updateSpace({ id: uuidv7(), patch: { name: "x", updatedAt: at() } })).toBeUndefined();

      const member = { spaceId: older.id, userId: editor.id, role: "viewer" as const, addedBy: owner.id };
      expect(await store().spaces.upsertSpaceMember({ ...member, createdAt: at() })).toEqual({
        ...member,
        createdAt: at(),
      });
      await store().spaces.upsertSpaceMember({ ...member, role: "editor", createdAt: at({ ms: 9 }) });
      expect(await store().spaces.findSpaceMember({ spaceId: older.id, userId: editor.id })).toEqual({
        ...member,
        role: "editor",
        createdAt: at(),
      });
      expect(
        (await store().spaces.listSpaceMembers({ spaceId: older.id })).map(({ userId, role, email, name }) => ({
          userId,
          role,
          email,
          name,
        })),
      ).toEqual([{ userId: editor.id, role: "editor", email: editor.email, name: "Grace" }]);
      expect(
        (await store().spaces.listSpacesOfUser({ userId: editor.id })).map(({ id, role, name }) => ({
          id,
          role,
          name,
        })),
      ).toEqual([
        { id: older.id, role: "editor", name: "Lab" },
        { id: newer.id, role: "owner", name: "Research" },
      ]);
      expect((await store().spaces.listSpacesOfUser({ userId: owner.id })).map(({ id }) => id)).toEqual([older.id]);

      expect(await store().spaces.removeSpaceMember({ spaceId: older.id, userId: editor.id })).toBe(true);
      expect(await store().spaces.removeSpaceMember({ spaceId: older.id, userId: editor.id })).toBe(false);
      expect((await store().spaces.listSpacesOfUser({ userId: editor.id })).map(({ id }) => id)).toEqual([newer.id]);

      await store().spaces.upsertSpaceMember({ ...member, createdAt: at() });
      expect(await store().spaces.deleteSpace({ id: older.id })).toBe(true);
      expect(await store().spaces.deleteSpace({ id: older.id })).toBe(false);
      expect(await store().spaces.findSpaceById({ id: older.id })).toBeUndefined();
      expect(await store().spaces.findSpaceMember({ spaceId: older.id, userId: editor.id })).toBeUndefined();
    });

    it("lets a space's people read its conversations with their strongest role, filtered by space", async () => {
      const owner = await store().users.createUser(newUser());
      const author = await store().users.createUser(newUser());
      const viewer = await store().users.createUser(newUser());
      const space = await store().spaces.createSpace(newSpace({ userId: owner.id }));
      await store().spaces.upsertSpaceMember({
        spaceId: space.id,
        userId: author.id,
        role: "editor",
        addedBy: owner.id,
        createdAt: at(),
      });
      await store().spaces.upsertSpaceMember({
        spaceId: space.id,
        userId: viewer.id,
        role: "viewer",
        addedBy: owner.id,
        createdAt: at(),
      });
      const inSpace = await store().conversations.createConversation(
        newConversation({ userId: author.id, spaceId: space.id, title: "Quasars", updatedAt: at({ ms: 10 }) }),
      );
      const outside = await store().conversations.createConversation(
        newConversation({ userId: author.id, updatedAt: at({ ms: 20 }) }),
      );
      expect(inSpace.spaceId).toBe(space.id);
      expect(outside.spaceId).toBeNull();
      // A direct editor role beats the viewer role the space gives.
      await store().members.upsertMember({
        conversationId: inSpace.id,
        userId: viewer.id,
        role: "editor",
        addedBy: author.id,
        createdAt: at(),
      });
      const roles = async (userId: string, spaceId?: string) =>
        (await store().conversations.listReadableConversations({ userId, spaceId })).map(({ id, role, spaceId }) => ({
          id,
          role,
          spaceId,
        }));
      expect(await roles(owner.id)).toEqual([{ id: inSpace.id, role: "owner", spaceId: space.id }]);
      expect(await roles(viewer.id)).toEqual([{ id: inSpace.id, role: "editor", spaceId: space.id }]);
      expect(await roles(author.id)).toEqual([
        { id: outside.id, role: "owner", spaceId: null },
        { id: inSpace.id, role: "owner", spaceId: space.id },
      ]);
      expect(await roles(author.id, space.id)).toEqual([{ id: inSpace.id, role: "owner", spaceId: space.id }]);
      expect(await store().spaces.listSpaceConversationIds({ spaceId: space.id })).toEqual([inSpace.id]);

      await store().messages.createMessage(newMessage({ conversationId: inSpace.id, content: "Bright quasars" }));
      const hits = await store().search.search({ userId: owner.id, query: "quasars", limit: 10 });
      expect(hits.map((hit) => hit.conversationId)).toEqual([inSpace.id, inSpace.id]);

      const moved = await store().conversations.updateConversation({ id: inSpace.id, patch: { spaceId: null } });
      expect(moved?.spaceId).toBeNull();
      expect(await roles(owner.id)).toEqual([]);
      expect(await store().search.search({ userId: owner.id, query: "quasars", limit: 10 })).toEqual([]);
      await store().conversations.updateConversation({ id: inSpace.id, patch: { spaceId: space.id } });
      // Deleting the space lets its conversations go on, outside any space.
      await store().spaces.deleteSpace({ id: space.id });
      expect((await store().conversations.findConversationById({ id: inSpace.id }))?.spaceId).toBeNull();
    });
  });
}
