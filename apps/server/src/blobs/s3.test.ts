import { afterAll, describe, expect, it } from "vitest";
import { S3RVER_CREDENTIALS, startS3Server } from "../../test/s3-server.ts";
import { runBlobStoreContract } from "./blob-store.contract.ts";
import { s3BrowserOrigin } from "./index.ts";
import { createS3BlobStore } from "./s3.ts";

const s3 = await startS3Server();
afterAll(() => s3.stop());
const settings = { bucket: s3.bucket, region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true };

runBlobStoreContract({ name: "s3", create: async () => createS3BlobStore({ ...settings, ...S3RVER_CREDENTIALS }) });

describe("S3 blobs", () => {
  it("is refused by the server when its secret is wrong (the server checks signatures)", async () => {
    const blobs = createS3BlobStore({ ...settings, accessKeyId: "S3RVER", secretAccessKey: "not-the-secret" });
    await expect(blobs.put({ key: "refused", body: new Uint8Array([1]), contentType: "text/plain" })).rejects.toThrow();
    await blobs.close();
  });

  it("signs a PUT that a plain HTTP client can use, and a GET that serves the bytes with the asked headers", async () => {
    const blobs = createS3BlobStore({ ...settings, ...S3RVER_CREDENTIALS });
    const put = await blobs.presign?.put({ key: "signed", contentType: "text/plain", size: 5, expiresInSeconds: 60 });
    expect(put).toBeDefined();
    // A checksum signed in at presign time would be the empty body's, and real S3 would refuse the upload.
    expect(put?.url).not.toMatch(/x-amz-checksum/i);
    const stored = await fetch(put?.url as string, { method: "PUT", headers: put?.headers, body: "hello" });
    expect(stored.status).toBe(200);
    const url = await blobs.presign?.get({
      key: "signed",
      expiresInSeconds: 60,
      contentType: "text/plain",
      contentDisposition: 'attachment; filename="a.txt"',
    });
    const got = await fetch(url as string);
    expect(await got.text()).toBe("hello");
    expect(got.headers.get("content-disposition")).toBe('attachment; filename="a.txt"');
    // A tampered signature is refused.
    const tampered = new URL(url as string);
    tampered.searchParams.set("X-Amz-Signature", "0".repeat(64));
    expect((await fetch(tampered)).status).toBe(403);
    await blobs.close();
  });
});

describe("s3BrowserOrigin", () => {
  it("is the endpoint's origin in path style, and the bucket's own host otherwise", () => {
    const base = { bucket: "media", region: "eu-west-1", forcePathStyle: false };
    expect(s3BrowserOrigin({ ...base, endpoint: "http://127.0.0.1:9000/", forcePathStyle: true })).toBe(
      "http://127.0.0.1:9000",
    );
    expect(s3BrowserOrigin(base)).toBe("https://media.s3.eu-west-1.amazonaws.com");
  });
});
