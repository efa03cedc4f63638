import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BlobStore, BlobTooLargeError } from "./types.ts";

const bytes = (length: number) => Uint8Array.from({ length }, (_, index) => index % 251);

/** The behaviour every BlobStore adapter must have. Each test writes under its own fresh key. */
export function runBlobStoreContract({ name, create }: { name: string; create: () => Promise<BlobStore> }) {
  describe(`BlobStore contract: ${name}`, () => {
    let blobs: BlobStore;
    beforeAll(async () => {
      blobs = await create();
    });
    afterAll(() => blobs.close());
    const key = () => `contract/${uuidv7()}`;

    it("stores a stream and gives back the same bytes, size and type", async () => {
      const id = key();
      const content = bytes(300_000);
      // Several chunks, as a request body arrives.
      const body = Readable.from([content.subarray(0, 100_000), content.subarray(100_000)]);
      expect(await blobs.put({ key: id, body, contentType: "image/png" })).toEqual({
        size: 300_000,
        contentType: "image/png",
      });
      expect(await blobs.head({ key: id })).toEqual({ size: 300_000, contentType: "image/png" });
      const got = await blobs.get({ key: id });
      expect(got).toMatchObject({ size: 300_000, contentType: "image/png" });
      expect(new Uint8Array(await buffer(got?.body as Readable))).toEqual(content);
    });

    it("reads a byte range, reporting the whole object's size", async () => {
      const id = key();
      await blobs.put({ key: id, body: new TextEncoder().encode("0123456789"), contentType: "text/plain" });
      const got = await blobs.get({ key: id, range: { start: 2, end: 5 } });
      expect(got?.size).toBe(10);
      expect((await buffer(got?.body as Readable)).toString()).toBe("2345");
    });

    it("answers undefined for a missing object, and deletes idempotently", async () => {
      const id = key();
      expect(await blobs.head({ key: id })).toBeUndefined();
      expect(await blobs.get({ key: id })).toBeUndefined();
      await blobs.put({ key: id, body: bytes(10), contentType: "application/pdf" });
      await blobs.delete({ key: id });
      await blobs.delete({ key: id });
      expect(await blobs.head({ key: id })).toBeUndefined();
    });

    it("replaces an object put again under its key", async () => {
      const id = key();
      await blobs.put({ key: id, body: bytes(10), contentType: "text/plain" });
      await blobs.put({ key: id, body: bytes(4), contentType: "text/csv" });
      expect(await blobs.head({ key: id })).toEqual({ size: 4, contentType: "text/csv" });
    });

    it("refuses a body longer than maxBytes and keeps nothing of it", async () => {
      const id = key();
      const body = Readable.from([bytes(600), bytes(600)]);
      await expect(blobs.put({ key: id, body, contentType: "text/plain", maxBytes: 1000 })).rejects.toBeInstanceOf(
        BlobTooLargeError,
      );
      expect(await blobs.head({ key: id })).toBeUndefined();
      // Exactly at the limit is allowed.
      await blobs.put({ key: id, body: bytes(1000), contentType: "text/plain", maxBytes: 1000 });
      expect((await blobs.head({ key: id }))?.size).toBe(1000);
    });
  });
}
