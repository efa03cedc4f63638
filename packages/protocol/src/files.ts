import { z } from "zod";
import { idSchema, timestampSchema } from "./common.ts";

/** The default largest upload (`UPLOAD_MAX_BYTES`). */
export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** Images a browser shows inline and vision models read. */
export const IMAGE_MEDIA_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;

/**
 * Text a model reads as text: plain text, Markdown, CSV, JSON and source code. Anything a browser would run or
 * render (HTML, SVG, XML) is not among them, whatever name it comes under.
 */
export const TEXT_MEDIA_TYPES = [
  "text/plain",
  "text/markdown",
  "text/csv",
  "application/json",
  "text/javascript",
  "application/javascript",
  "application/typescript",
  "text/x-typescript",
  "text/x-python",
  "text/x-java-source",
  "text/x-c",
  "text/x-c++",
  "text/x-go",
  "text/x-rust",
  "text/x-ruby",
  "text/x-php",
  "text/x-shellscript",
  "application/x-sh",
  "text/x-sql",
  "application/yaml",
  "text/yaml",
  "application/toml",
  "text/css",
] as const;

export const UPLOAD_MEDIA_TYPES = [...IMAGE_MEDIA_TYPES, "application/pdf", ...TEXT_MEDIA_TYPES] as const;

const fileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine(
    (name) => ![...name].some((char) => char.charCodeAt(0) < 0x20 || char === "/" || char === "\\"),
    "must not contain slashes or control characters",
  );

/** Asks for an upload URL; the bytes then go straight to it, and `POST /api/uploads/:id/complete` checks them. */
export const createUploadBodySchema = z.object({
  name: fileNameSchema,
  contentType: z
    .string()
    .trim()
    .toLowerCase()
    .transform((type) => type.split(";")[0]?.trim() ?? type)
    .pipe(z.string().min(1).max(100)),
  size: z.number().int().min(1),
});
export type CreateUploadBody = z.infer<typeof createUploadBodySchema>;

export const uploadSchema = z.object({
  id: idSchema,
  /** Where to send the bytes: a presigned S3 URL, or a one-time signed URL on this server. */
  url: z.string(),
  method: z.literal("PUT"),
  /** Headers the request must carry as they are (the URL's signature covers them). */
  headers: z.record(z.string(), z.string()),
  expiresAt: timestampSchema,
});
export type Upload = z.infer<typeof uploadSchema>;
export const createUploadResponseSchema = z.object({ upload: uploadSchema });

/** A file as a message lists it. */
export const attachmentSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The type found in the bytes, not the one the client named. */
  contentType: z.string(),
  size: z.number().int(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const fileSchema = attachmentSchema.extend({
  /** Where to read it: `/api/files/:id`. */
  url: z.string(),
  createdAt: timestampSchema,
});
export type FileInfo = z.infer<typeof fileSchema>;
export const fileResponseSchema = z.object({ file: fileSchema });

/** The most files one message may carry. */
export const MAX_ATTACHMENTS = 10;
