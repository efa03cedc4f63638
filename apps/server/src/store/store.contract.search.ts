import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import type { Store } from "./index.ts";
import { at, newConversation, newMessage, newUser } from "./store.contract.fixtures.ts";

/** The search and share-link parts of `runStoreContract`. */
export function describeSearchContract(store: () => Store): void {
  describe("search", () => {
    it("finds words in messages and titles the user can read, best first, with the hits marked", async () => {
      const owner = await store().users.createUser(newUser());
      const member = await store().users.createUser(newUser());
      const stranger = await store().users.createUser(newUser());
      const maths = await store().conversations.createConversation(
        newConversation({ userId: owner.id, title: "Sequences" }),
      );
      const other = await store().conversations.createConversation(
        newConversation({ userId: stranger.id, title: "Fibonacci for strangers" }),
      );
      const answer = await store().messages.createMessage(
        newMessage({
          conversationId: maths.id,
          role: "assistant",
          content: "The Fibonacci numbers start 0, 1, 1, 2, 3, 5, and each is the sum of the two before it.",
        }),
      );
      await store().messages.createMessage(newMessage({ conversationId: maths.id, content: "What about primes?" }));
      await store().messages.createMessage(newMessage({ conversationId: other.id, content: "Fibonacci again" }));

      const hits = await store().search.search({ userId: owner.id, query: "fibonacci", limit: 10 });
      expect(hits).toEqual([
        {
          conversationId: maths.id,
          messageId: answer.id,
          title: "Sequences",
          snippet: expect.stringContaining("<mark>Fibonacci</mark>"),
        },
      ]);
      expect(await store().search.search({ userId: member.id, query: "fibonacci", limit: 10 })).toEqual([]);
      await store().members.upsertMember({
        conversationId: maths.id,
        userId: member.id,
        role: "viewer",
        addedBy: owner.id,
        createdAt: at(),
      });
      expect(
        (await store().search.search({ userId: member.id, query: "FIBON", limit: 10 })).map((hit) => hit.messageId),
      ).toEqual([answer.id]);
      const titled = await store().search.search({ userId: stranger.id, query: "fibonacci", limit: 10 });
      expect(titled.map((hit) => hit.messageId)).toEqual([null, expect.any(String)]);
      expect(titled[0]?.snippet).toBe("<mark>Fibonacci</mark> for strangers");
    });

    it("follows edits and deletes in the same transaction, and takes engine syntax as plain words", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: owner.id }));
      const message = await store().messages.createMessage(
        newMessage({ conversationId: conversation.id, content: "draft" }),
      );
      await store().messages.updateMessage({ id: message.id, patch: { content: "zanzibar itinerary" } });
      const find = (query: string) => store().search.search({ userId: owner.id, query, limit: 10 });
      expect(await find("draft")).toEqual([]);
      expect((await find("zanzibar")).map((hit) => hit.messageId)).toEqual([message.id]);
      for (const query of ['"', "zanzibar OR", "NEAR(", "a:*", "'; drop table messages; --", "!!!"]) {
        await expect(find(query)).resolves.toBeInstanceOf(Array);
      }
      await store().conversations.deleteConversation({ id: conversation.id });
      expect(await find("zanzibar")).toEqual([]);
    });

    it("finds a reply once it has stopped streaming, by its final text, and not by what it said on the way", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: owner.id }));
      const reply = await store().messages.createMessage(
        newMessage({ conversationId: conversation.id, role: "assistant", status: "streaming", content: "" }),
      );
      const find = async (query: string) =>
        (await store().search.search({ userId: owner.id, query, limit: 10 })).map((hit) => hit.messageId);
      await store().messages.checkpointMessage({ id: reply.id, content: "walrus migration so far", updatedAt: at() });
      expect(await find("walrus")).toEqual([]);
      await store().messages.updateMessage({ id: reply.id, patch: { content: "walrus migration, further" } });
      expect(await find("walrus")).toEqual([]);
      await store().messages.updateMessage({
        id: reply.id,
        patch: { content: "walrus migration routes, complete", status: "complete" },
      });
      expect(await find("walrus")).toEqual([reply.id]);
      await store().messages.updateMessage({ id: reply.id, patch: { content: "narwhal routes instead" } });
      expect(await find("walrus")).toEqual([]);
      expect(await find("narwhal")).toEqual([reply.id]);
      await store().messages.deleteMessages({ ids: [reply.id] });
      expect(await find("narwhal")).toEqual([]);
      expect(await find("routes")).toEqual([]);
    });
  });

  describe("share links", () => {
    it("keeps a link's copy, lists a conversation's links newest first, and forgets a deleted one", async () => {
      const owner = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: owner.id }));
      const share = (ms: number) => ({
        id: uuidv7(),
        conversationId: conversation.id,
        createdBy: owner.id,
        snapshot: { title: "A chat", messages: [{ id: "m1" }] },
        createdAt: at({ ms }),
      });
      const first = await store().shares.createShare(share(0));
      const second = await store().shares.createShare(share(1));
      expect(await store().shares.findShareById({ id: first.id })).toEqual(first);
      expect(
        (await store().shares.listSharesByConversationId({ conversationId: conversation.id })).map((s) => s.id),
      ).toEqual([second.id, first.id]);
      expect(await store().shares.deleteShare({ id: first.id })).toBe(true);
      expect(await store().shares.deleteShare({ id: first.id })).toBe(false);
      expect(await store().shares.findShareById({ id: first.id })).toBeUndefined();
      await store().conversations.deleteConversation({ id: conversation.id });
      expect(await store().shares.findShareById({ id: second.id })).toBeUndefined();
    });
  });
}
