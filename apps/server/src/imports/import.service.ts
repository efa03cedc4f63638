import type { ChatGptConversation, ConversationExport, Import } from "@slipstream/protocol";
import type { BlobStore } from "../blobs/index.ts";
import { notFound } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { JobQueue, StoreKysely } from "../jobs/index.ts";
import type { ImportRecord, Store } from "../store/index.ts";
import { fromChatGpt } from "./chatgpt-conversations.ts";
import type { ImportConversationsJob } from "./import-conversations.job.ts";
import type { ImportPayload } from "./imported-conversation.ts";
import { fromSlipstreamExport } from "./slipstream-export.ts";

/** What an import reads, its format told apart at the edge. */
export type ImportSource =
  | { format: "slipstream"; body: ConversationExport }
  | { format: "chatgpt"; body: ChatGptConversation[] };

export function presentImport({
  id,
  status,
  total,
  done,
  conversationIds,
  error,
  createdAt,
  updatedAt,
}: ImportRecord): Import {
  return { id, status, total, done, conversationIds, error, createdAt, updatedAt };
}

/**
 * Imports of other histories: the conversations are read into one form, kept in the blob store, and written by a
 * job that the import's record is created with, so that a big file neither holds up the request nor is lost.
 */
export function createImportService({
  store,
  blobs,
  jobs,
  job,
}: {
  store: Store;
  blobs: BlobStore;
  jobs: JobQueue;
  job: ImportConversationsJob;
}) {
  return {
    async startImport({ principal, source }: { principal: Principal; source: ImportSource }): Promise<Import> {
      const payload: ImportPayload = {
        conversations:
          source.format === "slipstream" ? fromSlipstreamExport(source.body) : source.body.map(fromChatGpt),
      };
      const id = newId();
      const payloadKey = `imports/${id}.json`;
      const now = new Date().toISOString();
      await blobs.put({ key: payloadKey, body: Buffer.from(JSON.stringify(payload)), contentType: "application/json" });
      try {
        const record = await store.transaction(async (tx) => {
          const created = await tx.imports.createImport({
            id,
            userId: principal.userId,
            status: "queued",
            total: payload.conversations.length,
            done: 0,
            conversationIds: [],
            error: null,
            payloadKey,
            createdAt: now,
            updatedAt: now,
          });
          await jobs.enqueue(job, { importId: id }, { tx: tx.handle as StoreKysely });
          return created;
        });
        return presentImport(record);
      } catch (error) {
        await blobs.delete({ key: payloadKey });
        throw error;
      }
    },

    /** An import's progress, to the user who started it; to anyone else it does not exist. */
    async getImport({ principal, id }: { principal: Principal; id: string }): Promise<Import> {
      const record = await store.imports.findImportById({ id });
      if (!record || record.userId !== principal.userId) throw notFound("Import");
      return presentImport(record);
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
