import type { Readable } from "node:stream";

/** A stored object's metadata. */
export type BlobInfo = { size: number; contentType: string };

/** Inclusive byte offsets, as HTTP's `Range: bytes=start-end` gives them. */
export type ByteRange = { start: number; end: number };

/** A presigned request a client makes itself, straight to the storage service. */
export type PresignedRequest = { url: string; headers: Record<string, string> };

/**
 * Object storage: the bytes of files, keyed by opaque strings. Writes and reads are streams, so a file at the size
 * limit never sits whole in memory.
 */
export interface BlobStore {
  readonly kind: "local" | "s3";
  /**
   * Stores `body` under `key`, replacing what was there. With `maxBytes`, a body longer than that is refused with
   * BlobTooLargeError and nothing is kept.
   */
  put(input: { key: string; body: Readable | Uint8Array; contentType: string; maxBytes?: number }): Promise<BlobInfo>;
  /** The object's bytes (or `range` of them), or undefined when there is none. */
  get(input: { key: string; range?: ByteRange }): Promise<(BlobInfo & { body: Readable }) | undefined>;
  head(input: { key: string }): Promise<BlobInfo | undefined>;
  /** Removes the object; removing a missing one is not an error. */
  delete(input: { key: string }): Promise<void>;
  /**
   * Storage that clients reach directly (S3) signs requests for them; storage that only this server reaches
   * (local disk) has no `presign`, and the server serves and receives the bytes itself.
   */
  readonly presign?: {
    put(input: { key: string; contentType: string; size: number; expiresInSeconds: number }): Promise<PresignedRequest>;
    get(input: {
      key: string;
      expiresInSeconds: number;
      contentType: string;
      contentDisposition: string;
    }): Promise<string>;
  };
  close(): Promise<void>;
}

/** A body longer than the `maxBytes` it was put with. */
export class BlobTooLargeError extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The body is longer than ${maxBytes} bytes.`);
    this.name = "BlobTooLargeError";
    this.maxBytes = maxBytes;
  }
}
