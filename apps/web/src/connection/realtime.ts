import { type RealtimeConnection, type SlipstreamClient, SlipstreamError } from "@slipstream/client";
import {
  CLOSE_CODES,
  frameOfConversationEvent,
  type PresenceState,
  type ServerFrameMap,
  type StreamEvent,
} from "@slipstream/protocol";

export type ConnectionStatus = "connecting" | "online" | "offline";
export type ConversationFrame = ServerFrameMap["conversation"];
export type FeedFrame = ServerFrameMap["message"] | ServerFrameMap["deleted"] | ConversationFrame;
export type PresenceFrame = ServerFrameMap["presence"];
export type MemberFrame = ServerFrameMap["member"];
/** What a conversation's watcher gets: its changes, or `resync` when it fell further behind than the kept events. */
export type WatchFrame = FeedFrame | ServerFrameMap["resync"];

/** The server closes a socket with these when its credentials stopped being valid: sign in again. */
const SIGNED_OUT = new Set<number>([CLOSE_CODES.sessionRevoked, CLOSE_CODES.accountDisabled]);
const MAX_BACKOFF_MS = 10_000;

type StreamHandlers = {
  onEvent: (event: StreamEvent) => void;
  onDone: () => void;
  onError: (error: unknown) => void;
};
type Subscription = StreamHandlers & { after: number };
/** A conversation's watchers and the last version delivered to them, which a reconnect resumes after. */
type Watch = { listeners: Set<(frame: WatchFrame) => void>; version: number };

/**
 * One WebSocket for the whole page, kept open: it reconnects with backoff, then resumes every watched
 * conversation after the last version it delivered and every followed stream after the last sequence
 * number it delivered, so a dropped connection loses and repeats nothing.
 */
export function createRealtime(
  client: SlipstreamClient,
  { onSessionRevoked, baseDelayMs = 500 }: { onSessionRevoked: () => void; baseDelayMs?: number },
) {
  let connection: RealtimeConnection | undefined;
  let status: ConnectionStatus = "connecting";
  let stopped = false;
  let failures = 0;
  let wasOnline = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const reconnectListeners = new Set<() => void>();
  const watchers = new Map<string, Watch>();
  const sharingListeners = new Set<(frame: PresenceFrame | MemberFrame) => void>();
  /** What this page last said it is doing in each conversation, said again after a reconnect. */
  const presence = new Map<string, PresenceState>();
  const conversationWatchers = new Set<(frame: ConversationFrame) => void>();
  /** The connection the server was last asked to send the conversation list's changes on. */
  let watchingAllOn: RealtimeConnection | undefined;
  const subscriptions = new Map<string, Subscription>();

  function setStatus(next: ConnectionStatus) {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function dispatchFeed(frame: WatchFrame) {
    for (const listener of watchers.get(frame.conversationId)?.listeners ?? []) listener(frame);
  }

  /** A versioned event, once: the server replays from the version asked for, and may repeat one. */
  function dispatchEvent(frame: ServerFrameMap["conversationEvent"]) {
    const watch = watchers.get(frame.conversationId);
    if (!watch || frame.version <= watch.version) return;
    watch.version = frame.version;
    const update = frameOfConversationEvent(frame.conversationId, frame.event);
    if (!update) return;
    if (update.type === "member") dispatchSharing(update);
    else dispatchFeed(update);
  }

  function dispatchSharing(frame: PresenceFrame | MemberFrame) {
    for (const listener of sharingListeners) listener(frame);
  }

  function dispatchConversation(frame: ConversationFrame) {
    dispatchFeed(frame);
    for (const listener of conversationWatchers) listener(frame);
  }

  function watchAllOn(open: RealtimeConnection) {
    watchingAllOn = open;
    open.request({ type: "watchConversations" }).catch((error: unknown) => {
      if (open === connection) console.warn("watching the conversation list failed", error);
    });
  }

  function watchOn(open: RealtimeConnection, conversationId: string, after: number) {
    open.request({ type: "watch", conversationId, after }).catch((error: unknown) => {
      if (open === connection) console.warn(`watching conversation ${conversationId} failed`, error);
    });
  }

  async function follow(open: RealtimeConnection, streamId: string, subscription: Subscription) {
    try {
      for await (const event of open.subscribe(streamId, subscription.after)) {
        if (subscriptions.get(streamId) !== subscription) return;
        if (event.seq <= subscription.after) continue;
        subscription.after = event.seq;
        subscription.onEvent(event);
      }
    } catch (error) {
      if (subscriptions.get(streamId) === subscription) {
        subscriptions.delete(streamId);
        subscription.onError(error);
      }
      return;
    }
    // The SDK ends a subscription both on `done` and on a closed socket; only the first one is the end.
    if (open.closeInfo || subscriptions.get(streamId) !== subscription) return;
    subscriptions.delete(streamId);
    subscription.onDone();
  }

  function scheduleReconnect() {
    if (stopped || retryTimer) return;
    const delay = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** failures) * (0.75 + Math.random() / 2);
    failures += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void open();
    }, delay);
  }

  async function open() {
    if (stopped || connection) return;
    setStatus("connecting");
    let opened: RealtimeConnection;
    try {
      opened = await client.connect();
    } catch {
      // A refused upgrade looks like a network failure; an expired session must not retry forever.
      if (await sessionEnded()) return onSessionRevoked();
      setStatus("offline");
      return scheduleReconnect();
    }
    if (stopped) return opened.close();
    const resumed = wasOnline;
    wasOnline = true;
    connection = opened;
    failures = 0;
    opened.on("conversationEvent", dispatchEvent);
    opened.on("resync", dispatchFeed);
    opened.on("conversation", dispatchConversation);
    opened.on("presence", (frame) => dispatchSharing(frame));
    if (conversationWatchers.size > 0) watchAllOn(opened);
    for (const [conversationId, watch] of watchers) watchOn(opened, conversationId, watch.version);
    for (const [conversationId, state] of presence) opened.send({ type: "presence", conversationId, state });
    for (const [streamId, subscription] of subscriptions) void follow(opened, streamId, subscription);
    setStatus("online");
    if (resumed) for (const listener of reconnectListeners) listener();
    void opened.closed.then(({ code }) => {
      if (connection === opened) connection = undefined;
      if (stopped) return;
      if (SIGNED_OUT.has(code)) return onSessionRevoked();
      setStatus("offline");
      scheduleReconnect();
    });
  }

  async function sessionEnded() {
    try {
      await client.auth.session();
      return false;
    } catch (error) {
      return error instanceof SlipstreamError && error.status === 401;
    }
  }

  /** The browser knows before the socket does that the network is back: retry at once. */
  const onOnline = () => {
    if (connection || stopped) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    void open();
  };
  if (typeof window !== "undefined") window.addEventListener("online", onOnline);
  void open();

  return {
    get status() {
      return status;
    },
    onStatus(listener: (status: ConnectionStatus) => void) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    /** Called after the socket came back, so views can reload what changed while it was down (watches resume). */
    onReconnect(listener: () => void) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    /**
     * The `message`, `deleted` and `conversation` frames of one conversation after `version` (a snapshot's), across
     * reconnects: each reconnect resumes after the last version delivered. Member changes go to `onSharing`.
     */
    watch(conversationId: string, version: number, listener: (frame: WatchFrame) => void) {
      const watch = watchers.get(conversationId) ?? { listeners: new Set(), version };
      const first = watch.listeners.size === 0;
      watch.listeners.add(listener);
      watchers.set(conversationId, watch);
      if (first && connection) watchOn(connection, conversationId, version);
      return () => {
        watch.listeners.delete(listener);
        if (watch.listeners.size > 0 || watchers.get(conversationId) !== watch) return;
        watchers.delete(conversationId);
        connection?.send({ type: "unwatch", conversationId });
      };
    },
    /** Who is in the watched conversations, and changes to their members. */
    onSharing(listener: (frame: PresenceFrame | MemberFrame) => void) {
      sharingListeners.add(listener);
      return () => sharingListeners.delete(listener);
    },
    /** Tells the conversation's other watchers what this page's user is doing there (undefined: gone). */
    setPresence(conversationId: string, state: PresenceState | undefined) {
      if (state === undefined) return void presence.delete(conversationId);
      if (presence.get(conversationId) === state) return;
      presence.set(conversationId, state);
      connection?.send({ type: "presence", conversationId, state });
    },
    /** Every conversation of the user created, renamed or deleted on any device, across reconnects. */
    watchConversations(listener: (frame: ConversationFrame) => void) {
      conversationWatchers.add(listener);
      if (connection && watchingAllOn !== connection) watchAllOn(connection);
      return () => {
        conversationWatchers.delete(listener);
        // The list's changes have no version to resume from: a listener swapped for another in the same task (a
        // view re-subscribing) must not unwatch and watch again, which would drop what happens in between.
        queueMicrotask(() => {
          if (conversationWatchers.size > 0 || !connection || watchingAllOn !== connection) return;
          watchingAllOn = undefined;
          connection.send({ type: "unwatchConversations" });
        });
      };
    },
    /** Follows a generation from after `after` to its end; returns a function that stops following. */
    followStream(streamId: string, after: number, handlers: StreamHandlers) {
      const subscription: Subscription = { ...handlers, after };
      subscriptions.set(streamId, subscription);
      if (connection) void follow(connection, streamId, subscription);
      return () => {
        if (subscriptions.get(streamId) !== subscription) return;
        subscriptions.delete(streamId);
        connection?.send({ type: "unsubscribe", streamId });
      };
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      if (typeof window !== "undefined") window.removeEventListener("online", onOnline);
      connection?.close();
      connection = undefined;
    },
  };
}
export type Realtime = ReturnType<typeof createRealtime>;
