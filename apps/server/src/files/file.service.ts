import type { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { CreateUploadBody, FileInfo, Upload } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import { type BlobStore, BlobTooLargeError, type ByteRange } from "../blobs/index.ts";
import type { Config } from "../config.ts";
import { DomainError, notFound, unauthorized } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { FileRecord, Store } from "../store/index.ts";
import { extractFileText } from "./extract-text.ts";
import { kindOfType, SNIFF_BYTES, sniffContentType } from "./sniff.ts";
import type { UploadUrlSigner } from "./upload-urls.ts";

const DOWNLOAD_URL_TTL_SECONDS = 300;

export function presentFile(file: FileRecord): FileInfo {
  const { id, name, contentType, size, createdAt } = file;
  return { id, name, contentType, size, url: `/api/files/${id}`, createdAt };
}

/** Images open in the browser; everything else downloads, so no stored HTML or SVG ever renders on this origin. */
export function contentDisposition(file: Pick<FileRecord, "name" | "contentType">): string {
  const disposition = kindOfType(file.contentType) === "image" ? "inline" : "attachment";
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  // The RFC 5987 form only when the plain one lost something: its quotes trip some S3-compatible signers.
  const exact = ascii === file.name ? "" : `; filename*=UTF-8''${encodeURIComponent(file.name)}`;
  return `${disposition}; filename="${ascii}"${exact}`;
}

export const storageKey = (userId: string, fileId: string) => `users/${userId}/${fileId}`;

/**
 * Uploads by URL (presigned to S3, or signed on this server), checked when they complete; reading and deleting
 * files. Every check of a file's bytes happens here, on the server, never on what the client says.
 */
export function createFileService({
  store,
  blobs,
  access,
  signer,
  limits,
}: {
  store: Store;
  blobs: BlobStore;
  access: AccessPolicy;
  signer: UploadUrlSigner;
  limits: Config["files"];
}) {
  async function removeFile(file: FileRecord) {
    // Marked first: if the blob's removal fails, the sweep finds the row and tries again.
    await store.files.updateFile({ id: file.id, patch: { status: "deleted" } });
    await blobs.delete({ key: file.storageKey });
    await store.files.deleteFile({ id: file.id });
  }

  async function readBytes(file: FileRecord, range?: ByteRange): Promise<Uint8Array> {
    const stored = await blobs.get({ key: file.storageKey, range });
    if (!stored) throw new DomainError("conflict", "The upload disappeared; upload the file again.");
    return new Uint8Array(await buffer(stored.body));
  }

  async function refuse(file: FileRecord, error: DomainError): Promise<never> {
    await removeFile(file);
    throw error;
  }

  return {
    /** A pending file and the URL its bytes go to. Refuses, before anything is stored, what could never complete. */
    async createUpload({ principal, name, contentType, size }: CreateUploadBody & { principal: Principal }) {
      if (size > limits.maxUploadBytes) {
        throw new DomainError("upload_too_large", `Files may be at most ${limits.maxUploadBytes} bytes.`);
      }
      if (!kindOfType(contentType)) {
        throw new DomainError(
          "unsupported_media_type",
          `Files of type ${contentType} are not accepted: images (PNG, JPEG, WebP, GIF), PDF, and text are.`,
        );
      }
      const used = await store.files.sumFileBytesByUserId({ userId: principal.userId });
      if (used + size > limits.userQuotaBytes) {
        throw new DomainError(
          "storage_quota_exceeded",
          `This file would take your storage past ${limits.userQuotaBytes} bytes; delete some files first.`,
        );
      }
      const id = newId();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + limits.uploadUrlTtlSeconds * 1000);
      const file = await store.files.createFile({
        id,
        userId: principal.userId,
        conversationId: null,
        name,
        contentType,
        size,
        storageKey: storageKey(principal.userId, id),
        status: "pending",
        textContent: null,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
      const request = blobs.presign
        ? await blobs.presign.put({
            key: file.storageKey,
            contentType,
            size,
            expiresInSeconds: limits.uploadUrlTtlSeconds,
          })
        : { url: signer.url({ id, expiresAt }), headers: { "content-type": contentType } };
      const upload: Upload = { id, ...request, method: "PUT", expiresAt: expiresAt.toISOString() };
      return upload;
    },

    /** The bytes of a local upload, through its one-time signed URL: at most the declared size, and only once. */
    async receiveUpload({
      id,
      expires,
      signature,
      body,
    }: {
      id: string;
      expires: number;
      signature: string;
      body: Readable;
    }) {
      const verdict = signer.check({ id, expires, signature, now: new Date() });
      if (verdict === "forged") throw unauthorized("This upload URL is not valid.");
      const file = await store.files.findFileById({ id });
      if (verdict === "expired" || !file || file.status !== "pending" || (await blobs.head({ key: file.storageKey }))) {
        throw new DomainError("upload_expired", "This upload URL has expired or was used; ask for a new one.");
      }
      try {
        await blobs.put({ key: file.storageKey, body, contentType: file.contentType, maxBytes: file.size });
      } catch (error) {
        if (error instanceof BlobTooLargeError) {
          throw new DomainError("upload_too_large", `The upload declared ${file.size} bytes; it sent more.`);
        }
        throw error;
      }
    },

    /**
     * Checks the uploaded object against what the upload declared (it exists, its size, its type by its first
     * bytes), extracts the text a model will read, and makes the file ready. A mismatch removes it.
     */
    async completeUpload({ principal, id }: { principal: Principal; id: string }) {
      const file = await store.files.findFileById({ id });
      if (!file || file.userId !== principal.userId || file.status === "deleted") throw notFound("Upload");
      if (file.status === "ready") return file;
      const head = await blobs.head({ key: file.storageKey });
      if (!head) {
        throw new DomainError("conflict", "Nothing was uploaded yet: send the bytes to the upload URL first.");
      }
      if (head.size !== file.size) {
        return refuse(
          file,
          new DomainError("upload_mismatch", `The upload declared ${file.size} bytes but ${head.size} arrived.`),
        );
      }
      const sniffed = await sniffContentType({
        head: await readBytes(file, { start: 0, end: Math.min(SNIFF_BYTES, file.size) - 1 }),
        declared: file.contentType,
      });
      const declaredKind = kindOfType(file.contentType);
      const matches =
        sniffed &&
        sniffed.kind === declaredKind &&
        (sniffed.kind === "text" || sniffed.contentType === file.contentType);
      if (!sniffed || !matches) {
        return refuse(
          file,
          new DomainError(
            "unsupported_media_type",
            `The file is not the ${file.contentType} it was declared as${sniffed ? ` (it is ${sniffed.contentType})` : ""}.`,
          ),
        );
      }
      // Only text and PDFs are read whole (at most UPLOAD_MAX_BYTES, checked above), for the text a model reads.
      const textContent =
        sniffed.kind === "image"
          ? null
          : await extractFileText({ bytes: await readBytes(file), kind: sniffed.kind }).catch(() => {
              throw new DomainError("upload_mismatch", "The PDF could not be read.");
            });
      const ready = await store.files.updateFile({
        id,
        patch: { status: "ready", contentType: sniffed.contentType, textContent, expiresAt: null },
      });
      if (!ready) throw notFound("Upload");
      return ready;
    },

    /**
     * How to serve a file: a short-lived presigned URL to redirect to (S3), or its bytes (local disk), a range of
     * them when asked.
     */
    async openFile({
      principal,
      id,
      rangeOf,
    }: {
      principal: Principal;
      id: string;
      /** The bytes asked for, given the file's size (HTTP's `Range`); undefined for all of them. */
      rangeOf?: (size: number) => ByteRange | undefined;
    }) {
      const file = await access.requireFileAccess({ principal, action: "file.read", fileId: id });
      if (blobs.presign) {
        const redirect = await blobs.presign.get({
          key: file.storageKey,
          expiresInSeconds: DOWNLOAD_URL_TTL_SECONDS,
          contentType: file.contentType,
          contentDisposition: contentDisposition(file),
        });
        return { file, redirect } as const;
      }
      const range = rangeOf?.(file.size);
      const stored = await blobs.get({ key: file.storageKey, range });
      if (!stored) throw notFound("File");
      return { file, body: stored.body, range } as const;
    },

    async deleteFile({ principal, id }: { principal: Principal; id: string }) {
      await removeFile(await access.requireFileAccess({ principal, action: "file.delete", fileId: id }));
    },
  };
}
export type FileService = ReturnType<typeof createFileService>;
