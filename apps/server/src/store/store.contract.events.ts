import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { at, newConversation, newUser } from "./store.contract.fixtures.ts";
import type { ConversationEventRecord, Store } from "./types.ts";

/** The outbox part of `runStoreContract`. */
export function describeEventsContract(store: () => Store): void {
  const newEvent = (
    overrides: Partial<ConversationEventRecord> & { conversationId: string; userId: string; version: number },
  ) => ({
    id: uuidv7(),
    type: "conversation.updated",
    payload: { type: "conversation.updated", note: "Zürich 🚀" },
    createdAt: at(),
    publishedAt: null,
    ...overrides,
  });
  // Earlier tests share this store: claiming what they left, for good, keeps them out of the claims below.
  const claimLeftovers = () =>
    store().events.claimUnpublished({
      createdBefore: at({ ms: 1e13 }),
      now: at(),
      claimUntil: at({ ms: 1e13 }),
      limit: 1e6,
    });
  const newThread = async () => {
    const user = await store().users.createUser(newUser());
    const conversation = await store().conversations.createConversation(newConversation({ userId: user.id }));
    return { userId: user.id, conversationId: conversation.id };
  };

  describe("conversation events", () => {
    it("lists a conversation's events after a version, in version order", async () => {
      const thread = await newThread();
      const events = [3, 1, 2].map((version) => newEvent({ ...thread, version }));
      await store().events.appendEvents(events);
      const after1 = await store().events.listEventsAfter({
        conversationId: thread.conversationId,
        after: 1,
        limit: 10,
      });
      expect(after1.map((event) => event.version)).toEqual([2, 3]);
      expect(after1[0]).toEqual(events[2]);
      expect(
        await store().events.listEventsAfter({ conversationId: thread.conversationId, after: 0, limit: 2 }),
      ).toHaveLength(2);
    });

    it("refuses a second event with the same version of one conversation", async () => {
      const thread = await newThread();
      await store().events.appendEvents([newEvent({ ...thread, version: 1 })]);
      await expect(store().events.appendEvents([newEvent({ ...thread, version: 1 })])).rejects.toThrow();
      // A batch is written whole or not at all.
      await expect(
        store().events.appendEvents([newEvent({ ...thread, version: 2 }), newEvent({ ...thread, version: 1 })]),
      ).rejects.toThrow();
      const kept = await store().events.listEventsAfter({ conversationId: thread.conversationId, after: 0, limit: 10 });
      expect(kept.map((event) => event.version)).toEqual([1]);
    });

    it("claims only old, unpublished, unclaimed events, once, until the claim lapses", async () => {
      await claimLeftovers();
      const thread = await newThread();
      const old = newEvent({ ...thread, version: 1, createdAt: at({ ms: 10 }) });
      const published = newEvent({ ...thread, version: 2, createdAt: at({ ms: 10 }) });
      const recent = newEvent({ ...thread, version: 3, createdAt: at({ ms: 500 }) });
      await store().events.appendEvents([old, published, recent]);
      await store().events.markPublished({ ids: [published.id], now: at({ ms: 20 }) });

      const claim = (nowMs: number) =>
        store().events.claimUnpublished({
          createdBefore: at({ ms: 100 }),
          now: at({ ms: nowMs }),
          claimUntil: at({ ms: nowMs + 1_000 }),
          limit: 10,
        });
      expect((await claim(1_000)).map((event) => event.id)).toEqual([old.id]);
      expect(await claim(1_001)).toEqual([]);
      expect((await claim(2_500)).map((event) => event.id)).toEqual([old.id]);
      await store().events.markPublished({ ids: [old.id], now: at({ ms: 30 }) });
      expect(await claim(9_000)).toEqual([]);
    });

    it("lets concurrent claims take each event once, and every event in the end", async () => {
      await claimLeftovers();
      const thread = await newThread();
      const events = Array.from({ length: 30 }, (_, index) => newEvent({ ...thread, version: index + 1 }));
      await store().events.appendEvents(events);
      const claim = () =>
        store().events.claimUnpublished({
          createdBefore: at({ ms: 1 }),
          now: at({ ms: 5_000 }),
          claimUntil: at({ ms: 1e12 }),
          limit: 7,
        });
      // A claim that loses a race for a row skips it, so rounds go on until nothing is left.
      const claimed: string[] = [];
      for (let round = 0; round < 20; round += 1) {
        const batch = (await Promise.all(Array.from({ length: 4 }, claim))).flat();
        if (batch.length === 0) break;
        claimed.push(...batch.map((event) => event.id));
      }
      expect(claimed.toSorted()).toEqual(events.map((event) => event.id).toSorted());
    });
  });
}
