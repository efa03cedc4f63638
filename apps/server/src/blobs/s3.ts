import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3StorageConfig } from "../config.ts";
import { limitBytes } from "./byte-limit.ts";
import type { BlobStore } from "./types.ts";

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 404 || error.name === "NotFound" || error.name === "NoSuchKey");

/**
 * Blobs in an S3 bucket (AWS, MinIO, R2, …). Puts stream as a multipart upload, so the length need not be known
 * and memory stays at a few parts; clients upload and download by presigned URLs.
 */
export function createS3BlobStore(settings: Omit<S3StorageConfig, "kind">): BlobStore {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    // Otherwise the SDK signs a CRC32 of the empty body into presigned PUTs, which S3 checks against the upload.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
  });
  const Bucket = settings.bucket;

  return {
    kind: "s3",
    async put({ key, body, contentType, maxBytes }) {
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: limitBytes(body, maxBytes), ContentType: contentType },
      });
      await upload.done();
      const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return { size: head.ContentLength ?? 0, contentType };
    },
    async get({ key, range }) {
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
        );
        // With a range, ContentLength is the range's; the whole object's size is after the slash of Content-Range.
        const total = object.ContentRange ? Number(object.ContentRange.split("/")[1]) : object.ContentLength;
        return {
          size: total ?? 0,
          contentType: object.ContentType ?? "application/octet-stream",
          body: object.Body as Readable,
        };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async head({ key }) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async delete({ key }) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    presign: {
      async put({ key, contentType, size, expiresInSeconds }) {
        const command = new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: size });
        const url = await getSignedUrl(client, command, {
          expiresIn: expiresInSeconds,
          signableHeaders: new Set(["content-type"]),
        });
        return { url, headers: { "content-type": contentType } };
      },
      get: ({ key, expiresInSeconds, contentType, contentDisposition }) =>
        getSignedUrl(
          client,
          new GetObjectCommand({
            Bucket,
            Key: key,
            ResponseContentType: contentType,
            ResponseContentDisposition: contentDisposition,
          }),
          { expiresIn: expiresInSeconds },
        ),
    },
    async close() {
      client.destroy();
    },
  };
}
