import type { FileInfo, Upload } from "@slipstream/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePdf, makePng } from "../../../test/file-fixtures.ts";
import { startS3Server, type TestS3 } from "../../../test/s3-server.ts";
import { removeDir, signedInClient, startServer, type TestServer } from "../../../test/support.ts";

const QUOTA = 600_000;

type Account = Awaited<ReturnType<typeof signedInClient>>;

function describeFiles(storage: "local" | "s3") {
  describe(`files on ${storage} storage`, () => {
    let s3: TestS3 | undefined;
    let server: TestServer;
    let alice: Account;
    let bob: Account;
    beforeAll(async () => {
      s3 = storage === "s3" ? await startS3Server() : undefined;
      server = await startServer({
        UPLOAD_MAX_BYTES: "500000",
        USER_STORAGE_QUOTA_BYTES: String(QUOTA),
        ...(s3?.env ?? {}),
      });
      alice = await signedInClient(server.url, "alice");
      bob = await signedInClient(server.url, "bob");
    });
    afterAll(async () => {
      await server.stop();
      await s3?.stop();
      await removeDir(server.dataDir);
    });

    const api = (account: Account, path: string, init: RequestInit = {}) =>
      account.client.transport.raw(path, {
        ...init,
        headers: { "content-type": "application/json", ...init.headers },
      });

    async function createUpload(account: Account, body: object) {
      return api(account, "/api/uploads", { method: "POST", body: JSON.stringify(body) });
    }

    async function put(upload: Upload, bytes: Uint8Array) {
      return fetch(new URL(upload.url, server.url), {
        method: "PUT",
        headers: upload.headers,
        body: Buffer.from(bytes),
      });
    }

    async function upload(account: Account, name: string, contentType: string, bytes: Uint8Array) {
      const created = await createUpload(account, { name, contentType, size: bytes.length });
      expect(created.status).toBe(201);
      const { upload } = (await created.json()) as { upload: Upload };
      expect((await put(upload, bytes)).ok).toBe(true);
      const completed = await api(account, `/api/uploads/${upload.id}/complete`, { method: "POST" });
      return { upload, completed };
    }

    /** Reads a file as a browser would: following S3's redirect, without the session cookie past it. */
    async function download(account: Account, id: string, headers: Record<string, string> = {}) {
      const first = await account.client.transport.raw(`/api/files/${id}`, { headers, redirect: "manual" });
      if (first.status !== 302) return first;
      expect(storage).toBe("s3");
      expect(first.headers.get("cache-control")).toBe("no-store");
      return fetch(first.headers.get("location") as string, { headers });
    }

    it("takes an image by its upload URL, and serves the same bytes inline with nosniff", async () => {
      const png = await makePng({ width: 20, height: 10 });
      const { completed } = await upload(alice, "dot.png", "image/png", png);
      expect(completed.status).toBe(201);
      const { file } = (await completed.json()) as { file: FileInfo };
      expect(file).toMatchObject({ name: "dot.png", contentType: "image/png", size: png.length });
      expect(file.url).toBe(`/api/files/${file.id}`);

      const got = await download(alice, file.id);
      expect(got.status).toBe(200);
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(png);
      expect(got.headers.get("content-type")).toBe("image/png");
      expect(got.headers.get("content-disposition")).toMatch(/^inline; filename="dot.png"/);
      if (storage === "local") expect(got.headers.get("x-content-type-options")).toBe("nosniff");

      const part = await download(alice, file.id, { range: "bytes=1-3" });
      expect(part.status).toBe(206);
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(png.subarray(1, 4));
    });

    it("serves a PDF and text as attachments, never inline", async () => {
      const { completed } = await upload(alice, "report.pdf", "application/pdf", makePdf("Quarterly numbers"));
      const { file } = (await completed.json()) as { file: FileInfo };
      const got = await download(alice, file.id);
      expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="report.pdf"/);

      const notes = await upload(alice, "notes.md", "text/markdown", new TextEncoder().encode("# Notes\nhello"));
      expect(notes.completed.status).toBe(201);
      expect(((await notes.completed.json()) as { file: FileInfo }).file.contentType).toBe("text/markdown");
    });

    it("refuses a file whose bytes are not the declared type, and keeps nothing of it", async () => {
      const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
      const { upload: refused, completed } = await upload(alice, "cat.png", "image/png", html);
      expect(completed.status).toBe(415);
      expect((await completed.json()).error.code).toBe("unsupported_media_type");
      expect((await download(alice, refused.id)).status).toBe(404);
      const again = await api(alice, `/api/uploads/${refused.id}/complete`, { method: "POST" });
      expect(again.status).toBe(404);
    });

    it("refuses a declared type outside the allowlist, a file over UPLOAD_MAX_BYTES, and a size that does not match", async () => {
      const html = await createUpload(alice, { name: "page.html", contentType: "text/html", size: 10 });
      expect(html.status).toBe(415);
      const svg = await createUpload(alice, { name: "logo.svg", contentType: "image/svg+xml", size: 10 });
      expect(svg.status).toBe(415);
      const large = await createUpload(alice, { name: "big.png", contentType: "image/png", size: 500_001 });
      expect(large.status).toBe(413);
      expect((await large.json()).error.code).toBe("upload_too_large");

      const created = await createUpload(alice, { name: "short.txt", contentType: "text/plain", size: 100 });
      const { upload: short } = (await created.json()) as { upload: Upload };
      const sent = await put(short, new TextEncoder().encode("only a few bytes"));
      const completed = await api(alice, `/api/uploads/${short.id}/complete`, { method: "POST" });
      if (storage === "s3") {
        // The presigned PUT signs Content-Length: S3 itself refuses other sizes, so nothing arrives.
        expect(sent.status).toBe(403);
        expect(completed.status).toBe(409);
      } else {
        expect(completed.status).toBe(422);
        expect((await completed.json()).error.code).toBe("upload_mismatch");
      }
    });

    it("holds the per-user storage quota, counting uploads in progress, per user", async () => {
      const carol = await signedInClient(server.url, "carol");
      const first = await createUpload(carol, { name: "a.txt", contentType: "text/plain", size: 400_000 });
      expect(first.status).toBe(201);
      const second = await createUpload(carol, { name: "b.txt", contentType: "text/plain", size: 300_000 });
      expect(second.status).toBe(413);
      expect((await second.json()).error.code).toBe("storage_quota_exceeded");
      // Someone else's quota is their own.
      const dave = await signedInClient(server.url, "dave");
      expect((await createUpload(dave, { name: "b.txt", contentType: "text/plain", size: 300_000 })).status).toBe(201);
    });

    it("shows a file to its owner only: another user gets 404, no session 401", async () => {
      const { completed } = await upload(alice, "private.png", "image/png", await makePng());
      const { file } = (await completed.json()) as { file: FileInfo };
      expect((await bob.client.transport.raw(`/api/files/${file.id}`)).status).toBe(404);
      expect((await fetch(new URL(`/api/files/${file.id}`, server.url))).status).toBe(401);
      expect((await api(bob, `/api/files/${file.id}`, { method: "DELETE" })).status).toBe(404);
      expect((await api(bob, `/api/uploads/${file.id}/complete`, { method: "POST" })).status).toBe(404);
    });

    it("deletes a file: 204, then 404", async () => {
      const { completed } = await upload(alice, "gone.png", "image/png", await makePng());
      const { file } = (await completed.json()) as { file: FileInfo };
      expect((await api(alice, `/api/files/${file.id}`, { method: "DELETE" })).status).toBe(204);
      expect((await download(alice, file.id)).status).toBe(404);
    });

    if (storage === "local") {
      it("refuses a tampered upload URL, and a second use of one", async () => {
        const created = await createUpload(alice, { name: "once.txt", contentType: "text/plain", size: 5 });
        const { upload: once } = (await created.json()) as { upload: Upload };
        const tampered = { ...once, url: once.url.replace(/signature=[^&]+/, "signature=forged") };
        expect((await put(tampered, new TextEncoder().encode("hello"))).status).toBe(401);
        expect((await put(once, new TextEncoder().encode("hello"))).status).toBe(204);
        const second = await put(once, new TextEncoder().encode("HELLO"));
        expect(second.status).toBe(410);
        expect((await second.json()).error.code).toBe("upload_expired");
        expect((await put(once, new TextEncoder().encode("hello, and more"))).status).toBe(410);
      });

      it("stops a body longer than the declared size at the limit", async () => {
        const created = await createUpload(alice, { name: "liar.txt", contentType: "text/plain", size: 5 });
        const { upload: liar } = (await created.json()) as { upload: Upload };
        const sent = await put(liar, new TextEncoder().encode("much more than five bytes"));
        expect(sent.status).toBe(413);
        const completed = await api(alice, `/api/uploads/${liar.id}/complete`, { method: "POST" });
        expect(completed.status).toBe(409);
      });

      it("answers 416 for a range past the end", async () => {
        const { completed } = await upload(alice, "r.png", "image/png", await makePng());
        const { file } = (await completed.json()) as { file: FileInfo };
        const got = await alice.client.transport.raw(`/api/files/${file.id}`, { headers: { range: "bytes=99999-" } });
        expect(got.status).toBe(416);
      });
    }
  });
}

describeFiles("local");
describeFiles("s3");
