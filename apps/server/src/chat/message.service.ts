import type { ImageProgressPart, SendMessageBody, StreamEvent } from "@slipstream/protocol";
import type { AccessPolicy } from "../access/access.ts";
import type { Bus } from "../bus/index.ts";
import { badRequest, conflict, DomainError, notFound, StreamGoneError, serviceUnavailable } from "../errors.ts";
import { conversationEvents } from "../events/conversation-events.ts";
import type { Outbox } from "../events/outbox.ts";
import type { Attachments } from "../files/attachment-parts.ts";
import { kindOfType } from "../files/sniff.ts";
import type { GenerationLimits } from "../generation/generation-limits.ts";
import type { ImageReplyJob } from "../generation/image-reply.job.ts";
import type { Turn, TurnRunner } from "../generation/turn-runner.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { JobQueue, StoreKysely } from "../jobs/index.ts";
import type { ModelRegistry, ResolvedModel } from "../providers/index.ts";
import type { ConversationRecord, FileRecord, MessageRecord, Store, StoreTransaction } from "../store/index.ts";
import type { StreamLog } from "../streams/index.ts";
import { watchAccessLoss } from "./access-loss.ts";
import type { ConversationTitleJob } from "./conversation-title.job.ts";
import { attachmentsOf, filePart } from "./file-parts.ts";
import { textParts } from "./message-parts.ts";
import { DEFAULT_TITLE, titleFromMessage } from "./titles.ts";

type Send = SendMessageBody & { principal: Principal; conversationId: string };

const isImage = (file: { contentType: string }) => kindOfType(file.contentType) === "image";
const holdsImage = (message: MessageRecord) => attachmentsOf(message.parts).some(isImage);

const STREAM_UNAVAILABLE = "Streaming is unavailable right now, so no reply was started. Try again shortly.";
const IMAGE_PROGRESS: ImageProgressPart = {
  type: "data-image-progress",
  id: "progress",
  data: { message: "Generating image…" },
};
const LIVE_STREAMS_UNAVAILABLE =
  "Live streams cannot be read right now; the reply is saved in its conversation: read it from there.";

/** Messages of a conversation as a tree, turns that start generations, and access to their streams. */
export function createMessageService({
  store,
  bus,
  streams,
  models,
  access,
  outbox,
  runner,
  limits,
  titles,
  images,
  attachments,
}: {
  /** Files on messages; without it, a send with `attachments` is refused. */
  attachments?: Pick<Attachments, "requireOwnFiles">;
  store: Store;
  /** Where a follower of a stream hears that it lost the conversation (removed, or the conversation deleted). */
  bus: Bus;
  streams: StreamLog;
  models: ModelRegistry;
  access: AccessPolicy;
  outbox: Outbox;
  runner: TurnRunner;
  /** Per-user limits on sends; without it, sends are not limited. */
  limits?: GenerationLimits;
  /** Where model-written titles are queued; without it, conversations keep the first words of their first message. */
  titles?: { jobs: JobQueue; job: ConversationTitleJob };
  /** Where replies of image models are queued; without it, a send to an image model is refused. */
  images?: { jobs: JobQueue; job: ImageReplyJob };
}) {
  /** Once the first reply of a conversation is saved complete, a model writes its title in place of the stand-in. */
  const queueTitle =
    (question: string, standIn: string): Turn["onSaved"] =>
    async (tx, saved) => {
      if (!titles || saved.status !== "complete") return;
      const payload = { conversationId: saved.conversationId, question, replyId: saved.id, standIn };
      await titles.jobs.enqueue(titles.job, payload, { tx: tx.handle as StoreKysely });
    };

  /** The sender's own files named in `attachments`; a file of anyone else is a 404 before anything is written. */
  async function attachedFiles(input: Send): Promise<FileRecord[]> {
    const ids = input.attachments ?? [];
    if (ids.length === 0) return [];
    if (input.content === undefined) throw badRequest("Attachments go with content: say what to do with them.");
    if (!attachments) throw badRequest("This server does not take attachments.");
    return attachments.requireOwnFiles({ principal: input.principal, ids });
  }

  /** Whether `model` takes images, as `GET /api/models` lists it; one it does not list (a DEFAULT_MODEL) is taken to. */
  async function visionOf(model: string, principal: Principal) {
    const listed = (await models.listModels(principal)).find((entry) => entry.id === model);
    return { seesImages: listed?.vision ?? true, name: listed?.name ?? model };
  }

  /**
   * An image sent to a model that cannot see it is refused before anything is written, as chat apps grey out
   * the image button for such models: the sender chooses another model, or sends without it.
   */
  async function requireVisionFor(files: FileRecord[], model: string, principal: Principal) {
    if (!files.some(isImage)) return;
    const { seesImages, name } = await visionOf(model, principal);
    if (seesImages) return;
    throw new DomainError(
      "unsupported_attachment",
      `${name} cannot see images: choose a model that can, or send the message without the image.`,
    );
  }

  /** A user message with content continues from `parentId` (or the newest message); without content it regenerates. */
  async function planTurn(input: Send, conversationId: string) {
    // `parentId: null` starts a new root (an edit of the first message); leaving it out continues the newest.
    const parent =
      input.parentId === undefined
        ? await store.messages.findLatestMessage({ conversationId })
        : input.parentId === null
          ? undefined
          : await store.messages.findMessageById({ id: input.parentId });
    if (input.parentId && parent?.conversationId !== conversationId) throw notFound("Parent message");
    // Two replies must not interleave on one branch (two members sending at once): the second waits for the first.
    if (parent?.role === "assistant" && parent.status === "streaming") {
      throw conflict("A reply is still being written here; send once it has finished.", "turn_in_progress");
    }
    if (input.content !== undefined) return { parent, content: input.content };
    if (parent?.role !== "user") {
      throw badRequest("Send content, or the parentId of a user message to regenerate its reply.");
    }
    return { parent, content: undefined };
  }

  /**
   * A stream's log for `principal`, cut short with `not_found` once they can no longer read its conversation. A log
   * that fails under its reader (lost when Redis restarted empty, or unreadable while it is away) ends with
   * StreamGoneError, naming the saved reply: a generation goes on unlogged then, so the log will not have the rest
   * of it, and the store is the record.
   */
  async function* followLog({
    principal,
    streamId,
    after,
    signal,
    reply,
    spaceId,
  }: {
    principal: Principal;
    streamId: string;
    after: number;
    signal?: AbortSignal;
    reply: MessageRecord;
    /** The space the conversation was in when access was checked. */
    spaceId: string | null;
  }): AsyncGenerator<StreamEvent> {
    const lost = new AbortController();
    const stopWatching = watchAccessLoss({
      bus,
      userId: principal.userId,
      conversationId: reply.conversationId,
      spaceId,
      readable: () =>
        access.mayAccess({ principal, action: "conversation.read", conversationId: reply.conversationId }),
      onLost: () => lost.abort(),
    });
    const reading = signal ? AbortSignal.any([signal, lost.signal]) : lost.signal;
    try {
      yield* streams.read({ streamId, after, signal: reading });
    } catch (error) {
      if (!reading.aborted) {
        throw new StreamGoneError({
          streamId,
          messageId: reply.id,
          conversationId: reply.conversationId,
          cause: error,
        });
      }
    } finally {
      stopWatching();
    }
    if (lost.signal.aborted && !signal?.aborted) throw notFound("Conversation");
  }

  async function failReply(reply: MessageRecord, error: string) {
    await outbox.transaction(async (tx, record) => {
      const failed = await tx.messages.updateMessage({
        id: reply.id,
        patch: { status: "error", error, updatedAt: new Date().toISOString() },
      });
      if (failed)
        await record({ conversationId: failed.conversationId, event: conversationEvents.messageUpdated(failed) });
    });
  }

  /**
   * Writes the user turn and the empty `streaming` reply in one transaction, in which `alsoInTx` runs last (to
   * enqueue what makes the reply).
   */
  async function writeTurn({
    input,
    conversation,
    model,
    files,
    streamId,
    alsoInTx,
  }: {
    input: Send;
    conversation: ConversationRecord;
    model: string;
    files: FileRecord[];
    streamId: string;
    alsoInTx?: (tx: StoreTransaction, reply: MessageRecord) => Promise<void>;
  }) {
    const { principal } = input;
    const { parent, content } = await planTurn(input, conversation.id);
    const now = new Date().toISOString();

    const written = await outbox.transaction(async (tx, record) => {
      const userMessage =
        content === undefined
          ? (parent as MessageRecord)
          : await tx.messages.createMessage({
              id: newId(),
              conversationId: conversation.id,
              parentId: parent?.id ?? null,
              role: "user",
              content,
              parts: [...files.map(filePart), ...textParts(content)],
              model: null,
              status: "complete",
              error: null,
              streamId: null,
              authorId: principal.userId,
              createdAt: now,
              updatedAt: now,
            });
      if (content !== undefined) {
        await record({ conversationId: conversation.id, event: conversationEvents.messageCreated(userMessage) });
      }
      // Members of the conversation may read its files from now on.
      await tx.files.attachFilesToConversation({ ids: files.map((file) => file.id), conversationId: conversation.id });
      const reply = await tx.messages.createMessage({
        id: newId(),
        conversationId: conversation.id,
        parentId: userMessage.id,
        role: "assistant",
        content: "",
        parts: [],
        model,
        status: "streaming",
        error: null,
        streamId,
        createdAt: now,
        updatedAt: now,
      });
      await record({ conversationId: conversation.id, event: conversationEvents.messageCreated(reply) });
      const standIn = conversation.title === DEFAULT_TITLE && content ? titleFromMessage(content) : undefined;
      const touched = await tx.conversations.updateConversation({
        id: conversation.id,
        patch: { updatedAt: now, model, ...(standIn ? { title: standIn } : {}) },
      });
      if (touched) await record({ conversationId: conversation.id, event: conversationEvents.updated(touched) });
      await alsoInTx?.(tx, reply);
      return { userMessage, reply, standIn };
    });
    return { ...written, parent, content };
  }

  /** Writes the turn, opens the reply's log, and starts the generation on this server. */
  async function startTurn({
    input,
    conversation,
    model,
    languageModel,
    release,
    files,
  }: {
    input: Send;
    conversation: ConversationRecord;
    model: string;
    languageModel: Turn["languageModel"];
    release: () => Promise<void>;
    files: FileRecord[];
  }) {
    const { principal } = input;
    const streamId = newId();
    const { userMessage, reply, standIn, parent, content } = await writeTurn({
      input,
      conversation,
      model,
      files,
      streamId,
    });

    try {
      await streams.create({ streamId });
    } catch (error) {
      // Without a log there is no generation: the reply must not sit `streaming` until the sweeper finds it.
      await failReply(reply, STREAM_UNAVAILABLE);
      throw serviceUnavailable(STREAM_UNAVAILABLE, error);
    }
    const branch = parent ? await store.messages.listMessagePath({ id: parent.id }) : [];
    const history = content === undefined ? branch : [...branch, userMessage];
    // Images earlier in the branch (sent while another model was chosen) reach this one as a note, not an error.
    const { seesImages } = history.some(holdsImage) ? await visionOf(model, principal) : { seesImages: true };
    const finished = runner.start({
      reply: { ...reply, streamId, model },
      languageModel,
      history,
      seesImages,
      principal,
      settings: { systemPrompt: conversation.systemPrompt, params: conversation.params },
      source: "chat",
      release,
      tools: { ids: conversation.tools, principal },
      onSaved: standIn && content ? queueTitle(content, standIn) : undefined,
    });
    return {
      message: userMessage,
      reply,
      streamId,
      finished,
      follow: followOwn({ principal, streamId, reply, spaceId: conversation.spaceId }),
    };
  }

  /**
   * The log of a reply its sender just started, from its start: the send checked their access and opened the log,
   * so unlike `openStream` nothing is read again before following it.
   */
  function followOwn(turn: { principal: Principal; streamId: string; reply: MessageRecord; spaceId: string | null }) {
    return (signal?: AbortSignal) => followLog({ ...turn, after: 0, signal });
  }

  /**
   * Opens the reply's log (saying the image is on its way), then writes the turn and enqueues the job that makes the
   * image in the same transaction: whichever instance or worker runs it ends the log. The log opens first, so the
   * job never finds it missing.
   */
  async function startImageTurn({
    input,
    conversation,
    model,
    files,
  }: {
    input: Send;
    conversation: ConversationRecord;
    model: string;
    files: FileRecord[];
  }) {
    if (!images) throw badRequest("This server does not make images.");
    const { principal } = input;
    const streamId = newId();
    try {
      await streams.create({ streamId });
    } catch (error) {
      throw serviceUnavailable(STREAM_UNAVAILABLE, error);
    }
    let written: Awaited<ReturnType<typeof writeTurn>>;
    try {
      written = await writeTurn({
        input,
        conversation,
        model,
        files,
        streamId,
        alsoInTx: async (tx, reply) => {
          const payload = { replyId: reply.id, userId: principal.userId, role: principal.role };
          await images.jobs.enqueue(images.job, payload, { tx: tx.handle as StoreKysely });
        },
      });
    } catch (error) {
      await streams.end({ streamId }).catch(() => undefined);
      throw error;
    }
    const { userMessage, reply } = written;
    await streams.append({ streamId, part: { type: "start", messageId: reply.id } });
    await streams.append({ streamId, part: IMAGE_PROGRESS });
    let finished: Promise<void> | undefined;
    return {
      message: userMessage,
      reply,
      streamId,
      follow: followOwn({ principal, streamId, reply, spaceId: conversation.spaceId }),
      /** Resolves once the reply's log ends (the reply is saved then), on whichever instance the job ran. */
      get finished() {
        finished ??= (async () => {
          for await (const _event of streams.read({ streamId, after: 0 }));
        })().catch(() => undefined);
        return finished;
      },
    };
  }

  return {
    async listMessages({ principal, conversationId }: { principal: Principal; conversationId: string }) {
      await access.requireAccess({ principal, action: "conversation.read", conversationId });
      return store.messages.listMessagesByConversationId({ conversationId });
    },

    /**
     * Persists the user turn and an empty `streaming` reply, then starts the generation on this server. Over one of
     * the sender's limits it refuses at once (`rate_limited`, `quota_exceeded`), before writing anything.
     */
    async sendMessage(input: Send) {
      const { principal } = input;
      const { conversation } = await access.requireAccess({
        principal,
        action: "conversation.send",
        conversationId: input.conversationId,
      });
      const model = input.model ?? conversation.model;
      const resolved: ResolvedModel = await models.resolveModel(model, principal);
      const files = await attachedFiles(input);
      await requireVisionFor(files, model, principal);
      const release = (await limits?.admit({ userId: principal.userId })) ?? (async () => {});
      if (resolved.kind === "image") {
        // The job runs wherever the queue runs it: the send counts against the rate, not the running generations.
        try {
          return await startImageTurn({ input, conversation, model, files });
        } finally {
          await release();
        }
      }
      try {
        return await startTurn({ input, conversation, model, languageModel: resolved.model, release, files });
      } catch (error) {
        await release();
        throw error;
      }
    },

    /** Every event after `after`, then the live tail, until the generation ends. */
    async openStream({
      principal,
      streamId,
      after,
      signal,
    }: {
      principal: Principal;
      streamId: string;
      after: number;
      signal?: AbortSignal;
    }): Promise<AsyncIterable<StreamEvent>> {
      const { reply, conversation } = await access.requireStreamAccess({
        principal,
        action: "conversation.read",
        streamId,
      });
      const state = await streams.state({ streamId }).catch((error: unknown) => {
        throw serviceUnavailable(LIVE_STREAMS_UNAVAILABLE, error);
      });
      if (!state) {
        throw new DomainError(
          "stream_expired",
          "This stream has ended and is no longer kept; read the message from its conversation instead.",
        );
      }
      return followLog({ principal, streamId, after, signal, reply, spaceId: conversation.spaceId });
    },

    /**
     * Deletes a message and every message under it, with one `message.deleted` event; the files they carry that no
     * other message does are marked deleted, for the sweep to remove. Refused while a reply in the branch streams.
     */
    async deleteBranch({
      principal,
      conversationId,
      messageId,
    }: {
      principal: Principal;
      conversationId: string;
      messageId: string;
    }) {
      await access.requireAccess({ principal, action: "conversation.send", conversationId });
      await outbox.transaction(async (tx, record) => {
        const branch = await tx.messages.listMessageSubtree({ id: messageId });
        if (branch[0]?.conversationId !== conversationId) throw notFound("Message");
        if (branch.some((message) => message.status === "streaming")) {
          throw conflict(
            "A reply in this branch is still being written; stop it or wait, then delete.",
            "turn_in_progress",
          );
        }
        const ids = branch.map((message) => message.id);
        await tx.messages.deleteMessages({ ids });
        const fileIds = branch.flatMap((message) => attachmentsOf(message.parts).map((file) => file.id));
        await tx.files.markUnreferencedFilesDeleted({ ids: [...new Set(fileIds)] });
        await record({ conversationId, event: conversationEvents.messageDeleted(ids) });
      });
    },

    async cancelStream({ principal, streamId }: { principal: Principal; streamId: string }) {
      await access.requireStreamAccess({ principal, action: "conversation.send", streamId });
      await runner.cancel({ streamId });
    },
  };
}
export type MessageService = ReturnType<typeof createMessageService>;
