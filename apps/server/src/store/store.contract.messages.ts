import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import type { Store } from "./index.ts";
import { at, newConversation, newMessage, newUser } from "./store.contract.fixtures.ts";

/** The messages part of `runStoreContract`. */
export function describeMessagesContract(store: () => Store): void {
  const newThread = async () => {
    const user = await store().users.createUser(newUser());
    const conversation = await store().conversations.createConversation(newConversation({ userId: user.id }));
    return { user, conversation };
  };

  describe("messages", () => {
    it("lists a conversation's messages in id order, whatever the insert order", async () => {
      const { conversation } = await newThread();
      const { conversation: elsewhere } = await newThread();
      // UUIDv7 ids from one process grow monotonically, so creation order is id order.
      const first = newMessage({ conversationId: conversation.id });
      const second = newMessage({ conversationId: conversation.id });
      const third = newMessage({ conversationId: conversation.id });
      for (const message of [third, first, second]) {
        expect(await store().messages.createMessage(message)).toEqual(message);
      }
      await store().messages.createMessage(newMessage({ conversationId: elsewhere.id }));

      expect(await store().messages.listMessagesByConversationId({ conversationId: conversation.id })).toEqual([
        first,
        second,
        third,
      ]);
    });

    it("finds the newest message of a conversation, and the branch from the root down to a message", async () => {
      const { conversation } = await newThread();
      const { conversation: elsewhere } = await newThread();
      expect(await store().messages.findLatestMessage({ conversationId: conversation.id })).toBeUndefined();
      const create = (parentId: string | null) =>
        store().messages.createMessage(newMessage({ conversationId: conversation.id, parentId }));
      const root = await create(null);
      const answer = await create(root.id);
      const edited = await create(root.id);
      const followUp = await create(answer.id);
      const otherRoot = await create(null);
      await store().messages.createMessage(newMessage({ conversationId: elsewhere.id }));

      expect(await store().messages.findLatestMessage({ conversationId: conversation.id })).toEqual(otherRoot);
      expect(await store().messages.listMessagePath({ id: followUp.id })).toEqual([root, answer, followUp]);
      expect(await store().messages.listMessagePath({ id: edited.id })).toEqual([root, edited]);
      expect(await store().messages.listMessagePath({ id: otherRoot.id })).toEqual([otherRoot]);
      expect(await store().messages.listMessagePath({ id: uuidv7() })).toEqual([]);
    });

    it("lists the branch under a message and deletes it, leaving its siblings and ancestors", async () => {
      const { conversation } = await newThread();
      const create = (parentId: string | null) =>
        store().messages.createMessage(newMessage({ conversationId: conversation.id, parentId }));
      const root = await create(null);
      const answer = await create(root.id);
      const edited = await create(root.id);
      const followUp = await create(answer.id);
      const deeper = await create(followUp.id);

      expect(await store().messages.listMessageSubtree({ id: answer.id })).toEqual([answer, followUp, deeper]);
      expect(await store().messages.listMessageSubtree({ id: deeper.id })).toEqual([deeper]);
      expect(await store().messages.listMessageSubtree({ id: uuidv7() })).toEqual([]);

      await store().messages.deleteMessages({ ids: [answer.id, followUp.id, deeper.id] });
      await store().messages.deleteMessages({ ids: [] });
      expect(await store().messages.listMessagesByConversationId({ conversationId: conversation.id })).toEqual([
        root,
        edited,
      ]);
    });

    it("finds a message by id, and a reply by its stream id", async () => {
      const { conversation } = await newThread();
      const question = await store().messages.createMessage(newMessage({ conversationId: conversation.id }));
      const reply = await store().messages.createMessage(
        newMessage({
          conversationId: conversation.id,
          parentId: question.id,
          role: "assistant",
          model: "demo:echo",
          status: "streaming",
          content: "",
          streamId: uuidv7(),
        }),
      );

      expect(await store().messages.findMessageById({ id: reply.id })).toEqual(reply);
      expect(await store().messages.findMessageById({ id: uuidv7() })).toBeUndefined();
      expect(await store().messages.findMessageByStreamId({ streamId: reply.streamId ?? "" })).toEqual(reply);
      expect(await store().messages.findMessageByStreamId({ streamId: uuidv7() })).toBeUndefined();
    });

    it("rejects a second message with the same stream id", async () => {
      const { conversation } = await newThread();
      const streamId = uuidv7();
      await store().messages.createMessage(newMessage({ conversationId: conversation.id, streamId }));
      await expect(
        store().messages.createMessage(newMessage({ conversationId: conversation.id, streamId })),
      ).rejects.toThrow();
    });

    it("updates only the patched fields", async () => {
      const { conversation } = await newThread();
      const message = await store().messages.createMessage(
        newMessage({ conversationId: conversation.id, role: "assistant", status: "streaming", content: "" }),
      );

      const failed = { ...message, content: "Partial", status: "error" as const, error: "Provider timed out." };
      expect(
        await store().messages.updateMessage({
          id: message.id,
          patch: { content: "Partial", status: "error", error: "Provider timed out." },
        }),
      ).toEqual(failed);
      const retried = { ...failed, status: "complete" as const, error: null, updatedAt: at({ ms: 1_000 }) };
      expect(
        await store().messages.updateMessage({
          id: message.id,
          patch: { status: "complete", error: null, updatedAt: retried.updatedAt },
        }),
      ).toEqual(retried);
      expect(await store().messages.updateMessage({ id: message.id, patch: {} })).toEqual(retried);
      expect(await store().messages.updateMessage({ id: uuidv7(), patch: { content: "Ghost" } })).toBeUndefined();
      expect(await store().messages.findMessageById({ id: message.id })).toEqual(retried);
    });

    it("checkpoints the text of a streaming reply, and never a finished one's", async () => {
      const { conversation } = await newThread();
      const reply = await store().messages.createMessage(
        newMessage({ conversationId: conversation.id, role: "assistant", status: "streaming", content: "" }),
      );
      await store().messages.checkpointMessage({ id: reply.id, content: "Half an an", updatedAt: at({ ms: 500 }) });
      expect(await store().messages.findMessageById({ id: reply.id })).toEqual({
        ...reply,
        content: "Half an an",
        updatedAt: at({ ms: 500 }),
      });
      const finished = await store().messages.updateMessage({
        id: reply.id,
        patch: { content: "Half an answer, then all of it.", status: "complete", updatedAt: at({ ms: 900 }) },
      });
      await store().messages.checkpointMessage({
        id: reply.id,
        content: "Half an answer",
        updatedAt: at({ ms: 1_000 }),
      });
      expect(await store().messages.findMessageById({ id: reply.id })).toEqual(finished);
    });

    it("marks interrupted only the streaming messages not written since a cutoff, and returns them", async () => {
      // Leftovers of earlier tests in this shared store are taken first, so only this test's rows count below.
      await store().messages.interruptStaleMessages({ updatedBefore: at({ ms: 3_000 }), now: at({ ms: 9_000 }) });
      const { conversation } = await newThread();
      const stale = newMessage({ conversationId: conversation.id, status: "streaming", updatedAt: at({ ms: 1_000 }) });
      const fresh = newMessage({ conversationId: conversation.id, status: "streaming", updatedAt: at({ ms: 5_000 }) });
      const done = newMessage({ conversationId: conversation.id, updatedAt: at({ ms: 1_000 }) });
      for (const message of [stale, fresh, done]) await store().messages.createMessage(message);
      const now = at({ ms: 6_000 });

      const interrupted = await store().messages.interruptStaleMessages({ updatedBefore: at({ ms: 3_000 }), now });
      expect(interrupted).toEqual([{ ...stale, status: "interrupted", updatedAt: now }]);
      expect(await store().messages.findMessageById({ id: fresh.id })).toEqual(fresh);
      expect(await store().messages.findMessageById({ id: done.id })).toEqual(done);
      expect(await store().messages.interruptStaleMessages({ updatedBefore: at({ ms: 3_000 }), now })).toEqual([]);
    });
  });
}
