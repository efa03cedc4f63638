import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalBlobStore } from "../blobs/local.ts";
import { filePart } from "../chat/file-parts.ts";
import type { Store } from "../store/index.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import { newConversation, newMessage, newUser } from "../store/store.contract.fixtures.ts";
import { sweepFiles } from "./sweep-files.job.ts";

const root = await mkdtemp(join(tmpdir(), "slipstream-sweep-"));
const blobs = createLocalBlobStore({ root });
let store: Store;
beforeAll(async () => {
  store = await openSqliteStore({ path: ":memory:" });
});
afterAll(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

async function storedFile({
  userId,
  conversationId = null,
  status = "ready",
  expiresAt = null,
}: {
  userId: string;
  conversationId?: string | null;
  status?: "pending" | "ready";
  expiresAt?: string | null;
}) {
  const id = uuidv7();
  const storageKey = `users/${userId}/${id}`;
  await blobs.put({ key: storageKey, body: new Uint8Array([1, 2, 3]), contentType: "text/plain" });
  return store.files.createFile({
    id,
    userId,
    conversationId,
    name: "a.txt",
    contentType: "text/plain",
    size: 3,
    storageKey,
    status,
    textContent: null,
    createdAt: new Date().toISOString(),
    expiresAt,
  });
}

describe("files.sweep", () => {
  it("removes expired uploads and the files of deleted conversations, bytes and rows, and keeps the rest", async () => {
    const user = await store.users.createUser(newUser());
    const kept = await store.conversations.createConversation(newConversation({ userId: user.id }));
    const deleted = await store.conversations.createConversation(newConversation({ userId: user.id }));
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 60_000).toISOString();
    const expired = await storedFile({ userId: user.id, status: "pending", expiresAt: past });
    const inFlight = await storedFile({ userId: user.id, status: "pending", expiresAt: future });
    const attached = await storedFile({ userId: user.id, conversationId: kept.id });
    const ofDeleted = await storedFile({ userId: user.id, conversationId: deleted.id });
    await store.conversations.deleteConversation({ id: deleted.id });

    expect(await sweepFiles({ store, blobs })).toBe(2);
    for (const gone of [expired, ofDeleted]) {
      expect(await store.files.findFileById({ id: gone.id })).toBeUndefined();
      expect(await blobs.head({ key: gone.storageKey })).toBeUndefined();
    }
    for (const stays of [inFlight, attached]) {
      expect(await store.files.findFileById({ id: stays.id })).toBeDefined();
      expect(await blobs.head({ key: stays.storageKey })).toBeDefined();
    }
    expect(await sweepFiles({ store, blobs })).toBe(0);
  });
  it("removes the bytes of files a deleted branch carried, and keeps a file another message still carries", async () => {
    const user = await store.users.createUser(newUser());
    const conversation = await store.conversations.createConversation(newConversation({ userId: user.id }));
    const onlyInBranch = await storedFile({ userId: user.id, conversationId: conversation.id });
    const reused = await storedFile({ userId: user.id, conversationId: conversation.id });
    const branch = await store.messages.createMessage(
      newMessage({ conversationId: conversation.id, parts: [filePart(onlyInBranch), filePart(reused)] }),
    );
    await store.messages.createMessage(newMessage({ conversationId: conversation.id, parts: [filePart(reused)] }));

    await store.messages.deleteMessages({ ids: [branch.id] });
    await store.files.markUnreferencedFilesDeleted({ ids: [onlyInBranch.id, reused.id] });

    expect(await sweepFiles({ store, blobs })).toBe(1);
    expect(await store.files.findFileById({ id: onlyInBranch.id })).toBeUndefined();
    expect(await blobs.head({ key: onlyInBranch.storageKey })).toBeUndefined();
    expect(await blobs.head({ key: reused.storageKey })).toBeDefined();
  });
});
