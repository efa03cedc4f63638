import { v7 as uuidv7 } from "uuid";
import { describe, expect, it } from "vitest";
import { filePart } from "../chat/file-parts.ts";
import { at, newConversation, newMessage, newUser } from "./store.contract.fixtures.ts";
import type { FileRecord, Store } from "./types.ts";

const newFile = ({ userId, ...overrides }: Partial<FileRecord> & { userId: string }): FileRecord => {
  const id = uuidv7();
  return {
    id,
    userId,
    conversationId: null,
    name: "photo.png",
    contentType: "image/png",
    size: 1000,
    storageKey: `files/${id}`,
    status: "ready",
    textContent: null,
    createdAt: at(),
    expiresAt: null,
    ...overrides,
  };
};

export function describeFilesContract(store: () => Store): void {
  describe("files", () => {
    it("creates, finds, updates and deletes a file", async () => {
      const user = await store().users.createUser(newUser());
      const file = newFile({ userId: user.id, status: "pending", expiresAt: at({ ms: 60_000 }) });
      expect(await store().files.createFile(file)).toEqual(file);
      expect(await store().files.findFileById({ id: file.id })).toEqual(file);
      const ready = await store().files.updateFile({
        id: file.id,
        patch: { status: "ready", size: 2000, expiresAt: null, textContent: "words" },
      });
      expect(ready).toEqual({ ...file, status: "ready", size: 2000, expiresAt: null, textContent: "words" });
      expect(await store().files.deleteFile({ id: file.id })).toBe(true);
      expect(await store().files.deleteFile({ id: file.id })).toBe(false);
      expect(await store().files.findFileById({ id: file.id })).toBeUndefined();
    });

    it("marks deleted only the files no message carries any more", async () => {
      const user = await store().users.createUser(newUser());
      const conversation = await store().conversations.createConversation(newConversation({ userId: user.id }));
      const elsewhere = await store().conversations.createConversation(newConversation({ userId: user.id }));
      const loose = await store().files.createFile(newFile({ userId: user.id, conversationId: conversation.id }));
      const reused = await store().files.createFile(newFile({ userId: user.id, conversationId: conversation.id }));
      const sharedOn = await store().files.createFile(newFile({ userId: user.id, conversationId: conversation.id }));
      await store().messages.createMessage(
        newMessage({ conversationId: conversation.id, parts: [filePart(reused), { type: "text", text: "again" }] }),
      );
      await store().messages.createMessage(newMessage({ conversationId: elsewhere.id, parts: [filePart(sharedOn)] }));

      const marked = await store().files.markUnreferencedFilesDeleted({ ids: [loose.id, reused.id, sharedOn.id] });
      expect(marked).toEqual([loose.id]);
      expect((await store().files.findFileById({ id: loose.id }))?.status).toBe("deleted");
      expect((await store().files.findFileById({ id: reused.id }))?.status).toBe("ready");
      expect((await store().files.findFileById({ id: sharedOn.id }))?.status).toBe("ready");
      expect(await store().files.markUnreferencedFilesDeleted({ ids: [loose.id] })).toEqual([]);
      expect(await store().files.markUnreferencedFilesDeleted({ ids: [] })).toEqual([]);
    });

    it("sums a user's bytes, pending uploads in, deleted files out, other users apart", async () => {
      const user = await store().users.createUser(newUser());
      const other = await store().users.createUser(newUser());
      expect(await store().files.sumFileBytesByUserId({ userId: user.id })).toBe(0);
      await store().files.createFile(newFile({ userId: user.id, size: 100 }));
      await store().files.createFile(newFile({ userId: user.id, size: 50, status: "pending" }));
      await store().files.createFile(newFile({ userId: user.id, size: 1000, status: "deleted" }));
      await store().files.createFile(newFile({ userId: other.id, size: 7 }));
      expect(await store().files.sumFileBytesByUserId({ userId: user.id })).toBe(150);
    });

    it("ties unattached files to a conversation, leaving files of another conversation alone", async () => {
      const user = await store().users.createUser(newUser());
      const first = await store().conversations.createConversation(newConversation({ userId: user.id }));
      const second = await store().conversations.createConversation(newConversation({ userId: user.id }));
      const loose = await store().files.createFile(newFile({ userId: user.id }));
      const taken = await store().files.createFile(newFile({ userId: user.id, conversationId: first.id }));
      await store().files.attachFilesToConversation({ ids: [loose.id, taken.id], conversationId: second.id });
      expect((await store().files.findFileById({ id: loose.id }))?.conversationId).toBe(second.id);
      expect((await store().files.findFileById({ id: taken.id }))?.conversationId).toBe(first.id);
    });

    it("lists expired uploads, deleted files, and files whose conversation or owner is gone as orphans", async () => {
      const user = await store().users.createUser(newUser());
      // No account has this id: the owner was deleted.
      const goneUserId = uuidv7();
      const conversation = await store().conversations.createConversation(newConversation({ userId: user.id }));
      const deletedConversation = await store().conversations.createConversation(newConversation({ userId: user.id }));
      const now = at({ ms: 10_000 });
      const kept = [
        newFile({ userId: user.id }),
        newFile({ userId: user.id, status: "pending", expiresAt: at({ ms: 20_000 }) }),
        newFile({ userId: user.id, conversationId: conversation.id }),
      ];
      const orphans = [
        newFile({ userId: user.id, status: "pending", expiresAt: at({ ms: 5_000 }), createdAt: at({ ms: 1 }) }),
        newFile({ userId: user.id, status: "deleted", createdAt: at({ ms: 2 }) }),
        newFile({ userId: goneUserId, createdAt: at({ ms: 3 }) }),
        newFile({ userId: user.id, conversationId: deletedConversation.id, createdAt: at({ ms: 4 }) }),
      ];
      for (const file of [...kept, ...orphans]) await store().files.createFile(file);
      await store().conversations.deleteConversation({ id: deletedConversation.id });
      const listed = await store().files.listOrphanedFiles({ now, limit: 1000 });
      const ids = new Set(listed.map((file) => file.id));
      for (const file of kept) expect(ids.has(file.id)).toBe(false);
      for (const file of orphans) expect(ids.has(file.id)).toBe(true);
    });
  });
}
