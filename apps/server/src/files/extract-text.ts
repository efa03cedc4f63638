import { extractText } from "unpdf";
import type { FileKind } from "./sniff.ts";

/** Text kept of one file; a model is sent at most its own share of it (see attachment-parts.ts). */
export const MAX_STORED_TEXT_CHARS = 1_000_000;

/** What a model reads of a PDF (its text layer, pages in order) or a text file; null for images. */
export async function extractFileText({ bytes, kind }: { bytes: Uint8Array; kind: FileKind }): Promise<string | null> {
  if (kind === "image") return null;
  const text =
    kind === "pdf"
      ? (await extractText(new Uint8Array(bytes), { mergePages: true })).text
      : new TextDecoder("utf-8").decode(bytes);
  return text.slice(0, MAX_STORED_TEXT_CHARS);
}
