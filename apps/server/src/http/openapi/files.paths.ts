import { createUploadBodySchema, createUploadResponseSchema, fileResponseSchema } from "@slipstream/protocol";
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { errorResponses, idParams, jsonContent, jsonResponse } from "./responses.ts";

export const filePaths: ZodOpenApiPathsObject = {
  "/api/uploads": {
    post: {
      tags: ["files"],
      summary: "Ask for an upload URL",
      description:
        "Declares a file (name, type, size) and answers where to `PUT` its bytes, with the headers to send as they " +
        "are: a presigned S3 URL when `STORAGE=s3`, else a one-time signed URL on this server. Then complete it. " +
        "Accepted types: PNG, JPEG, WebP, GIF, PDF, plain text, Markdown, CSV, JSON and source code; never HTML or SVG.",
      requestBody: { required: true, content: jsonContent(createUploadBodySchema) },
      responses: {
        "201": jsonResponse("Where to send the bytes, until `expiresAt`.", createUploadResponseSchema),
        ...errorResponses({
          causes: ["body", "session"],
          more: {
            413:
              "`upload_too_large`: larger than `UPLOAD_MAX_BYTES`; `storage_quota_exceeded`: it would take you past " +
              "`USER_STORAGE_QUOTA_BYTES` (uploads in progress count).",
            415: "`unsupported_media_type`: a type outside the list above.",
          },
        }),
      },
    },
  },
  "/api/uploads/{id}/content": {
    put: {
      tags: ["files"],
      summary: "Send an upload's bytes (local storage)",
      description:
        "The URL `POST /api/uploads` answered with; its `expires` and `signature` authenticate it, not a session. " +
        "It takes at most the declared size, once.",
      security: [],
      requestParams: {
        path: idParams("upload"),
        query: z.object({ expires: z.string(), signature: z.string() }),
      },
      requestBody: {
        required: true,
        content: { "application/octet-stream": { schema: z.string().meta({ format: "binary" }) } },
      },
      responses: {
        "204": { description: "Stored; now complete the upload." },
        ...errorResponses({
          causes: ["params"],
          more: {
            401: "`unauthorized`: the signature is not valid.",
            410: "`upload_expired`: the URL expired, or was used already.",
            413: "`upload_too_large`: more bytes than the upload declared.",
          },
        }),
      },
    },
  },
  "/api/uploads/{id}/complete": {
    post: {
      tags: ["files"],
      summary: "Complete an upload",
      description:
        "Checks that the bytes arrived, that their size is the declared one and that their type, read from the " +
        "bytes themselves, is the declared one (a `.png` that is HTML is refused and removed); extracts the text " +
        "of a PDF or text file for models. Completing a completed upload answers the file again.",
      requestParams: { path: idParams("upload") },
      responses: {
        "201": jsonResponse("The file.", fileResponseSchema),
        ...errorResponses({
          causes: ["params", "session", "notFound"],
          more: {
            409: "`conflict`: nothing was uploaded yet.",
            415: "`unsupported_media_type`: the bytes are not of the declared type; the upload is removed.",
            422: "`upload_mismatch`: the size differs from the declared one, or the PDF cannot be read.",
          },
        }),
      },
    },
  },
  "/api/files/{id}": {
    get: {
      tags: ["files"],
      summary: "Read a file",
      description:
        "For its owner and whoever may read its conversation. On local storage, the bytes (with `Range` support); " +
        "on S3, a 302 to a presigned GET valid for 5 minutes. Always `X-Content-Type-Options: nosniff`; images " +
        "`inline`, everything else `Content-Disposition: attachment`.",
      requestParams: { path: idParams("file") },
      responses: {
        "200": {
          description: "The file's bytes.",
          content: { "application/octet-stream": { schema: z.string().meta({ format: "binary" }) } },
        },
        "206": { description: "The asked range of the file's bytes, with `Content-Range`." },
        "302": { description: "S3 storage: go to `Location`, a short-lived presigned URL." },
        ...errorResponses({
          causes: ["params", "session", "notFound"],
          more: { 416: "`range_not_satisfiable`: the range starts past the end of the file." },
        }),
      },
    },
    delete: {
      tags: ["files"],
      summary: "Delete a file",
      description: "Its owner only; the bytes are removed from storage too.",
      requestParams: { path: idParams("file") },
      responses: {
        "204": { description: "Deleted." },
        ...errorResponses({ causes: ["params", "session", "notFound"] }),
      },
    },
  },
};
