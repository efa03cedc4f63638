import { buffer } from "node:stream/consumers";
import type { MessagePart } from "@slipstream/protocol";
import type { FilePart, ImagePart, TextPart } from "ai";
import type { BlobStore } from "../blobs/index.ts";
import { fileOfPart } from "../chat/file-parts.ts";
import { notFound } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import type { FileRecord, Store } from "../store/index.ts";
import { fitImageForModel } from "./fit-image.ts";
import { kindOfType } from "./sniff.ts";

/** The most of one file's text a model is sent (about 25k tokens); the rest is left out, and the model told so. */
export const MAX_MODEL_TEXT_CHARS = 100_000;

export type ModelFilePart = TextPart | ImagePart | FilePart;

/** A file's text as the model reads it: named, fenced, and cut with a note when it is too long. */
export function fileTextForModel(file: Pick<FileRecord, "name" | "textContent">): string {
  const text = file.textContent ?? "";
  const shown = text.slice(0, MAX_MODEL_TEXT_CHARS);
  const cut =
    text.length > shown.length
      ? `\n[The file is ${text.length} characters long; only the first ${MAX_MODEL_TEXT_CHARS} are included.]`
      : "";
  const empty = text.trim() === "" ? "[This file has no text that could be extracted.]" : shown;
  return `<file name="${file.name}">\n${empty}${cut}\n</file>`;
}

/**
 * Files on messages: checking that a sender may attach them, and turning each `file` part into what a model reads:
 * an image part for images (resized when larger than providers take), the extracted text for PDFs and text files.
 */
export function createAttachments({ store, blobs }: { store: Pick<Store, "files">; blobs: BlobStore }) {
  return {
    /** The sender's own ready files, in the order given; any other id is a 404, before anything is written. */
    async requireOwnFiles({ principal, ids }: { principal: Principal; ids: readonly string[] }) {
      const files: FileRecord[] = [];
      for (const id of new Set(ids)) {
        const file = await store.files.findFileById({ id });
        if (file?.status !== "ready" || file.userId !== principal.userId) throw notFound(`File ${id}`);
        files.push(file);
      }
      return files;
    },

    /**
     * What the model is sent for one part of a message: nothing for parts that are not stored files, and for an
     * image a model cannot see, a note naming it (so the model can say it has not seen it rather than pretend).
     */
    async toModelParts(part: MessagePart, { seesImages }: { seesImages: boolean }): Promise<ModelFilePart[]> {
      const attachment = fileOfPart(part);
      if (!attachment) return [];
      const file = await store.files.findFileById({ id: attachment.id });
      if (file?.status !== "ready") {
        return [{ type: "text", text: `<file name="${attachment.name}">[This file was deleted.]</file>` }];
      }
      if (kindOfType(file.contentType) !== "image") return [{ type: "text", text: fileTextForModel(file) }];
      if (!seesImages) return [{ type: "text", text: `[image: ${file.name} — this model cannot see images]` }];
      const stored = await blobs.get({ key: file.storageKey });
      if (!stored) return [{ type: "text", text: `<file name="${file.name}">[This file was deleted.]</file>` }];
      const fitted = await fitImageForModel({
        bytes: new Uint8Array(await buffer(stored.body)),
        mediaType: file.contentType,
      });
      return [{ type: "image", image: fitted.bytes, mediaType: fitted.mediaType }];
    },
  };
}
export type Attachments = ReturnType<typeof createAttachments>;
