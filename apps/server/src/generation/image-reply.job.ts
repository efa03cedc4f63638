import type { MessagePart, MessageUsage, StreamPart } from "@slipstream/protocol";
import { type GeneratedFile, generateImage, type ImageModelUsage } from "ai";
import type { Logger } from "pino";
import { z } from "zod";
import type { BlobStore } from "../blobs/index.ts";
import type { Bus } from "../bus/index.ts";
import { filePart } from "../chat/file-parts.ts";
import { textParts } from "../chat/message-parts.ts";
import { conversationEvents } from "../events/conversation-events.ts";
import type { Outbox } from "../events/outbox.ts";
import { storeGeneratedFile } from "../files/generated-files.ts";
import { defineJob } from "../jobs/index.ts";
import { DEMO_IMAGE_MODEL_ID } from "../providers/catalogue.ts";
import { DEMO_IMAGE_NOTICE } from "../providers/demo-image-model.ts";
import type { ModelRegistry, ModelViewer } from "../providers/index.ts";
import { describeProviderError } from "../providers/provider-errors.ts";
import type { FileRecord, MessageRecord, MessageStatus, Store } from "../store/index.ts";
import type { StreamLog } from "../streams/index.ts";
import { startCheckpoints } from "./checkpoints.ts";
import type { UsageMeter } from "./usage-meter.ts";

export const imageReplyPayloadSchema = z.object({
  replyId: z.string(),
  /** Who sent the prompt: their own keys serve the generation, and its usage is theirs. */
  userId: z.string(),
  role: z.enum(["admin", "user"]),
});
export type ImageReplyPayload = z.infer<typeof imageReplyPayloadSchema>;

const TEXT_ID = "notice";

type Outcome =
  | { kind: "image"; image: GeneratedFile; usage: ImageModelUsage; prompt: string }
  | { kind: "aborted" }
  | { kind: "error"; errorText: string };

/** The reply's parts and text once its image is stored: the demo says what it is first. */
function finishedParts(modelId: string, file: FileRecord): { parts: MessagePart[]; content: string } {
  const notice = modelId === DEMO_IMAGE_MODEL_ID ? DEMO_IMAGE_NOTICE : "";
  // The text stands for the image when the branch goes on with a chat model, which is sent each message's text.
  return { parts: [...textParts(notice), filePart(file)], content: notice || `(An image made by ${modelId}.)` };
}

/**
 * Makes the image a reply to an image model stands for, as a durable job the send enqueued: the image is stored as a
 * file of the conversation, the reply's stream ends with its `file` part, and the reply is saved with it. A provider's
 * refusal ends the reply as an error with the provider's reason; only failures to save retry.
 */
export function createImageReplyJob({
  store,
  outbox,
  streams,
  bus,
  models,
  blobs,
  meter,
  logger,
  idleTimeoutMs,
  checkpointIntervalMs,
  leaseMs,
}: {
  store: Store;
  outbox: Outbox;
  streams: StreamLog;
  bus: Bus;
  models: ModelRegistry;
  blobs: BlobStore;
  meter?: UsageMeter;
  logger: Logger;
  idleTimeoutMs: number;
  checkpointIntervalMs: number;
  /** A reply not written for this long is taken for lost: the job touches it three times per lease. */
  leaseMs: number;
}) {
  const append = (streamId: string, part: StreamPart) =>
    streams.append({ streamId, part }).catch((error: unknown) => {
      logger.error({ err: error, streamId }, "stream log write failed; the reply will still be saved");
    });

  async function generate(
    reply: MessageRecord & { model: string },
    viewer: ModelViewer,
    signal: AbortSignal,
  ): Promise<Outcome> {
    const prompt = reply.parentId ? (await store.messages.findMessageById({ id: reply.parentId }))?.content : "";
    try {
      const resolved = await models.resolveModel(reply.model, viewer);
      if (resolved.kind !== "image") throw new Error(`${reply.model} is not an image model.`);
      const result = await generateImage({
        model: resolved.model,
        prompt: prompt ?? "",
        n: 1,
        maxRetries: 1,
        abortSignal: signal,
      });
      return { kind: "image", image: result.image, usage: result.usage, prompt: prompt ?? "" };
    } catch (error) {
      if (signal.aborted) return { kind: "aborted" };
      logger.warn({ err: error, messageId: reply.id }, "image provider error");
      return { kind: "error", errorText: describeProviderError(error, { idleTimeoutMs }) };
    }
  }

  async function save(
    reply: MessageRecord,
    {
      patch,
      file,
      viewer,
    }: {
      patch: Pick<MessageRecord, "content" | "parts" | "status" | "error" | "usage">;
      file?: FileRecord;
      viewer: ModelViewer;
    },
  ) {
    const saved = await outbox.transaction(async (tx, record) => {
      const updated = await tx.messages.updateMessage({
        id: reply.id,
        patch: { ...patch, updatedAt: new Date().toISOString() },
      });
      // Deleted with its conversation while it was drawn: the image has nowhere to belong.
      if (file && updated) await tx.files.createFile(file);
      if (meter && patch.usage && reply.model) {
        await meter.record(tx, {
          userId: viewer.userId,
          modelId: reply.model,
          usage: patch.usage,
          source: "chat",
          messageId: updated ? reply.id : null,
        });
      }
      if (updated) {
        await record({ conversationId: updated.conversationId, event: conversationEvents.messageUpdated(updated) });
      }
      return updated !== undefined;
    });
    if (file && !saved) await blobs.delete({ key: file.storageKey });
    if (meter && patch.usage) await meter.charge({ userId: viewer.userId, usage: patch.usage });
  }

  return defineJob({
    name: "message.image",
    schema: imageReplyPayloadSchema,
    options: { retryLimit: 2 },
    async perform({ replyId, userId, role }, { signal }) {
      const reply = await store.messages.findMessageById({ id: replyId });
      // Cancelled, swept or deleted before its turn came: there is nothing left to make.
      if (reply?.status !== "streaming" || !reply.streamId || !reply.model) return;
      const conversation = await store.conversations.findConversationById({ id: reply.conversationId });
      if (!conversation) return;
      const { streamId } = reply;
      const viewer: ModelViewer = { userId, role };
      const controller = new AbortController();
      const abort = () => controller.abort();
      signal.addEventListener("abort", abort, { once: true });
      const stopCancels = bus.subscribe("stream.cancel", (event) => {
        if (event.streamId === streamId) abort();
      });
      const heartbeat = startCheckpoints({
        intervalMs: checkpointIntervalMs,
        heartbeatMs: leaseMs / 3,
        read: () => "",
        save: () => store.messages.updateMessage({ id: reply.id, patch: { updatedAt: new Date().toISOString() } }),
        onError: (error) => logger.error({ err: error, streamId }, "image reply heartbeat failed"),
      });
      let outcome: Outcome;
      try {
        outcome = await generate({ ...reply, model: reply.model }, viewer, controller.signal);
      } finally {
        stopCancels();
        signal.removeEventListener("abort", abort);
        await heartbeat.stop();
      }
      // The queue stopping (a shutdown) leaves the reply to the next attempt, as a crash would.
      if (signal.aborted) throw new Error("The job stopped before the image was made.");

      if (outcome.kind !== "image") {
        const status: MessageStatus = outcome.kind === "aborted" ? "cancelled" : "error";
        const errorText = outcome.kind === "error" ? outcome.errorText : null;
        await append(streamId, errorText ? { type: "error", errorText } : { type: "abort" });
        await save(reply, {
          patch: { content: "", parts: [], status, error: errorText, usage: null },
          viewer,
        });
        await streams.end({ streamId });
        return;
      }

      const { image, usage: reported, prompt } = outcome;
      const file = await storeGeneratedFile({
        blobs,
        ownerId: conversation.userId,
        conversationId: conversation.id,
        bytes: image.uint8Array,
        mediaType: image.mediaType,
      });
      const { parts, content } = finishedParts(reply.model, file);
      const usage: MessageUsage | null = meter
        ? await meter.measure({ modelId: reply.model, reported, prompt: () => prompt, output: "" })
        : null;
      await save(reply, { patch: { content, parts, status: "complete", error: null, usage }, file, viewer });
      if (parts[0]?.type === "text") {
        await append(streamId, { type: "text-start", id: TEXT_ID });
        await append(streamId, { type: "text-delta", id: TEXT_ID, delta: content });
        await append(streamId, { type: "text-end", id: TEXT_ID });
      }
      await append(streamId, { type: "file", mediaType: file.contentType, url: `/api/files/${file.id}` });
      await append(streamId, { type: "finish", finishReason: "stop" });
      await streams.end({ streamId });
    },
  });
}
export type ImageReplyJob = ReturnType<typeof createImageReplyJob>;
