import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import type { Store } from "./index.ts";
import { at, newConversation, newMessage, newUser } from "./store.contract.fixtures.ts";

/** The conversations part of `runStoreContract`. */
export function describeConversationsContract(store: () => Store): void {
  describe("conversations", () => {
    it("creates a conversation and finds it by id", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = newConversation({ userId: owner.id });
      expect(await store().conversations.createConversation(conversation)).toEqual(conversation);
      expect(await store().conversations.findConversationById({ id: conversation.id })).toEqual(conversation);
      expect(await store().conversations.findConversationById({ id: uuidv7() })).toBeUndefined();
    });

    it("retitles a conversation only while its title is still the one expected", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(
        newConversation({ userId: owner.id, title: "Stand-in" }),
      );
      expect(
        await store().conversations.retitleConversation({ id: conversation.id, from: "Stand-in", to: "By model" }),
      ).toEqual({ ...conversation, title: "By model" });
      expect(
        await store().conversations.retitleConversation({ id: conversation.id, from: "Stand-in", to: "Again" }),
      ).toBeUndefined();
      expect((await store().conversations.findConversationById({ id: conversation.id }))?.title).toBe("By model");
    });

    it("hands out consecutive versions with the owner, as many as asked for at a time", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: owner.id }));
      const taken = [];
      for (const count of [1, 3, 1])
        taken.push(await store().conversations.nextVersions({ id: conversation.id, count }));
      expect(taken).toEqual([1, 2, 5].map((first) => ({ first, userId: owner.id })));
      expect((await store().conversations.findConversationById({ id: conversation.id }))?.version).toBe(5);
      expect(await store().conversations.nextVersions({ id: uuidv7(), count: 1 })).toBeUndefined();
    });

    it("lists a user's conversations newest first by updatedAt, then by id", async () => {
      const user = await store().users.createUser(newUser());
      const other = await store().users.createUser(newUser());
      const updatedAtMinute = (minute: number) =>
        newConversation({ userId: user.id, updatedAt: at({ ms: minute * 60_000 }) });
      // Ids grow with creation, so `tiedSecond` wins the updatedAt tie with `tiedFirst`.
      const oldest = updatedAtMinute(1);
      const tiedFirst = updatedAtMinute(3);
      const middle = updatedAtMinute(2);
      const tiedSecond = updatedAtMinute(3);
      for (const conversation of [middle, tiedSecond, oldest, tiedFirst]) {
        await store().conversations.createConversation(conversation);
      }
      await store().conversations.createConversation(newConversation({ userId: other.id }));

      expect(await store().conversations.listConversationsByUserId({ userId: user.id })).toEqual([
        tiedSecond,
        tiedFirst,
        middle,
        oldest,
      ]);
      const list = (limit: number, after?: { updatedAt: string; id: string }) =>
        store().conversations.listConversationsByUserId({ userId: user.id, limit, after });
      expect(await list(2)).toEqual([tiedSecond, tiedFirst]);
      expect(await list(2, tiedSecond)).toEqual([tiedFirst, middle]);
      expect(await list(5, middle)).toEqual([oldest]);
      expect(await list(5, oldest)).toEqual([]);
    });

    it("updates only the patched fields", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: owner.id }));

      const renamed = { ...conversation, title: "Renamed" };
      expect(
        await store().conversations.updateConversation({ id: conversation.id, patch: { title: "Renamed" } }),
      ).toEqual(renamed);
      const patch = { model: "demo:slow", tools: ["run_code", "mcp:web:search"], updatedAt: at({ ms: 5_000 }) };
      const updated = { ...renamed, ...patch };
      expect(await store().conversations.updateConversation({ id: conversation.id, patch })).toEqual(updated);
      expect(await store().conversations.updateConversation({ id: conversation.id, patch: {} })).toEqual(updated);

      expect(
        await store().conversations.updateConversation({ id: uuidv7(), patch: { title: "Ghost" } }),
      ).toBeUndefined();
      expect(await store().conversations.findConversationById({ id: conversation.id })).toEqual(updated);
    });

    it("deletes a conversation with its messages", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: owner.id }));
      const question = await store().messages.createMessage(newMessage({ conversationId: conversation.id }));
      const reply = await store().messages.createMessage(
        newMessage({ conversationId: conversation.id, parentId: question.id, role: "assistant", streamId: uuidv7() }),
      );

      expect(await store().messages.findMessageById({ id: reply.id })).toEqual(reply);
      expect(await store().conversations.deleteConversation({ id: conversation.id })).toBe(true);
      expect(await store().conversations.findConversationById({ id: conversation.id })).toBeUndefined();
      expect(await store().messages.listMessagesByConversationId({ conversationId: conversation.id })).toEqual([]);
      expect(await store().messages.findMessageById({ id: question.id })).toBeUndefined();
      expect(await store().conversations.deleteConversation({ id: conversation.id })).toBe(false);
    });
  });
}
