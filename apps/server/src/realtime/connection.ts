import {
  CLOSE_CODES,
  type ClientFrame,
  type ClientFrameMap,
  clientFrameSchema,
  type ServerFrame,
} from "@slipstream/protocol";
import type { WebSocket } from "ws";
import { presentMessage } from "../chat/presenters.ts";
import { DomainError, isDomainError, StreamGoneError } from "../errors.ts";
import type { Principal } from "../identity/principal.ts";
import { newId } from "../ids/new-id.ts";
import type { RealtimeContext } from "./context.ts";
import { createFrameBatching, eventFrame } from "./event-frames.ts";

/** A close frame queued behind unread data may never be read: after this long the socket is dropped. */
const SLOW_CLIENT_CLOSE_GRACE_MS = 1_000;

type Handlers = { [T in keyof ClientFrameMap]: (frame: ClientFrameMap[T]) => Promise<void> };
/** A conversation watch: `ready` settles once its access check has, `stop` is set once it follows the feed. */
type Watch = { ready: Promise<void>; stop?: () => void };

/** One authenticated socket: its stream subscriptions and conversation watches, all scoped to its user. */
export function createConnection({
  socket,
  principal,
  context,
  logger,
  maxBufferedBytes,
  caps,
}: {
  socket: WebSocket;
  principal: Principal;
  context: RealtimeContext;
  logger: { error(obj: object, msg: string): void };
  /** Over this many unsent bytes the client is not keeping up: close it, and it resumes from its last seq. */
  maxBufferedBytes: number;
  /** Streams one socket may follow, and conversations it may watch, at once. */
  caps: { maxSubscriptions: number; maxWatches: number };
}) {
  const subscriptions = new Map<string, AbortController>();
  const watches = new Map<string, Watch>();
  /** The conversations this socket has told its presence in, to clear when it goes. */
  const present = new Set<string>();
  const connectionId = newId();
  let watchingAll: Promise<() => void> | undefined;
  let closed = false;

  const batching = createFrameBatching(socket);
  /** Sends a frame's text, unless the client stopped reading: then it is closed, and resumes from its last seq. */
  const sendText = (text: string) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      socket.close(CLOSE_CODES.tryAgainLater, "client is not reading fast enough; resume later");
      setTimeout(() => socket.terminate(), SLOW_CLIENT_CLOSE_GRACE_MS).unref();
      return;
    }
    batching.hold();
    socket.send(text);
  };
  const send = (frame: ServerFrame) => sendText(JSON.stringify(frame));

  const sendError = (code: string, message: string, requestId?: string, retryAfterSeconds?: number) =>
    send({
      type: "error",
      code,
      message,
      ...(requestId ? { requestId } : {}),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });

  const sent = context.metrics.eventsStreamed.labels({ transport: "websocket" });

  async function follow(streamId: string, after: number, controller: AbortController) {
    try {
      const events = await context.messages.openStream({ principal, streamId, after, signal: controller.signal });
      if (after > 0) context.metrics.resumes.inc({ transport: "websocket" });
      for await (const event of events) {
        sendText(eventFrame(streamId, event));
        sent.inc();
      }
      if (!controller.signal.aborted) send({ type: "done", streamId });
    } catch (error) {
      if (!(error instanceof StreamGoneError)) throw error;
      const { messageId, conversationId, message } = error;
      send({ type: "gone", streamId, messageId, conversationId, message });
    } finally {
      if (subscriptions.get(streamId) === controller) subscriptions.delete(streamId);
    }
  }

  const handlers: Handlers = {
    async subscribe({ streamId, after, requestId }) {
      if (!subscriptions.has(streamId) && subscriptions.size >= caps.maxSubscriptions) {
        throw overCap(`${caps.maxSubscriptions} streams`, "unsubscribe");
      }
      subscriptions.get(streamId)?.abort();
      const controller = new AbortController();
      subscriptions.set(streamId, controller);
      follow(streamId, after ?? 0, controller).catch((error: unknown) => reportError(error, requestId));
    },
    async unsubscribe({ streamId, requestId }) {
      subscriptions.get(streamId)?.abort();
      subscriptions.delete(streamId);
      send({ type: "ok", requestId });
    },
    async send({ conversationId, content, model, parentId, attachments, requestId }) {
      const turn = await context.messages.sendMessage({
        principal,
        conversationId,
        content,
        model,
        parentId,
        attachments,
      });
      send({
        type: "accepted",
        requestId,
        message: presentMessage(turn.message),
        reply: presentMessage(turn.reply),
        streamId: turn.streamId,
      });
    },
    async watch({ conversationId, after, requestId }) {
      // A watch from a version starts over from there; a plain one already running goes on.
      if (after !== undefined) stopWatch(conversationId);
      if (!watches.has(conversationId) && watches.size >= caps.maxWatches) {
        throw overCap(`${caps.maxWatches} conversations`, "unwatch");
      }
      await (watches.get(conversationId) ?? startWatch(conversationId, after)).ready;
      send({ type: "ok", requestId });
    },
    async unwatch({ conversationId, requestId }) {
      stopWatch(conversationId);
      if (present.delete(conversationId)) {
        await context.presence.clear({ principal, connectionId, conversationIds: [conversationId] });
      }
      send({ type: "ok", requestId });
    },
    async presence({ conversationId, state, requestId }) {
      await context.presence.set({ principal, connectionId, conversationId, state });
      present.add(conversationId);
      send({ type: "ok", requestId });
    },
    async watchConversations({ requestId }) {
      watchingAll ??= context.feed.watchAll({ principal, listener: send });
      const stop = await watchingAll.catch((error: unknown) => {
        watchingAll = undefined;
        throw error;
      });
      if (closed) stop();
      send({ type: "ok", requestId });
    },
    async unwatchConversations({ requestId }) {
      const watching = watchingAll;
      watchingAll = undefined;
      (await watching)?.();
      send({ type: "ok", requestId });
    },
    async cancel({ streamId, requestId }) {
      await context.messages.cancelStream({ principal, streamId });
      send({ type: "ok", requestId });
    },
    async ping({ requestId }) {
      send({ type: "pong", requestId });
    },
  };

  /**
   * Watches a conversation once its access check passes. The check takes a while, and the watch may be dropped
   * meanwhile (an unwatch, a newer watch, the socket closing): then the feed it opened is closed at once.
   */
  function startWatch(conversationId: string, after: number | undefined): Watch {
    // The feed ends itself on the frame that tells the watcher it lost the conversation; presence ends with it.
    const listener = (frame: ServerFrame) => {
      send(frame);
      if (watches.get(conversationId) === watch && isLastFrame(frame)) endWatch(conversationId);
    };
    const following =
      after === undefined
        ? context.feed.watch({ principal, conversationId, listener })
        : context.history.follow({ principal, conversationId, after, listener });
    const watch: Watch = {
      ready: following.then(
        (stopFeed) => {
          const stopPresence = context.presence.watch({
            conversationId,
            listener: (users) => send({ type: "presence", conversationId, users }),
          });
          const stop = () => {
            stopFeed();
            stopPresence();
          };
          if (closed || watches.get(conversationId) !== watch) stop();
          else watch.stop = stop;
        },
        (error: unknown) => {
          if (watches.get(conversationId) === watch) watches.delete(conversationId);
          throw error;
        },
      ),
    };
    watches.set(conversationId, watch);
    return watch;
  }

  function stopWatch(conversationId: string) {
    watches.get(conversationId)?.stop?.();
    watches.delete(conversationId);
  }

  /** Stops a watch whose user can no longer read the conversation, and takes back what they said there. */
  function endWatch(conversationId: string) {
    stopWatch(conversationId);
    if (!present.delete(conversationId)) return;
    context.presence
      .clear({ principal, connectionId, conversationIds: [conversationId] })
      .catch((error: unknown) => logger.error({ err: error }, "presence in a conversation left not cleared"));
  }

  function reportError(error: unknown, requestId?: string) {
    if (isDomainError(error) && error.expose) {
      return sendError(error.code, error.message, requestId, error.retryAfterSeconds);
    }
    logger.error({ err: error }, "realtime frame failed");
    sendError("internal", "Something went wrong on our side.", requestId);
  }

  return {
    /** Parses and runs one text frame; a bad frame gets an `error` frame and the socket stays open. */
    async receive(text: string) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return sendError("invalid_json", "The frame is not valid JSON.");
      }
      const parsed = clientFrameSchema.safeParse(json);
      if (!parsed.success) {
        const requestId = (json as { requestId?: unknown } | null)?.requestId;
        const details = parsed.error.issues.map((issue) => `${issue.path.join(".") || "frame"}: ${issue.message}`);
        return sendError(
          "invalid_frame",
          `Invalid frame: ${details.join("; ")}`,
          typeof requestId === "string" ? requestId.slice(0, 100) : undefined,
        );
      }
      const frame: ClientFrame = parsed.data;
      try {
        await (handlers[frame.type] as (frame: ClientFrame) => Promise<void>)(frame);
      } catch (error) {
        reportError(error, frame.requestId);
      }
    },
    sendError,
    close() {
      closed = true;
      for (const controller of subscriptions.values()) controller.abort();
      subscriptions.clear();
      for (const watch of watches.values()) watch.stop?.();
      watches.clear();
      // A list watch that failed to start has nothing to stop; its failure was answered already.
      void watchingAll?.then(
        (stop) => stop(),
        () => undefined,
      );
      if (present.size > 0) {
        context.presence
          .clear({ principal, connectionId, conversationIds: present })
          .catch((error: unknown) => logger.error({ err: error }, "presence of a closed socket not cleared"));
      }
    },
  };
}

/**
 * Whether a watch's frame is its last: the conversation was deleted, or this user was removed from it (the feed
 * says `removed` once it is sure, since a removal replayed from the history may have been undone since).
 */
const isLastFrame = (frame: ServerFrame) =>
  (frame.type === "conversation" && (frame.action === "removed" || frame.action === "deleted")) ||
  (frame.type === "conversationEvent" && frame.event.type === "conversation.deleted");

const overCap = (what: string, release: string) =>
  new DomainError("limit_exceeded", `This socket already follows ${what}, its limit. Send ${release} for one first.`);
