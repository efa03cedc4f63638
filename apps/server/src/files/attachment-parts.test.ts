import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePng } from "../../test/file-fixtures.ts";
import { createLocalBlobStore } from "../blobs/local.ts";
import { filePart } from "../chat/file-parts.ts";
import type { Store } from "../store/index.ts";
import { openSqliteStore } from "../store/sqlite.ts";
import { newUser } from "../store/store.contract.fixtures.ts";
import { createAttachments } from "./attachment-parts.ts";

const root = await mkdtemp(join(tmpdir(), "slipstream-attachment-parts-"));
const blobs = createLocalBlobStore({ root });
let store: Store;
beforeAll(async () => {
  store = await openSqliteStore({ path: ":memory:" });
});
afterAll(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

async function storedImage(name: string) {
  const user = await store.users.createUser(newUser());
  const id = uuidv7();
  const bytes = await makePng();
  const storageKey = `users/${user.id}/${id}`;
  await blobs.put({ key: storageKey, body: bytes, contentType: "image/png" });
  return store.files.createFile({
    id,
    userId: user.id,
    conversationId: null,
    name,
    contentType: "image/png",
    size: bytes.length,
    storageKey,
    status: "ready",
    textContent: null,
    createdAt: new Date().toISOString(),
    expiresAt: null,
  });
}

describe("an image as a model reads it", () => {
  it("is the image for a model that sees images, and a note naming it for one that does not", async () => {
    const file = await storedImage("chart.png");
    const attachments = createAttachments({ store, blobs });

    const seen = await attachments.toModelParts(filePart(file), { seesImages: true });
    expect(seen).toEqual([{ type: "image", image: expect.any(Uint8Array), mediaType: "image/png" }]);

    expect(await attachments.toModelParts(filePart(file), { seesImages: false })).toEqual([
      { type: "text", text: "[image: chart.png — this model cannot see images]" },
    ]);
  });
});
