import { text } from "node:stream/consumers";
import { z } from "zod";
import type { BlobStore } from "../blobs/index.ts";
import { modelToContinueWith, writeConversationCopy } from "../chat/conversation-copies.ts";
import type { Outbox } from "../events/outbox.ts";
import { defineJob } from "../jobs/index.ts";
import type { ModelRegistry } from "../providers/index.ts";
import type { ImportRecord, Store } from "../store/index.ts";
import { importPayloadSchema } from "./imported-conversation.ts";

const RETRY_LIMIT = 2;

function parsePayload(body: string) {
  try {
    return importPayloadSchema.safeParse(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/** A failure no retry mends: the import ends with it as its error. */
class ImportFailed extends Error {}

/**
 * Writes an import's conversations, one transaction each with its progress, so that a retried job goes on after
 * the last one written and never writes one twice. The payload blob is removed once the job ends, either way.
 */
export function createImportConversationsJob({
  store,
  outbox,
  blobs,
  models,
}: {
  store: Store;
  outbox: Outbox;
  blobs: BlobStore;
  models: ModelRegistry;
}) {
  async function readPayload(record: ImportRecord) {
    const stored = await blobs.get({ key: record.payloadKey });
    if (!stored) throw new ImportFailed("The uploaded file is no longer stored; import it again.");
    const parsed = parsePayload(await text(stored.body));
    if (!parsed?.success) throw new ImportFailed("The stored import could not be read; import it again.");
    return parsed.data.conversations;
  }

  async function finish(record: ImportRecord, error: string | null) {
    await store.imports.updateImport({
      id: record.id,
      patch: { status: error === null ? "complete" : "error", error, updatedAt: new Date().toISOString() },
    });
    await blobs.delete({ key: record.payloadKey });
  }

  async function writeAll(record: ImportRecord, signal: AbortSignal) {
    const user = await store.users.findUserById({ id: record.userId });
    if (!user) return;
    const viewer = { userId: user.id, role: user.role };
    const conversations = await readPayload(record);
    for (let index = record.done; index < conversations.length; index += 1) {
      signal.throwIfAborted();
      const conversation = conversations[index] as (typeof conversations)[number];
      const model = await modelToContinueWith(models, conversation.model, viewer);
      await outbox.transaction(async (tx, recordEvent) => {
        const advanced = await tx.imports.advanceImport({
          id: record.id,
          from: index,
          updatedAt: new Date().toISOString(),
        });
        if (!advanced) return;
        const written = await writeConversationCopy({
          tx,
          record: recordEvent,
          userId: user.id,
          copy: { ...conversation, model },
        });
        await tx.imports.updateImport({
          id: record.id,
          patch: { conversationIds: [...advanced.conversationIds, written.id] },
        });
      });
    }
  }

  return defineJob({
    name: "conversations.import",
    schema: z.object({ importId: z.string() }),
    options: { retryLimit: RETRY_LIMIT },
    async perform({ importId }, { signal, attempt }) {
      const record = await store.imports.findImportById({ id: importId });
      if (!record || record.status === "complete" || record.status === "error") return;
      try {
        await writeAll(record, signal);
      } catch (error) {
        if (error instanceof ImportFailed) return finish(record, error.message);
        if (attempt > RETRY_LIMIT)
          await finish(record, "The import failed; the conversations written so far are kept.");
        throw error;
      }
      await finish(record, null);
    },
  });
}
export type ImportConversationsJob = ReturnType<typeof createImportConversationsJob>;
