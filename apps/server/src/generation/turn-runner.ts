import type { ConversationParams, MessageUsage, StreamPart, UsageSource } from "@slipstream/protocol";
import { isStepCount, type LanguageModel, streamText, toUIMessageStream } from "ai";
import { resolveLanguageModel } from "ai/internal";
import type { Logger } from "pino";
import type { Bus } from "../bus/index.ts";
import { conversationEvents } from "../events/conversation-events.ts";
import type { Outbox } from "../events/outbox.ts";
import type { Principal } from "../identity/principal.ts";
import type { Metrics } from "../metrics/index.ts";
import type { ModelViewer } from "../providers/index.ts";
import { withLeanChatStream } from "../providers/lean-chat-stream.ts";
import { describeProviderError } from "../providers/provider-errors.ts";
import type { MessageRecord, MessageStatus, Store, StoreTransaction } from "../store/index.ts";
import type { StreamLog } from "../streams/index.ts";
import type { ToolRegistry } from "../tools/registry.ts";
import { assembleParts } from "./assemble-parts.ts";
import { startCheckpoints } from "./checkpoints.ts";
import { coalesceDeltas } from "./delta-coalescer.ts";
import { type FilePartReader, toModelMessages } from "./model-messages.ts";
import { persistUntilSaved } from "./persist-until-saved.ts";
import { streamProviderReply } from "./provider-reply-stream.ts";
import type { ReportedUsage, UsageMeter } from "./usage-meter.ts";

/** Told to followers when some of a reply's live events could not be logged; the saved reply is whole. */
export const LOG_GAP_NOTICE = "Part of this reply's live stream was lost. Reload it to read the saved reply.";
/** Told to followers when the finished reply could not be saved before the server stopped. */
export const NOT_SAVED_NOTICE = "This reply could not be saved; the server stopped before the database came back.";

type StopReason = "cancel" | "shutdown" | "deleted" | "too_long";
export type Turn = {
  reply: MessageRecord & { streamId: string; model: string };
  /**
   * The model `reply.model` names, resolved by the send that admitted the turn: between the send and the final write
   * a generation needs nothing from the store, so a store slow or away under load cannot fail a reply it accepted.
   */
  languageModel: LanguageModel;
  history: MessageRecord[];
  /** False for a model that does not take images: images in the history reach it as a note; true when left out. */
  seesImages?: boolean;
  /** The tools the conversation enabled, and whose turn it is (tools act for that principal). */
  tools?: { ids: readonly string[]; principal: Principal };
  /** Runs in the transaction that saves the finished reply (to enqueue what follows from it). */
  onSaved?: (tx: StoreTransaction, saved: MessageRecord) => Promise<void>;
  /** Who asked: their own keys serve the generation, and its usage is theirs. */
  principal?: ModelViewer;
  /** The conversation's system prompt (sent first) and model parameters. */
  settings?: { systemPrompt: string; params: ConversationParams };
  source?: UsageSource;
  /** Gives back the generation slot taken when the turn was admitted; called once the reply is saved. */
  release?: () => Promise<void>;
};

/**
 * Runs generations on the server, independent of any connection: each one appends every part to its stream
 * log before anyone reads it, and persists the reply once, when it ends.
 */
export function createTurnRunner({
  store,
  outbox,
  streams,
  bus,
  tools,
  idleTimeoutMs,
  checkpointIntervalMs,
  leaseMs,
  maxReplyBytes = Number.POSITIVE_INFINITY,
  deltaCoalesceMs = 0,
  metrics,
  logger,
  meter,
  readFile,
  generationSpans = false,
}: {
  /**
   * Whether the AI SDK's telemetry integration records generation spans: replies then all run through `streamText`
   * and the SDK's own provider code, which make them; otherwise replies without tools are read at the provider layer
   * (`provider-reply-stream.ts`) and OpenAI-compatible chat streams by `lean-chat-stream.ts`.
   */
  generationSpans?: boolean;
  /** How attached files reach the model; without it, messages are sent as their text alone. */
  readFile?: FilePartReader;
  store: Store;
  outbox: Outbox;
  streams: StreamLog;
  bus: Bus;
  /**
   * Where a turn's enabled tools come from (without it, turns run without tools), and how many model calls a turn
   * with tools may make: each tool round trip is one more, and the turn ends there even if the model would go on.
   */
  tools?: { registry: ToolRegistry; maxSteps: number };
  idleTimeoutMs: number;
  /** How often the partial text of a running reply is saved, so that a crash leaves it behind. */
  checkpointIntervalMs: number;
  /** A reply not written for this long is taken for lost; the runner touches it three times per lease. */
  leaseMs: number;
  /** A reply whose text (answer, reasoning, tool input) grows past this many bytes is stopped, as an error. */
  maxReplyBytes?: number;
  /** Text and reasoning deltas of one part within this many ms are logged as one event; 0 logs every delta. */
  deltaCoalesceMs?: number;
  metrics: Pick<
    Metrics,
    "timeToFirstToken" | "generationDuration" | "providerErrors" | "backgroundErrors" | "finalWriteRetries" | "tokens"
  >;
  logger: Logger;
  /** Measures and records every generation's usage; without it, replies carry no usage. */
  meter?: UsageMeter;
}) {
  const running = new Map<string, { controller: AbortController; conversationId: string; done: Promise<void> }>();
  /** Aborted when shutdown's grace ends: final writes still retrying then give up. */
  const stopping = new AbortController();
  const stopCancels = bus.subscribe("stream.cancel", ({ streamId }) =>
    running.get(streamId)?.controller.abort("cancel"),
  );
  // A deleted conversation's replies have nowhere to go: stop their provider calls.
  const stopDeletes = bus.subscribe("conversation.event", ({ conversationId, event }) => {
    if (event.type !== "conversation.deleted") return;
    for (const generation of running.values()) {
      if (generation.conversationId === conversationId) generation.controller.abort("deleted");
    }
  });

  const backgroundFailure = (operation: string, context: object) => (error: unknown) => {
    metrics.backgroundErrors.inc({ operation });
    logger.error({ err: error, ...context }, `${operation} failed`);
  };

  /** The tool options of a turn's provider call; none without enabled tools, so such a turn runs as it always did. */
  async function toolOptionsOf({ reply, tools: enabled }: Turn) {
    if (!tools || !enabled || enabled.ids.length === 0) return undefined;
    const set = await tools.registry.toolSet({ ...enabled, conversationId: reply.conversationId });
    if (Object.keys(set).length === 0) return undefined;
    return { tools: set, stopWhen: isStepCount(tools.maxSteps) };
  }

  async function generate(turn: Turn, controller: AbortController, onUsage: (usage: ReportedUsage) => void) {
    const { reply, history, settings, languageModel, seesImages } = turn;
    const [messages, toolOptions] = await Promise.all([
      toModelMessages(history, { readFile, seesImages }),
      toolOptionsOf(turn),
    ]);
    const request = {
      // With the AI SDK's spans on, the SDK runs unchanged from end to end: its spans then describe what ran.
      model: generationSpans ? languageModel : withLeanChatStream(resolveLanguageModel(languageModel)),
      instructions: settings?.systemPrompt || undefined,
      messages,
      temperature: settings?.params.temperature,
      maxOutputTokens: settings?.params.maxOutputTokens,
      topP: settings?.params.topP,
      // Tool executions get this signal too: a cancel stops a running tool, not only the provider call.
      abortSignal: controller.signal,
      maxRetries: 1,
    };
    // The error also reaches the UI stream as an `error` part; this only keeps it out of stderr.
    const onError = (error: unknown) => logger.warn({ err: error, streamId: reply.streamId }, "provider error");
    const onEnd = (totalUsage: ReportedUsage) => {
      onUsage(totalUsage);
      metrics.tokens.inc({ model: reply.model, kind: "input" }, totalUsage?.inputTokens ?? 0);
      metrics.tokens.inc({ model: reply.model, kind: "output" }, totalUsage?.outputTokens ?? 0);
    };
    const describeError = (error: unknown) => describeProviderError(error, { idleTimeoutMs });
    // Without a tool loop the reply is read at the provider layer, unless the AI SDK's spans are wanted.
    if (!toolOptions && !generationSpans) {
      return streamProviderReply({ ...request, messageId: reply.id, describeError, onError, onEnd });
    }
    const result = streamText({
      ...request,
      ...toolOptions,
      onError: ({ error }) => onError(error),
      onEnd: ({ totalUsage }) => onEnd(totalUsage),
      // Spans of the AI SDK, when telemetry registered its integration; never with the conversation's text.
      telemetry: { functionId: "slipstream.reply", recordInputs: false, recordOutputs: false },
    });
    return toUIMessageStream({
      stream: result.stream,
      generateMessageId: () => reply.id,
      onError: describeError,
      // A tool's error is written for the model and the user to read; provider errors are still described.
      ...(toolOptions && { tools: toolOptions.tools, redactToolErrors: false }),
    });
  }

  async function run(turn: Turn, controller: AbortController) {
    const { streamId } = turn.reply;
    const chunks: StreamPart[] = [];
    let content = "";
    let errorText: string | undefined;
    let aborted = false;
    let reported: ReportedUsage;
    // The store holds the record, the log only serves followers: when the log fails (Redis gone or restarted
    // empty), the generation goes on unlogged, so the reply is still saved whole and followers fall back to it.
    let logBroken = false;
    const writeToLog = async (part: StreamPart) => {
      if (logBroken) return;
      try {
        await streams.append({ streamId, part });
      } catch (error) {
        logBroken = true;
        logger.error({ err: error, streamId }, "stream log write failed; the reply will still be saved");
      }
    };
    const log =
      deltaCoalesceMs > 0
        ? coalesceDeltas({ windowMs: deltaCoalesceMs, write: writeToLog })
        : { append: writeToLog, flush: async () => {} };
    const append = (part: StreamPart) => {
      chunks.push(part);
      return log.append(part);
    };
    const startedAt = performance.now();
    const elapsedSeconds = () => (performance.now() - startedAt) / 1000;
    const checkpoints = startCheckpoints({
      intervalMs: checkpointIntervalMs,
      heartbeatMs: leaseMs / 3,
      read: () => content,
      save: (partial) =>
        store.messages.checkpointMessage({ id: turn.reply.id, content: partial, updatedAt: new Date().toISOString() }),
      onError: backgroundFailure("checkpoint", { streamId }),
    });
    let replyBytes = 0;
    try {
      for await (const part of await generate(turn, controller, (usage) => {
        reported = usage;
      })) {
        replyBytes += deltaBytes(part);
        if (replyBytes > maxReplyBytes) {
          // Every part is held until the reply is saved, here and in an embedded stream log: the cap bounds both.
          errorText = `The reply grew past ${formatBytes(maxReplyBytes)} (MAX_REPLY_BYTES) and was stopped there.`;
          controller.abort("too_long");
          await append({ type: "error", errorText });
          break;
        }
        if (part.type === "text-delta") {
          if (content === "") metrics.timeToFirstToken.observe(elapsedSeconds());
          content += part.delta;
        }
        if (part.type === "error") errorText = part.errorText;
        if (part.type === "abort") {
          // An abort we did not ask for is the SDK giving up (a timeout): the user sees it as an error.
          if (!controller.signal.aborted) {
            errorText = describeProviderError(new DOMException(String(part.reason), "TimeoutError"), { idleTimeoutMs });
            await append({ type: "error", errorText });
            break;
          }
          aborted = true;
        }
        await append(part as StreamPart);
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        errorText = describeProviderError(error, { idleTimeoutMs });
        await append({ type: "error", errorText });
      }
    }
    await log.flush();
    await checkpoints.stop();
    const reason = controller.signal.reason as StopReason | undefined;
    if (reason === "deleted") {
      await streams.end({ streamId }).catch(backgroundFailure("stream log end", { streamId }));
      return;
    }
    if (controller.signal.aborted && !errorText && !aborted) await append({ type: "abort" });
    const status: MessageStatus = errorText
      ? "error"
      : controller.signal.aborted
        ? reason === "shutdown"
          ? "interrupted"
          : "cancelled"
        : "complete";
    if (logBroken) {
      // A log that failed for a while and came back intact now has a gap: followers must not take it for the reply.
      await streams
        .append({ streamId, part: { type: "error", errorText: LOG_GAP_NOTICE } })
        .catch(backgroundFailure("stream log gap notice", { streamId }));
    }
    metrics.generationDuration.observe({ status }, elapsedSeconds());
    if (status === "error") metrics.providerErrors.inc({ provider: turn.reply.model.split("/")[0] });
    const usage = await measureUsage(turn, { status, reported, content });
    await finish(turn, { content, parts: await assembleParts(chunks), status, error: errorText ?? null, usage });
  }

  /** A failed call the provider reported no usage for cost nothing; a stopped one did, so it is estimated. */
  async function measureUsage(
    { reply, history, settings }: Turn,
    { status, reported, content }: { status: MessageStatus; reported: ReportedUsage; content: string },
  ): Promise<MessageUsage | null> {
    if (!meter || (status === "error" && reported === undefined)) return null;
    return meter
      .measure({
        modelId: reply.model,
        reported,
        prompt: () => [settings?.systemPrompt ?? "", ...history.map((message) => message.content)].join("\n"),
        output: content,
      })
      .catch((error: unknown) => {
        backgroundFailure("usage measure", { streamId: reply.streamId })(error);
        return null;
      });
  }

  /** Saves the reply (retrying while the store is away), then ends its log, so `[DONE]` means "saved". */
  async function finish(
    { reply, onSaved, principal, source = "chat" }: Turn,
    patch: Pick<MessageRecord, "content" | "parts" | "status" | "error" | "usage">,
  ) {
    const { streamId } = reply;
    try {
      await persistUntilSaved({
        write: () =>
          outbox.transaction(async (tx, record) => {
            const updated = await tx.messages.updateMessage({
              id: reply.id,
              patch: { ...patch, updatedAt: new Date().toISOString() },
            });
            // Deleted with its conversation while it streamed: there is nothing left to save.
            if (meter && principal && patch.usage) {
              await meter.record(tx, {
                userId: principal.userId,
                modelId: reply.model,
                usage: patch.usage,
                source,
                messageId: updated ? reply.id : null,
              });
            }
            if (!updated) return;
            await record({ conversationId: updated.conversationId, event: conversationEvents.messageUpdated(updated) });
            await onSaved?.(tx, updated);
          }),
        ping: () => store.ping(),
        signal: stopping.signal,
        onRetry: (error, attempt) => {
          metrics.finalWriteRetries.inc();
          logger.warn({ err: error, streamId, attempt }, "could not save a finished reply yet; retrying");
        },
      });
    } catch (error) {
      backgroundFailure("final write", { streamId })(error);
      await streams
        .append({ streamId, part: { type: "error", errorText: NOT_SAVED_NOTICE } })
        .catch(backgroundFailure("stream log error notice", { streamId }));
    }
    if (meter && principal && patch.usage) await meter.charge({ userId: principal.userId, usage: patch.usage });
    await streams.end({ streamId }).catch(backgroundFailure("stream log end", { streamId }));
  }

  return {
    /**
     * Starts a generation in the background; its stream log must already exist. Resolves once the reply is saved
     * (or could not be), for callers that act on the finished reply (trigger runs, Slack); it never rejects.
     */
    start(turn: Turn): Promise<void> {
      const controller = new AbortController();
      const done = run(turn, controller)
        .catch(backgroundFailure("generation", { streamId: turn.reply.streamId }))
        .finally(() => {
          running.delete(turn.reply.streamId);
          turn.release?.().catch(backgroundFailure("generation slot release", { streamId: turn.reply.streamId }));
        });
      running.set(turn.reply.streamId, { controller, conversationId: turn.reply.conversationId, done });
      return done;
    },

    /** Asks whichever instance runs the stream to stop it; the reply keeps its text, status `cancelled`. */
    async cancel({ streamId }: { streamId: string }) {
      await bus.publish("stream.cancel", { streamId });
    },

    get runningCount() {
      return running.size;
    },

    /** Waits up to `graceMs` for running generations, then stops the rest as `interrupted`. */
    async shutdown({ graceMs }: { graceMs: number }) {
      stopCancels();
      stopDeletes();
      const all = Promise.all([...running.values()].map((generation) => generation.done));
      const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([all, timer]);
      for (const generation of running.values()) generation.controller.abort("shutdown");
      stopping.abort();
      await all;
    },
  };
}
export type TurnRunner = ReturnType<typeof createTurnRunner>;

/** The bytes of text a part adds to its reply: its answer, reasoning or tool-input delta. */
function deltaBytes(part: { type: string }): number {
  const delta = (part as { delta?: unknown }).delta;
  if (typeof delta === "string") return Buffer.byteLength(delta);
  const input = (part as { inputTextDelta?: unknown }).inputTextDelta;
  return typeof input === "string" ? Buffer.byteLength(input) : 0;
}

const formatBytes = (bytes: number) =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
