import type { BlobStore } from "../blobs/index.ts";
import { newId } from "../ids/new-id.ts";
import type { FileRecord } from "../store/index.ts";
import { storageKey } from "./file.service.ts";

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/**
 * Stores the bytes a model made as a ready file of its conversation, owned by the conversation's owner (its members
 * read it as they read attachments). Returns the row to create in the transaction that saves the reply: a row whose
 * blob is missing would be a broken link, a blob without a row is only space until the next attempt.
 */
export async function storeGeneratedFile({
  blobs,
  ownerId,
  conversationId,
  bytes,
  mediaType,
}: {
  blobs: BlobStore;
  ownerId: string;
  conversationId: string;
  bytes: Uint8Array;
  mediaType: string;
}): Promise<FileRecord> {
  const id = newId();
  const key = storageKey(ownerId, id);
  await blobs.put({ key, body: bytes, contentType: mediaType });
  return {
    id,
    userId: ownerId,
    conversationId,
    name: `image-${id.slice(-8)}.${EXTENSIONS[mediaType] ?? "bin"}`,
    contentType: mediaType,
    size: bytes.length,
    storageKey: key,
    status: "ready",
    textContent: null,
    createdAt: new Date().toISOString(),
    expiresAt: null,
  };
}
