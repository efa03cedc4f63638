import { IMAGE_MEDIA_TYPES, TEXT_MEDIA_TYPES, UPLOAD_MEDIA_TYPES } from "@slipstream/protocol";
import { fileTypeFromBuffer } from "file-type";

export type FileKind = "image" | "pdf" | "text";

/** Enough of a file's start for every signature `file-type` knows, and to tell text from binary. */
export const SNIFF_BYTES = 4100;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => list.includes(value as T);

/** What a declared type promises, or undefined when uploads of that type are refused. */
export function kindOfType(contentType: string): FileKind | undefined {
  if (!isOneOf(UPLOAD_MEDIA_TYPES, contentType)) return undefined;
  if (isOneOf(IMAGE_MEDIA_TYPES, contentType)) return "image";
  return contentType === "application/pdf" ? "pdf" : "text";
}

/** UTF-8 without NUL bytes; a multi-byte character cut off at the end of the sample is fine. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file by its first bytes, never by its name or the type a client claims: a PNG is a PNG by its
 * signature. Text is kept under the declared text type (the bytes cannot tell CSV from Markdown), and becomes
 * `text/plain` otherwise. Undefined for anything outside the allowlist (archives, executables, …).
 */
export async function sniffContentType({
  head,
  declared,
}: {
  head: Uint8Array;
  declared: string;
}): Promise<{ contentType: string; kind: FileKind } | undefined> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    if (isOneOf(IMAGE_MEDIA_TYPES, detected.mime)) return { contentType: detected.mime, kind: "image" };
    if (detected.mime === "application/pdf") return { contentType: detected.mime, kind: "pdf" };
    return undefined;
  }
  if (!looksLikeText(head)) return undefined;
  return { contentType: isOneOf(TEXT_MEDIA_TYPES, declared) ? declared : "text/plain", kind: "text" };
}
