import type { Attachment, MessagePart } from "@slipstream/protocol";

/** Where the id and size of a stored file ride in a UI `file` part (the AI SDK's own place for extra data). */
type FilePartMetadata = { slipstream: { fileId: string; size: number } };

/** A stored file as a message's `file` part: its URL on this server, and its id for the model request. */
export function filePart(file: { id: string; name: string; contentType: string; size: number }): MessagePart {
  const providerMetadata: FilePartMetadata = { slipstream: { fileId: file.id, size: file.size } };
  return {
    type: "file",
    mediaType: file.contentType,
    filename: file.name,
    url: `/api/files/${file.id}`,
    providerMetadata,
  };
}

/** The stored file a part refers to, if it is the `file` part of one. */
export function fileOfPart(part: MessagePart): Attachment | undefined {
  if (part.type !== "file") return undefined;
  const metadata = (part as { providerMetadata?: Partial<FilePartMetadata> }).providerMetadata?.slipstream;
  if (!metadata || typeof metadata.fileId !== "string") return undefined;
  const { mediaType, filename } = part as { mediaType: string; filename?: string };
  return { id: metadata.fileId, name: filename ?? "file", contentType: mediaType, size: metadata.size };
}

/** The files a message carries, in order. */
export const attachmentsOf = (parts: readonly MessagePart[]): Attachment[] =>
  parts.flatMap((part) => fileOfPart(part) ?? []);
