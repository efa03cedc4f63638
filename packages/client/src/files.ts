import { type FileInfo, UPLOAD_MEDIA_TYPES, type Upload } from "@slipstream/protocol";
import type { createTransport } from "./transport.ts";

type Transport = ReturnType<typeof createTransport>;

/** Types by extension, for the files browsers give no type (Markdown) or a wrong one (`.ts` as video). */
const TYPE_BY_EXTENSION: Record<string, string> = {
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  json: "application/json",
  txt: "text/plain",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
};

/**
 * The type to declare for a file: its own when the server takes it, else by extension, else plain text (source
 * code of every kind). The server reads the bytes and refuses what is not text after all.
 */
export function uploadTypeOf(file: { name: string; type: string }): string {
  const own = file.type.split(";")[0]?.trim().toLowerCase() ?? "";
  if ((UPLOAD_MEDIA_TYPES as readonly string[]).includes(own)) return own;
  const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
  return TYPE_BY_EXTENSION[extension] ?? "text/plain";
}

/** Uploads a file the way the API takes them: ask for a URL, send the bytes straight to it, complete. */
export async function uploadFile(transport: Transport, file: Blob & { name: string }): Promise<FileInfo> {
  const json = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await transport.raw(path, {
      method: "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await transport.failure(response);
    return (await response.json()) as T;
  };
  const { upload } = await json<{ upload: Upload }>("/api/uploads", {
    name: file.name,
    contentType: uploadTypeOf(file),
    size: file.size,
  });
  // Not through the transport: an S3 URL is another origin, and must not get this server's cookie.
  const sent = await fetch(new URL(upload.url, transport.baseUrl), {
    method: upload.method,
    headers: upload.headers,
    body: file,
    credentials: "omit",
  });
  if (!sent.ok) throw await transport.failure(sent);
  return (await json<{ file: FileInfo }>(`/api/uploads/${encodeURIComponent(upload.id)}/complete`)).file;
}
